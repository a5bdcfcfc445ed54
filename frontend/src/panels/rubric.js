// The grade of a submission (GradeResult.as_dict): total and pass/fail, one
// row per check (title, score / max, status, feedback and the per-scenario
// details of visible checks), the visible scenarios' outcomes, and the hidden
// scenarios only as a count passed / failed.

import { h, fill, score, seconds } from "../dom.js";

function pick(obj, base, lang) {
  if (!obj) return "";
  return obj[`${base}_${lang}`] || obj[`${base}_en`] || obj[base] || "";
}

export class RubricPanel {
  constructor(t, lang, scenarios) {
    this.t = t;
    this.lang = lang;
    this.titles = new Map((scenarios || []).map((s) => [s.id, s.title]));
    this.body = h("div", { class: "lab-rubric-body" });
    this.element = h("div", { class: "lab-rubric", "aria-live": "polite" }, this.body);
  }

  clear() {
    fill(this.body);
  }

  /** result: GradeResult.as_dict; meta: {attempt, url} of the submission, optional. */
  show(result, meta = {}) {
    const t = this.t;
    if (!result) return this.clear();
    const passed = !!result.passed;
    const head = h(
      "div",
      { class: `lab-score-card ${passed ? "is-passed" : "is-failed"}` },
      h(
        "div",
        { class: "lab-score-main" },
        h("span", { class: "lab-score-label" }, t("score")),
        h(
          "span",
          { id: "lab-score", class: "lab-score-value", dataset: { score: String(result.score), max: String(result.max_score) } },
          `${score(result.score)} / ${score(result.max_score)}`
        )
      ),
      h("span", { class: `lab-badge ${passed ? "is-passed" : "is-failed"}` }, t(passed ? "passed" : "not_passed")),
      result.attempt || meta.attempt
        ? h("span", { class: "lab-muted" }, t("attempt_n", { attempt: meta.attempt || result.attempt }))
        : null,
      result.penalty_pct > 0 ? h("span", { class: "lab-muted" }, t("penalty", { pct: `${score(result.penalty_pct)}%` })) : null
    );
    const parts = [head];
    if (result.compiled === false) {
      parts.push(h("p", { class: "lab-alert is-error" }, t("not_compiled")));
      const diags = result.diagnostics || [];
      if (diags.length) {
        parts.push(
          h(
            "ul",
            { class: "lab-diag-list" },
            diags.map((d) =>
              h("li", { class: `lab-diag is-${d.severity}` }, `${t("line_n", { line: d.line })}: ${d.message || pick(d, "message", this.lang)}`)
            )
          )
        );
      }
    }
    parts.push(this.checks(result.tests || []));
    parts.push(this.scenarios(result.scenarios || []));
    fill(this.body, parts);
  }

  checks(tests) {
    const t = this.t;
    const rows = tests.map((c) => {
      const visible = c.visibility === "visible" || c.visibility === undefined;
      const details = visible
        ? (c.details || [])
            .filter((d) => pick(d, "detail", this.lang))
            .map((d) =>
              h(
                "li",
                {},
                d.scenario ? h("span", { class: "lab-muted" }, `${this.titles.get(d.scenario) || d.scenario}: `) : null,
                pick(d, "detail", this.lang)
              )
            )
        : [];
      const feedback = pick(c, "feedback", this.lang);
      return h(
        "tr",
        { class: `is-${c.status}`, dataset: { check: c.id } },
        h(
          "th",
          { scope: "row" },
          pick(c, "name", this.lang) || c.id,
          visible ? null : h("span", { class: "lab-tag" }, t("hidden_check"))
        ),
        h("td", { class: "lab-num" }, `${score(c.score)} / ${score(c.max_score)}`),
        h("td", {}, h("span", { class: `lab-status is-${c.status}` }, t(`status_${c.status}`))),
        h(
          "td",
          {},
          feedback ? h("p", { class: "lab-feedback" }, feedback) : null,
          details.length ? h("ul", { class: "lab-details" }, details) : null
        )
      );
    });
    return h(
      "table",
      { class: "lab-table lab-rubric-table" },
      h("caption", { class: "lab-sr" }, t("result")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("rubric_check")),
          h("th", { scope: "col" }, t("rubric_points")),
          h("th", { scope: "col" }, t("rubric_status")),
          h("th", { scope: "col" }, t("rubric_feedback"))
        )
      ),
      h("tbody", {}, rows)
    );
  }

  scenarios(list) {
    const t = this.t;
    const visible = list.filter((s) => s.visible);
    const hidden = list.filter((s) => !s.visible);
    const items = visible.map((s) => {
      const error = s.error ? pick(s.error, "message", this.lang) : "";
      return h(
        "li",
        { class: `lab-scenario ${s.passed ? "is-passed" : "is-failed"}`, dataset: { scenario: s.id } },
        h("span", { class: `lab-status ${s.passed ? "is-passed" : "is-failed"}` }, t(s.passed ? "scenario_passed" : "scenario_failed")),
        h("span", { class: "lab-scenario-title" }, this.titles.get(s.id) || s.id),
        s.time_s != null ? h("span", { class: "lab-muted" }, `${seconds(s.time_s)} s`) : null,
        error ? h("span", { class: "lab-scenario-error" }, error) : null
      );
    });
    const passed = hidden.filter((s) => s.passed).length;
    return h(
      "section",
      { class: "lab-scenarios" },
      h("h4", {}, t("scenarios")),
      items.length ? h("ul", { class: "lab-scenario-list" }, items) : null,
      hidden.length
        ? h("p", { class: "lab-hidden-count" }, t("hidden_scenarios", { passed, failed: hidden.length - passed }))
        : null
    );
  }
}
