// The list of problems under the editor (from Check, Run or Debug): line,
// severity, message and hint; clicking one puts the cursor there.

import { h, fill } from "../dom.js";

/** Server diagnostics in one shape: message in the page's language. */
export function normalise(list, lang) {
  return (list || []).map((d) => ({
    line: Number(d.line) || 1,
    column: Number(d.column) || 1,
    end_column: d.end_column == null ? null : Number(d.end_column),
    severity: d.severity === "warning" ? "warning" : "error",
    message: d.message || d[`message_${lang}`] || d.message_en || "",
    hint: d.hint || d[`hint_${lang}`] || null,
    // Optional: "positions" when the line is one of the positions text.
    where: d.where === "positions" ? "positions" : "program",
  }));
}

export class DiagnosticsPanel {
  constructor(t, onPick) {
    this.t = t;
    this.onPick = onPick;
    this.summary = h("p", { class: "lab-diag-summary", role: "status" });
    this.list = h("ul", { class: "lab-diag-list" });
    this.element = h("div", { class: "lab-diagnostics", id: "lab-diagnostics" }, this.summary, this.list);
    this.element.hidden = true;
  }

  /** Show a list; `announce`: also say "no problems" when it is empty. */
  show(list, { announce = false } = {}) {
    const t = this.t;
    const errors = list.filter((d) => d.severity === "error").length;
    const warnings = list.length - errors;
    this.element.hidden = !list.length && !announce;
    this.summary.textContent = list.length ? t("check_summary", { errors, warnings }) : t("check_ok");
    this.summary.className = `lab-diag-summary ${errors ? "is-error" : warnings ? "is-warning" : "is-ok"}`;
    fill(
      this.list,
      list.map((d) =>
        h(
          "li",
          { class: `lab-diag is-${d.severity}`, dataset: { line: String(d.line) } },
          h(
            "button",
            { type: "button", class: "lab-diag-btn", onclick: () => this.onPick(d) },
            h("span", { class: "lab-diag-where" }, t("line_column", { line: d.line, column: d.column })),
            h("span", { class: "lab-diag-severity" }, t(d.severity === "warning" ? "severity_warning" : "severity_error")),
            h("span", { class: "lab-diag-message" }, d.message),
            d.hint ? h("span", { class: "lab-diag-hint" }, `${t("hint")}: ${d.hint}`) : null
          )
        )
      )
    );
  }

  clear() {
    this.show([]);
  }
}
