// The two editors: the MELFA-BASIC program (line numbers, breakpoints in the
// gutter, lint markers, the running / error / debug line) and the taught
// positions beside it.

import { minimalSetup } from "codemirror";
import {
  EditorView,
  Decoration,
  GutterMarker,
  gutter,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
} from "@codemirror/view";
import { EditorState, StateEffect, StateField, RangeSet, Compartment } from "@codemirror/state";
import { bracketMatching, indentUnit } from "@codemirror/language";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { indentWithTab } from "@codemirror/commands";
import { autocompletion, completeFromList } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { melfa, KEYWORD_LIST, FUNCTION_LIST, STATUS_VARIABLES } from "./melfa-language.js";

// -- breakpoints ---------------------------------------------------------------

const breakpointEffect = StateEffect.define({
  map: (value, mapping) => ({ pos: mapping.mapPos(value.pos), on: value.on }),
});
const clearBreakpoints = StateEffect.define();

class BreakpointMarker extends GutterMarker {
  toDOM() {
    const dot = document.createElement("span");
    dot.className = "cm-breakpoint-dot";
    dot.textContent = "●";
    return dot;
  }
}
const breakpointMarker = new BreakpointMarker();

const breakpointState = StateField.define({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(clearBreakpoints)) set = RangeSet.empty;
      if (e.is(breakpointEffect)) {
        set = set.update({ filter: (from) => from !== e.value.pos });
        if (e.value.on) set = set.update({ add: [breakpointMarker.range(e.value.pos)] });
      }
    }
    return set;
  },
});

function breakpointLines(state) {
  const lines = new Set();
  state.field(breakpointState).between(0, state.doc.length, (from) => {
    lines.add(state.doc.lineAt(from).number);
  });
  return [...lines].sort((a, b) => a - b);
}

function toggleBreakpointAt(view, pos) {
  const line = view.state.doc.lineAt(pos);
  let on = true;
  view.state.field(breakpointState).between(line.from, line.to, (from) => {
    if (from === line.from) on = false;
  });
  view.dispatch({ effects: breakpointEffect.of({ pos: line.from, on }) });
  return true;
}

// -- highlighted lines: running (playback), error (runtime), debug (paused) -----

const setMarkedLine = StateEffect.define(); // {kind, line|null}

const MARK_CLASSES = {
  running: "cm-running-line",
  error: "cm-error-line",
  debug: "cm-debug-line",
};

const markedLines = StateField.define({
  create: () => ({ running: null, error: null, debug: null }),
  update(value, tr) {
    let next = value;
    for (const e of tr.effects) {
      if (e.is(setMarkedLine)) next = { ...next, [e.value.kind]: e.value.line };
    }
    return next;
  },
  provide: (field) =>
    EditorView.decorations.compute([field, breakpointState], (state) => {
      const marks = state.field(field);
      const ranges = [];
      const add = (line, cls) => {
        if (line && line >= 1 && line <= state.doc.lines) {
          ranges.push(Decoration.line({ class: cls }).range(state.doc.line(line).from));
        }
      };
      for (const line of breakpointLines(state)) add(line, "cm-breakpoint-line");
      for (const [kind, cls] of Object.entries(MARK_CLASSES)) add(marks[kind], cls);
      ranges.sort((a, b) => a.from - b.from);
      return Decoration.set(ranges, true);
    }),
});

// -- shared setup ----------------------------------------------------------------

function completion() {
  const options = [
    ...KEYWORD_LIST.map((label) => ({ label, type: "keyword" })),
    ...FUNCTION_LIST.map((label) => ({ label, type: "function" })),
    ...STATUS_VARIABLES.map((label) => ({ label, type: "variable" })),
  ];
  return autocompletion({ override: [completeFromList(options)], activateOnTyping: true });
}

function common({ readonly, label, nonce }) {
  const ext = [
    minimalSetup,
    melfa(),
    bracketMatching(),
    highlightSelectionMatches(),
    indentUnit.of("  "),
    keymap.of([...searchKeymap]),
    EditorView.contentAttributes.of({ "aria-label": label }),
    EditorState.readOnly.of(!!readonly),
  ];
  if (nonce) ext.push(EditorView.cspNonce.of(nonce));
  if (!readonly) ext.push(keymap.of([indentWithTab]));
  return ext;
}

// -- the program editor -----------------------------------------------------------

