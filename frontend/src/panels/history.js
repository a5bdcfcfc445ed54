// The trainee's earlier submissions of this exercise, newest first, each a
// link to its page.

import { h, fill, score } from "../dom.js";

export class HistoryPanel {
  constructor(t, lang) {
    this.t = t;
    this.lang = lang;
    this.list = h("ol", { class: "lab-history-list", reversed: true });
    this.message = h("p", { class: "lab-muted" });
    this.element = h("div", { class: "lab-history" }, this.message, this.list);
  }

  async load(api) {
    try {
      this.show(await api.submissions());
    } catch (err) {
      this.message.textContent = err.message;
      this.message.hidden = false;
    }
  }

  date(text) {
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) return text || "";
    try {
      return new Intl.DateTimeFormat(this.lang === "ko" ? "ko-KR" : "en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(d);
    } catch {
      return d.toISOString();
    }
  }

  show(items) {
    const list = Array.isArray(items) ? [...items] : [];
    list.sort((a, b) => (b.attempt || 0) - (a.attempt || 0));
    this.message.textContent = list.length ? "" : this.t("history_none");
    this.message.hidden = list.length > 0;
    fill(
      this.list,
      list.map((s) =>
        h(
          "li",
          { class: `lab-history-item ${s.passed ? "is-passed" : "is-failed"}` },
          h(
            "a",
            { href: s.url || "#" },
            h("span", { class: "lab-history-attempt" }, this.t("attempt_n", { attempt: s.attempt })),
            h("span", { class: "lab-history-date" }, this.date(s.created_at)),
            h("span", { class: "lab-history-score" }, `${score(s.score)} / ${score(s.max_score)}`),
            h("span", { class: `lab-badge ${s.passed ? "is-passed" : "is-failed"}` }, this.t(s.passed ? "passed" : "not_passed"))
          )
        )
      )
    );
  }
}
