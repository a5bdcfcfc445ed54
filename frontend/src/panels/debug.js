// The debugger: Step, Continue, Run to cursor, Stop. The server is stateless
// and replays the command list from the start each time, so this panel keeps
// the list, appends one command per click and resets it on an edit, a
// breakpoint change or Stop. It shows why and where the program stopped, the
// variables and the I/O image.

import { h, fill, seconds } from "../dom.js";
import { ioImage } from "./io.js";
import { normalise } from "./diagnostics.js";

const FINAL = new Set(["completed", "halted", "error"]);

export class DebugPanel {
  /**
   * api: Api; editor: ProgramEditor; read(): {program, positions};
   * scenario(): index; labels(): scene labels for the I/O names (or null);
   * onDiagnostics(list); onBusy(bool).
   */
  constructor({ t, lang, api, editor, read, scenario, labels, onDiagnostics }) {
    Object.assign(this, { t, lang, api, editor, read, scenario, labels, onDiagnostics });
    this.commands = [];
    this.busy = false;
    this.finished = false;
    const button = (id, key, onclick) =>
      h("button", { id, type: "button", class: "lab-btn", onclick }, t(key));
    this.stepButton = button("lab-step", "step", () => this.send("step"));
    this.continueButton = button("lab-continue", "continue", () => this.send("resume"));
    this.cursorButton = button("lab-run-to-cursor", "run_to_cursor", () =>
      this.send({ to_line: this.editor.cursorLine() })
    );
    this.stopButton = button("lab-stop", "stop", () => this.stop());
    this.stopButton.disabled = true;
    this.status = h("p", { class: "lab-debug-status", role: "status", "aria-live": "polite" }, t("debug_idle"));
    this.variables = h("div", { class: "lab-debug-vars" });
    this.io = h("div", { class: "lab-debug-io" });
    this.element = h(
      "div",
      { class: "lab-debug" },
      h("div", { class: "lab-toolbar" }, this.stepButton, this.continueButton, this.cursorButton, this.stopButton),
      h("p", { class: "lab-muted lab-small" }, t("debug_hint")),
      this.status,
      (this.grid = h(
        "div",
        { class: "lab-debug-grid", hidden: true },
        h("section", {}, h("h4", {}, t("variables")), this.variables),
        h("section", {}, h("h4", {}, t("io")), this.io)
      ))
    );
  }

  get active() {
    return this.commands.length > 0;
  }

  /** The program or the breakpoints changed: the next command starts over. */
  invalidate() {
    if (!this.active) return;
    this.commands = [];
    this.finished = false;
    this.editor.mark("debug", null);
    this.status.textContent = this.t("debug_restart");
    this.stopButton.disabled = true;
  }

  stop() {
    this.commands = [];
    this.finished = false;
    this.editor.mark("debug", null);
    this.editor.mark("error", null);
    this.status.textContent = this.t("debug_idle");
    fill(this.variables);
    fill(this.io);
    this.grid.hidden = true;
    this.stopButton.disabled = true;
  }

  setBusy(busy) {
    this.busy = busy;
    for (const b of [this.stepButton, this.continueButton, this.cursorButton]) b.disabled = busy;
    this.element.classList.toggle("is-busy", busy);
  }

  async send(command) {
    if (this.busy) return;
    if (this.finished) {
      // The program ended: a new command starts a new session.
      this.commands = [];
      this.finished = false;
    }
    const commands = [...this.commands, command];
    const { program, positions } = this.read();
    this.setBusy(true);
    this.status.textContent = this.t("debug_working");
    try {
      const answer = await this.api.debug(program, positions, this.scenario(), this.editor.breakpoints(), commands);
      this.commands = commands;
      this.show(answer || {});
    } catch (err) {
      this.status.textContent = err.message;
      this.status.classList.add("is-error");
    } finally {
      this.setBusy(false);
    }
  }

  show(answer) {
    const t = this.t;
    if (!answer.stop) {
      // The program did not compile: nothing ran.
      this.finished = true;
      this.onDiagnostics?.(normalise(answer.diagnostics, this.lang));
      this.status.textContent = t("status_not_compiled");
      this.status.classList.add("is-error");
      this.status.dataset.reason = "not_compiled";
      this.editor.mark("debug", null);
      this.grid.hidden = true;
      return;
    }
    const stop = answer.stop;
    const reason = stop.reason || "step";
    this.finished = FINAL.has(reason);
    this.stopButton.disabled = false;
    this.grid.hidden = false;
    const diagnostics = normalise(answer.diagnostics, this.lang);
    if (diagnostics.length || answer.diagnostics) this.onDiagnostics?.(diagnostics);
    const parts = [t(`reason_${reason}`)];
    if (stop.line) parts.push(t("debug_at", { line: stop.line, time: seconds(stop.time_s || 0) }));
    const error = answer.error;
    const errorText = error ? error.message || error[`message_${this.lang}`] || error.message_en : "";
    if (errorText) parts.push(errorText);
    this.status.textContent = parts.join(" · ");
    this.status.classList.toggle("is-error", reason === "error" || !!error);
    this.status.dataset.reason = reason;
    this.editor.mark("debug", this.finished ? null : stop.line || null, { scroll: true });
    this.editor.mark("error", error && error.line ? error.line : null);
    this.showVariables(answer.variables || {});
    fill(this.io, ioImage(answer.io || {}, this.labels?.() || null, t));
  }

  showVariables(vars) {
    const t = this.t;
    const names = Object.keys(vars);
    if (!names.length) {
      fill(this.variables, h("p", { class: "lab-muted" }, t("variables_none")));
      return;
    }
    fill(
      this.variables,
      h(
        "table",
        { class: "lab-table lab-vars-table" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", { scope: "col" }, t("variable_name")), h("th", { scope: "col" }, t("variable_value")))
        ),
        h(
          "tbody",
          {},
          names.map((name) => h("tr", {}, h("th", { scope: "row" }, name), h("td", { class: "lab-mono" }, String(vars[name]))))
        )
      )
    );
  }
}