export class ProgramEditor {
  /**
   * parent: element; doc: text; readonly: bool; label: aria label;
   * onChange(text): after every edit; onBreakpoints(lines): after a toggle.
   */
  constructor({ parent, doc, readonly, label, nonce, breakpoints = true, onChange, onBreakpoints }) {
    this.onChange = onChange || (() => {});
    this.onBreakpoints = onBreakpoints || (() => {});
    this.readonly = !!readonly;
    const toggle = (view, line) => (breakpoints ? toggleBreakpointAt(view, line.from) : false);
    const extensions = [
      common({ readonly, label, nonce }),
      breakpointState,
      markedLines,
      lineNumbers({ domEventHandlers: { mousedown: toggle } }),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => this.update(update)),
    ];
    if (breakpoints) {
      extensions.push(
        gutter({
          class: "cm-breakpoint-gutter",
          markers: (view) => view.state.field(breakpointState),
          initialSpacer: () => breakpointMarker,
          domEventHandlers: { mousedown: toggle },
        }),
        keymap.of([
          {
            key: "F9",
            run: (view) => toggleBreakpointAt(view, view.state.selection.main.head),
          },
        ])
      );
    }
    if (!readonly) extensions.push(completion());
    this.view = new EditorView({
      parent,
      state: EditorState.create({ doc: doc || "", extensions }),
    });
    this.view.dom.classList.add("lab-editor", "lab-editor-program");
  }

  update(update) {
    if (update.docChanged) this.onChange(this.text);
    const toggled = update.transactions.some((tr) =>
      tr.effects.some((e) => e.is(breakpointEffect) || e.is(clearBreakpoints))
    );
    if (toggled) this.onBreakpoints(this.breakpoints());
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set text(value) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value || "" } });
  }

  get lineCount() {
    return this.view.state.doc.lines;
  }

  breakpoints() {
    return breakpointLines(this.view.state);
  }

  cursorLine() {
    const state = this.view.state;
    return state.doc.lineAt(state.selection.main.head).number;
  }

  /** Mark a line: kind "running" | "error" | "debug"; line null clears it. */
  mark(kind, line, { scroll = false } = {}) {
    const current = this.view.state.field(markedLines)[kind];
    if (current === line) return;
    const effects = [setMarkedLine.of({ kind, line })];
    if (scroll && line && line <= this.lineCount) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: "nearest" }));
    }
    this.view.dispatch({ effects });
  }

  markedLine(kind) {
    return this.view.state.field(markedLines)[kind];
  }

  /** Put the cursor on a line and scroll to it. */
  goto(line, column = 1) {
    gotoLine(this.view, line, column);
  }

  /**
   * Show diagnostics as lint markers. Each: {line, column, end_column,
   * severity, message, hint}; line/column 1-based; lines outside the text
   * go to its last line.
   */
  setDiagnostics(list) {
    this.view.dispatch(setDiagnostics(this.view.state, toCmDiagnostics(this.view.state.doc, list)));
  }
}

/** Convert server diagnostics to CodeMirror's {from, to, severity, message}. */
export function toCmDiagnostics(doc, list) {
  const out = [];
  for (const d of list || []) {
    const n = Math.min(Math.max(1, d.line || 1), doc.lines);
    const line = doc.line(n);
    let from = line.from + Math.max(0, (d.column || 1) - 1);
    if (from > line.to) from = line.to;
    let to = d.end_column ? line.from + Math.max(0, d.end_column - 1) : line.to;
    if (to > line.to) to = line.to;
    if (to <= from) {
      // An empty range still shows a marker; widen to the end of the word.
      const rest = doc.sliceString(from, line.to).match(/^\S+/);
      to = rest ? from + rest[0].length : from;
    }
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    out.push({ from, to, severity: d.severity === "warning" ? "warning" : "error", message: message || "" });
  }
  return out;
}

// -- the positions editor ----------------------------------------------------------

export class PositionsEditor {
  constructor({ parent, doc, readonly, label, nonce, onChange }) {
    this.onChange = onChange || (() => {});
    this.readonlyCompartment = new Compartment();
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: doc || "",
        extensions: [
          common({ readonly, label, nonce }),
          lineNumbers(),
          highlightActiveLine(),
          lintGutter(),
          EditorView.lineWrapping,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) this.onChange(this.text);
          }),
        ],
      }),
    });
    this.view.dom.classList.add("lab-editor", "lab-editor-positions");
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set text(value) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value || "" } });
  }

  setDiagnostics(list) {
    this.view.dispatch(setDiagnostics(this.view.state, toCmDiagnostics(this.view.state.doc, list)));
  }

  goto(line, column) {
    gotoLine(this.view, line, column);
  }
}

function gotoLine(view, line, column = 1) {
  const doc = view.state.doc;
  const n = Math.min(Math.max(1, line || 1), doc.lines);
  const l = doc.line(n);
  const pos = Math.min(l.from + Math.max(0, (column || 1) - 1), l.to);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
