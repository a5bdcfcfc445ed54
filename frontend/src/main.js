// The virtual robot lab page: reads #lab-data and #lab-strings, builds the
// editor, the 3D player and the panels inside #lab-root, and wires them to
// the lab API. See frontend/README.md for the page contract.

import "./lab.css";
import { h, fill, seconds } from "./dom.js";
import { makeTranslator } from "./i18n.js";
import { Api } from "./api.js";
import { ProgramEditor, PositionsEditor } from "./editor.js";
import { Autosave, initialText } from "./autosave.js";
import { Viewer, webglAvailable } from "./player/viewer.js";
import { Player } from "./player/player.js";
import { Timeline } from "./player/timeline.js";
import { indexAt } from "./player/math.js";
import { IoPanel } from "./panels/io.js";
import { EventsPanel } from "./panels/events.js";
import { DiagnosticsPanel, normalise } from "./panels/diagnostics.js";
import { DebugPanel } from "./panels/debug.js";
import { RubricPanel } from "./panels/rubric.js";
import { HistoryPanel } from "./panels/history.js";

function readJson(id) {
  const node = document.getElementById(id);
  if (!node) return null;
  try {
    return JSON.parse(node.textContent || "null");
  } catch {
    return null;
  }
}

function section(title, body, attrs = {}) {
  const id = `lab-h-${Math.random().toString(36).slice(2, 8)}`;
  return h(
    "section",
    { class: `lab-panel ${attrs.class || ""}`, "aria-labelledby": id, id: attrs.id },
    h("h3", { class: "lab-panel-title", id }, title),
    body
  );
}

/** Which editor line runs at time t, from the run's `lines` (or its statement events). */
function lineTable(run) {
  let lines = Array.isArray(run?.lines) ? run.lines : null;
  if (!lines || !lines.length) {
    lines = (run?.trace?.events || [])
      .filter((e) => e.kind === "statement" && e.data && e.data.line)
      .map((e) => ({ t: e.t, line: e.data.line }));
  }
  lines = [...lines].sort((a, b) => a.t - b.t);
  return { ts: lines.map((l) => l.t), lines: lines.map((l) => l.line) };
}

export class Lab {
  constructor(root, data, strings) {
    this.root = root;
    this.data = data;
    this.lang = data.lang === "en" ? "en" : "ko";
    this.t = makeTranslator(strings);
    this.replay = data.replay || null;
    this.readonly = !!data.readonly || !!this.replay;
    this.api = new Api(data.api, data.csrf_token, this.t);
    this.lastRun = null;
    this.lineTable = { ts: [], lines: [] };
    this.build();
  }

  // -- layout -------------------------------------------------------------------

