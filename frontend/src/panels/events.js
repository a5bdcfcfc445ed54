// The events list of a run: each event at its time, the ones already passed
// at the playback time marked, the latest one kept in view. Clicking an
// event jumps there.

import { h, fill, seconds } from "../dom.js";

const QUIET = new Set(["statement"]); // one per statement: the editor shows these

export function eventText(e, t, lang) {
  const d = e.data || {};
  const parts = [];
  const message = d[`message_${lang}`] || d.message_en;
  switch (e.kind) {
    case "output":
    case "input":
      parts.push(`${t(e.kind === "input" ? "io_in" : "io_out")} ${d.bit} = ${d.value}`);
      if (e.subject) parts.push(`(${e.subject})`);
      break;
    case "conveyor":
      parts.push(e.subject || "", t(d.running ? "io_on" : "io_off"));
      break;
    case "motion_start":
      parts.push(e.subject || "");
      if (d.duration_s != null) parts.push(`${seconds(d.duration_s)} s`);
      break;
    case "placed":
    case "fell":
    case "dropped":
      parts.push(e.subject || "", d.on ? `→ ${d.on}` : "");
      break;
    case "grasp_failed":
      parts.push(d.nearest || "", d.reason ? `(${d.reason})` : "");
      break;
    case "program_end":
    case "run_end":
      parts.push(d.status || "");
      break;
    case "interrupt":
      parts.push(d.condition || "");
      break;
    default:
      if (e.subject) parts.push(e.subject);
  }
  if (message) parts.push(message);
  return parts.filter(Boolean).join(" ");
}

const SEVERE = new Set(["collision", "error", "zone_violation", "ssm_violation", "dropped", "fell", "grasp_failed", "protective_stop"]);

export class EventsPanel {
  constructor(t, lang, onSeek) {
    this.t = t;
    this.lang = lang;
    this.onSeek = onSeek;
    this.list = h("ol", { class: "lab-events-list" });
    this.empty = h("p", { class: "lab-muted" }, t("events_none"));
    this.element = h("div", { class: "lab-events" }, this.empty, this.list);
    this.rows = [];
    this.current = -1;
  }

  setTrace(trace) {
    const events = (trace?.events || []).filter((e) => !QUIET.has(e.kind));
    this.rows = events.map((e) => {
      const node = h(
        "li",
        { class: `lab-event${SEVERE.has(e.kind) ? " is-severe" : ""}`, dataset: { kind: e.kind } },
        h(
          "button",
          { type: "button", class: "lab-event-btn", onclick: () => this.onSeek(e.t) },
          h("span", { class: "lab-event-time" }, `${seconds(e.t, 3)} s`),
          h("span", { class: "lab-event-kind" }, this.t(`ev_${e.kind}`)),
          h("span", { class: "lab-event-text" }, eventText(e, this.t, this.lang))
        )
      );
      return { t: e.t, node };
    });
    fill(this.list, this.rows.map((r) => r.node));
    this.empty.hidden = this.rows.length > 0;
    this.current = -1;
  }

  update(time) {
    let current = -1;
    this.rows.forEach((row, i) => {
      const past = row.t <= time + 1e-9;
      row.node.classList.toggle("is-past", past);
      if (past) current = i;
    });
    if (current !== this.current) {
      if (this.current >= 0) this.rows[this.current]?.node.classList.remove("is-current");
      this.current = current;
      const row = this.rows[current];
      if (row) {
        row.node.classList.add("is-current");
        // Scroll the list only, never the page.
        const box = this.element;
        const top = row.node.offsetTop; // .lab-events is position: relative
        if (top < box.scrollTop || top + row.node.offsetHeight > box.scrollTop + box.clientHeight) {
          box.scrollTop = Math.max(0, top - box.clientHeight / 2);
        }
      }
    }
  }
}