  build() {
    const t = this.t;
    const data = this.data;
    const root = this.root;
    root.classList.add("lab");
    root.lang = this.lang;
    root.dataset.playbackTime = "0";

    const start = this.replay
      ? { program: this.replay.program || "", positions: this.replay.positions || "", restored: false }
      : initialText(data);

    // Header
    this.saveStatus = h("span", { class: "lab-save-status", role: "status", "aria-live": "polite" });
    const header = h(
      "header",
      { class: "lab-topbar" },
      h("h2", { class: "lab-title" }, data.title || t("lab")),
      this.replay ? h("span", { class: "lab-banner" }, t("replay_banner")) : null,
      this.readonly && !this.replay ? h("span", { class: "lab-banner" }, t("readonly")) : null,
      this.readonly ? null : this.saveStatus
    );

    // Instructions
    const instructions = h("div", { class: "lab-instructions-body" });
    instructions.innerHTML = data.instructions_html || ""; // sanitised by the server
    const instructionsBox = h(
      "details",
      { class: "lab-instructions", open: true },
      h("summary", {}, t("instructions")),
      instructions
    );

    // Editors
    const programHost = h("div", { class: "lab-editor-host" });
    const positionsHost = h("div", { class: "lab-editor-host" });
    this.checkButton = h("button", { id: "lab-check", type: "button", class: "lab-btn", onclick: () => this.check() }, t("check"));
    const positionsEditable = !this.readonly && data.positions_editable !== false;
    this.diagnostics = new DiagnosticsPanel(t, (d) => (d.where === "positions" ? this.positions : this.editor).goto(d.line, d.column));
    const codeColumn = h(
      "div",
      { class: "lab-code" },
      instructionsBox,
      h(
        "div",
        { class: "lab-editors" },
        h(
          "div",
          { class: "lab-pane lab-pane-program" },
          h(
            "div",
            { class: "lab-pane-head" },
            h("h3", { class: "lab-pane-title" }, t("program")),
            this.replay || !this.data.api?.check ? null : this.checkButton
          ),
          programHost
        ),
        h(
          "div",
          { class: "lab-pane lab-pane-positions" },
          h(
            "div",
            { class: "lab-pane-head" },
            h("h3", { class: "lab-pane-title" }, t("positions")),
            positionsEditable ? null : h("span", { class: "lab-tag", title: t("positions_locked") }, t("readonly"))
          ),
          positionsHost
        )
      ),
      this.diagnostics.element
    );

    // Run controls and the 3D view
    this.scenarioSelect = h(
      "select",
      { id: "lab-scenario", "aria-label": t("scenario") },
      (data.scenarios || []).map((s) => h("option", { value: String(s.index) }, s.title || s.id))
    );
    this.runButton = h("button", { id: "lab-run", type: "button", class: "lab-btn lab-btn-primary", onclick: () => this.runProgram() }, `▶ ${t("run")}`);
    this.submitButton = h("button", { id: "lab-submit", type: "button", class: "lab-btn lab-btn-accent", onclick: () => this.submit() }, t("submit"));
    this.runStatus = h("p", { class: "lab-run-status", id: "lab-run-status", role: "status", "aria-live": "polite" });
    const canRun = !this.replay && !!data.api?.run;
    const canSubmit = !this.readonly && !!data.api?.submit;
    const runBar = h(
      "div",
      { class: "lab-toolbar lab-runbar" },
      canRun
        ? h("label", { class: "lab-field" }, h("span", {}, t("scenario")), this.scenarioSelect)
        : null,
      canRun ? this.runButton : null,
      canSubmit ? this.submitButton : null
    );
    this.canvasWrap = h("div", { class: "lab-canvas-wrap" });
    this.viewerMessage = h("div", { class: "lab-canvas-message" }, t("viewer_empty"));
    this.canvasWrap.append(this.viewerMessage);
    let viewer = null;
    if (webglAvailable()) {
      try {
        viewer = new Viewer(this.canvasWrap, { label: t("viewer") });
      } catch {
        viewer = null;
      }
    }
    if (!viewer) this.viewerMessage.textContent = t("no_webgl");
    this.viewer = viewer;
    this.player = new Player(viewer);
    this.timeline = new Timeline(this.player, t);
    const resetView = viewer
      ? h("button", { type: "button", class: "lab-btn lab-btn-small", onclick: () => viewer.resetView() }, t("reset_view"))
      : null;
    const viewColumn = h(
      "div",
      { class: "lab-view" },
      runBar,
      this.runStatus,
      this.canvasWrap,
      h("div", { class: "lab-view-controls" }, this.timeline.element, resetView)
    );

    // Panels below
    this.io = new IoPanel(t);
    this.events = new EventsPanel(t, this.lang, (time) => this.player.seek(time));
    this.rubric = new RubricPanel(t, this.lang, data.scenarios);
    this.history = new HistoryPanel(t, this.lang);
    this.submitStatus = h("p", { class: "lab-submit-status", role: "status", "aria-live": "polite" });

    // Editors come after the layout exists (the debugger needs the editor).
    const panels = h("div", { class: "lab-panels" });
    fill(
      root,
      header,
      h("div", { class: "lab-grid" }, codeColumn, viewColumn),
      panels
    );
    this.editor = new ProgramEditor({
      parent: programHost,
      doc: start.program,
      readonly: this.readonly,
      label: t("program_label"),
      nonce: data.csp_nonce,
      breakpoints: !this.replay,
      onChange: () => this.edited(),
      onBreakpoints: () => this.debugger?.invalidate(),
    });
    this.positions = new PositionsEditor({
      parent: positionsHost,
      doc: start.positions,
      readonly: !positionsEditable,
      label: t("positions_label"),
      nonce: data.csp_nonce,
      onChange: () => this.edited(),
    });

    const panelList = [section(t("io"), this.io.element, { class: "lab-panel-io" }), section(t("events"), this.events.element, { class: "lab-panel-events" })];
    if (!this.replay && data.api?.debug) {
      this.debugger = new DebugPanel({
        t,
        lang: this.lang,
        api: this.api,
        editor: this.editor,
        read: () => this.texts(),
        scenario: () => this.scenario(),
        labels: () => data.io_labels || this.lastRun?.trace?.scene?.labels || null,
        onDiagnostics: (list) => this.showDiagnostics(list),
      });
      panelList.push(section(t("debugger"), this.debugger.element, { class: "lab-panel-debug" }));
    }
    const resultBody = h("div", {}, this.submitStatus, this.rubric.element);
    this.resultSection = section(t("result"), resultBody, { class: "lab-panel-result", id: "lab-result" });
    this.resultSection.hidden = true;
    panelList.push(this.resultSection);
    if (!this.replay && data.api?.submissions) {
      panelList.push(section(t("history"), this.history.element, { class: "lab-panel-history" }));
    }
    fill(panels, panelList);

    // Playback follows
    this.player.onTime((time) => this.tick(time));

    // Autosave
    if (!this.readonly && data.storage_key) {
      this.autosave = new Autosave({
        key: data.storage_key,
        api: this.api,
        read: () => this.texts(),
        serverSavedAt: data.draft_saved_at,
        dirty: start.restored,
        onStatus: (state, detail) => this.showSave(state, detail),
      });
      if (start.restored) this.runStatus.textContent = t("save_restored");
    }

    if (this.replay) {
      if (this.replay.run) this.loadRun(this.replay.run, { autoplay: false });
      if (this.replay.result) {
        this.rubric.show(this.replay.result);
        this.resultSection.hidden = false;
      }
    } else if (data.api?.submissions) {
      this.history.load(this.api);
    }
  }

  // -- state ---------------------------------------------------------------------

  texts() {
    return { program: this.editor.text, positions: this.positions.text };
  }

  scenario() {
    const value = Number(this.scenarioSelect.value);
    return Number.isFinite(value) ? value : 0;
  }

  edited() {
    this.editor.mark("running", null);
    this.editor.mark("error", null);
    this.debugger?.invalidate();
    this.autosave?.changed();
  }

  showSave(state, detail) {
    const t = this.t;
    const text = {
      saved: t("save_saved"),
      saving: t("save_saving"),
      unsaved: t("save_unsaved"),
      offline: t("save_offline"),
      failed: t("save_failed", { detail: detail || "" }),
    }[state];
    this.saveStatus.textContent = text || "";
    this.saveStatus.dataset.state = state;
  }

  showDiagnostics(list, { announce = false } = {}) {
    const forPositions = list.filter((d) => d.where === "positions");
    const forProgram = list.filter((d) => d.where !== "positions");
    this.editor.setDiagnostics(forProgram);
    this.positions.setDiagnostics(forPositions);
    this.diagnostics.show(list, { announce });
  }

  setBusy(button, busy, label) {
    if (!button) return;
    if (busy) {
      button.dataset.label = button.textContent;
      button.textContent = label;
    } else if (button.dataset.label) {
      button.textContent = button.dataset.label;
    }
    button.disabled = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // -- actions -----------------------------------------------------------------------

  async check() {
    const { program, positions } = this.texts();
    this.setBusy(this.checkButton, true, this.t("checking"));
    try {
      const answer = await this.api.check(program, positions);
      this.showDiagnostics(normalise(answer?.diagnostics, this.lang), { announce: true });
    } catch (err) {
      this.diagnostics.element.hidden = false;
      this.diagnostics.summary.textContent = err.message;
      this.diagnostics.summary.className = "lab-diag-summary is-error";
    } finally {
      this.setBusy(this.checkButton, false);
    }
  }

  async runProgram() {
    const { program, positions } = this.texts();
    const t = this.t;
    this.player.pause();
    this.setBusy(this.runButton, true, t("running"));
    this.runStatus.className = "lab-run-status";
    this.runStatus.textContent = t("running");
    try {
      const run = await this.api.run(program, positions, this.scenario());
      this.loadRun(run || {}, { autoplay: true });
    } catch (err) {
      this.runStatus.textContent = err.message;
      this.runStatus.className = "lab-run-status is-error";
    } finally {
      this.setBusy(this.runButton, false);
    }
  }

  /** Show a run answer: diagnostics, status, the 3D playback, I/O and events. */
  loadRun(run, { autoplay = false } = {}) {
    const t = this.t;
    this.lastRun = run;
    window.robocampusLab = Object.assign(window.robocampusLab || {}, { lastRun: run, player: this.player });
    this.showDiagnostics(normalise(run.diagnostics, this.lang));
    this.editor.mark("running", null);
    this.editor.mark("error", null);
    this.lineTable = lineTable(run);
    const loaded = this.player.load(run);
    this.viewerMessage.hidden = loaded && !!this.viewer;
    if (!loaded) {
      if (this.viewer) this.viewerMessage.textContent = t("viewer_empty");
      this.io.setTrace(null);
      this.events.setTrace(null);
      this.runStatus.textContent = t("status_not_compiled");
      this.runStatus.className = "lab-run-status is-error";
      return;
    }
    this.io.setTrace(run.trace);
    this.events.setTrace(run.trace);
    const status = run.status || run.trace?.final?.status || "completed";
    const known = ["completed", "halted", "error"].includes(status) ? status : "error";
    const parts = [h("strong", {}, t(`status_${known}`))];
    if (run.cycle_time_s != null) parts.push(" · ", t("cycle_time", { time: seconds(Number(run.cycle_time_s), 3) }));
    const error = run.error || (run.trace?.final?.error ? { line: null, message: null, time_s: run.trace.final.time_s } : null);
    if (error) {
      const message = error.message || error[`message_${this.lang}`] || error.message_en ||
        run.trace?.final?.error?.[`message_${this.lang}`] || run.trace?.final?.error?.message_en || "";
      const time = Number(error.time_s ?? run.trace?.final?.time_s ?? 0);
      const line = error.line;
      parts.push(
        h(
          "span",
          { class: "lab-run-error", id: "lab-run-error", dataset: { line: line ? String(line) : "", time: String(time) } },
          line
            ? t("error_at", { time: seconds(time, 3), line, message })
            : t("error_at_noline", { time: seconds(time, 3), message })
        )
      );
      if (line) this.editor.mark("error", line, { scroll: true });
      fill(this.runStatus, parts);
      this.runStatus.className = "lab-run-status is-error";
      this.player.seek(time);
      return;
    }
    fill(this.runStatus, parts);
    this.runStatus.className = `lab-run-status is-${known}`;
    if (autoplay) this.player.play();
  }

  /** Everything that follows the playback time. */
  tick(time) {
    this.root.dataset.playbackTime = time.toFixed(3);
    this.io.update(time);
    this.events.update(time);
    const i = indexAt(this.lineTable.ts, time);
    this.editor.mark("running", i >= 0 ? this.lineTable.lines[i] : null, { scroll: this.player.playing });
  }

  async submit() {
    const t = this.t;
    const { program, positions } = this.texts();
    this.setBusy(this.submitButton, true, t("submitting"));
    this.submitStatus.textContent = t("submitting");
    this.submitStatus.className = "lab-submit-status";
    this.resultSection.hidden = false;
    try {
      this.autosave?.flush();
      const answer = await this.api.submit(program, positions);
      this.submitStatus.textContent = "";
      this.rubric.show(answer?.result || answer, { attempt: answer?.attempt, url: answer?.url });
      if (answer?.result?.diagnostics?.length) this.showDiagnostics(normalise(answer.result.diagnostics, this.lang));
      document.getElementById("lab-result")?.scrollIntoView({ behavior: "smooth", block: "start" });
      if (this.data.api?.submissions) this.history.load(this.api);
    } catch (err) {
      this.submitStatus.textContent = err.message;
      this.submitStatus.className = "lab-submit-status is-error";
    } finally {
      this.setBusy(this.submitButton, false);
    }
  }
}

function start() {
  const root = document.getElementById("lab-root");
  if (!root) return;
  const data = readJson("lab-data");
  const strings = readJson("lab-strings") || {};
  if (!data) {
    const t = makeTranslator(strings);
    root.textContent = t("error_bad_page");
    return;
  }
  const lab = new Lab(root, data, strings);
  window.robocampusLab = Object.assign(window.robocampusLab || {}, {
    lab,
    player: lab.player,
    lastRun: lab.lastRun,
    editor: lab.editor,
    positions: lab.positions,
  });
  document.body.dataset.labReady = "1";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
