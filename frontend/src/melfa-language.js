// MELFA-BASIC for CodeMirror 6: a StreamLanguage (line by line, like the
// simulator's lexer in robocampus/sim/melfa/lexer.py) and its colours.
//
// Case-insensitive keywords; a step number opens a line; ' and Rem start a
// comment; "strings"; numbers incl. &H hex and &B binary; *LABEL labels
// (a * after an operand multiplies); M_/P_/J_/C_ status variables.

import { StreamLanguage, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const words = (text) => new Set(text.toLowerCase().split(/\s+/).filter(Boolean));

// Motion, hand, speed and robot set-up statements.
const STATEMENTS = words(`
  Mov Mvs Mvr Mvr2 Mvr3 Mvc Mva Type Wth WthIf Spd Ovrd JOvrd Accel Cnt Fine
  Tool Base Servo On Off HOpen HClose Dly Wait Hlt Error Plt Act Prec Torq`);
// Control flow.
const CONTROL = words(`
  If Then Else ElseIf EndIf For To Step Next While WEnd Select Case Default
  Break End GoTo GoSub Return`);
// Declarations and types.
const DECLARATIONS = words(`Def Dim Const Inte Long Float Double Char Pos Jnt`);
const WORD_OPERATORS = words(`And Or Xor Not Mod`);
// Built-in functions (robocampus.sim.melfa.functions.FUNCTIONS and friends).
const FUNCTIONS = words(`
  Abs Asc Atn Atn2 Bin Chr Cos Deg Dist Exp Fram Hex Int Inv JtoP Left Len Ln
  Log Max Mid Min PosMid PtoJ Rad RdFl2 Right Rnd SetJnt SetPos Sgn Sin Sqr Str
  StrPos Tan Val Zone Zone2 Zone3 Align`);

/** Every keyword, as the manual writes them, for completion. */
export const KEYWORD_LIST = `Mov Mvs Mvr Mvr2 Mvr3 Mvc Mva Spd Ovrd JOvrd Accel Cnt Fine Tool Base
  Servo On Off HOpen HClose Dly Wait If Then Else ElseIf EndIf For To Step Next While
  WEnd Select Case Default Break End GoTo GoSub Return Def Act Plt Dim Const Inte
  Long Float Double Char Pos Jnt Hlt Error Rem And Or Xor Not Mod`
  .split(/\s+/)
  .filter(Boolean);

export const FUNCTION_LIST = `Abs Asc Atn Atn2 Bin$ Chr$ Cos Deg Dist Exp Fram Hex$ Int Inv JtoP Left$
  Len Ln Log Max Mid$ Min PosMid PtoJ Rad Right$ Rnd SetJnt SetPos Sgn Sin Sqr Str$
  StrPos Tan Val`
  .split(/\s+/)
  .filter(Boolean);

export const STATUS_VARIABLES = `M_In M_Inb M_Inw M_Out M_Outb M_Outw M_Timer M_Ovrd M_JOvrd M_Spd
  M_Svo M_Tool M_Err M_ErrNo M_PI M_On M_Off M_Ratio M_RDst M_Acl P_Curr P_Base
  P_Tool P_Safe P_Fbc J_Curr J_Fbc C_Time C_Date`
  .split(/\s+/)
  .filter(Boolean);

function startState() {
  // lineStart: nothing but spaces read on this line yet.
  // operand: the last token ended an operand (so * multiplies, not a label).
  return { lineStart: true, operand: false };
}

function token(stream, state) {
  if (stream.sol()) {
    state.lineStart = true;
    state.operand = false;
  }
  if (stream.eatSpace()) return null;
  const atLineStart = state.lineStart;
  state.lineStart = false;

  // A step number opens a program line; a taught position line has none.
  if (atLineStart && stream.match(/^\d+/)) {
    state.operand = false;
    return "meta";
  }
  const ch = stream.peek();
  if (ch === "'") {
    stream.skipToEnd();
    return "lineComment";
  }
  if (ch === '"') {
    stream.next();
    while (!stream.eol()) if (stream.next() === '"') break;
    state.operand = true;
    return "string";
  }
  if (stream.match(/^&H[0-9A-F]+/i) || stream.match(/^&B[01]+/i)) {
    state.operand = true;
    return "number";
  }
  if (stream.match(/^(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?/i)) {
    state.operand = true;
    return "number";
  }
  if (ch === "*" && !state.operand && stream.match(/^\*[A-Za-z][A-Za-z0-9_]*/)) {
    state.operand = false;
    return "labelName";
  }
  const word = stream.match(/^[A-Za-z][A-Za-z0-9_]*[%!#$]?/);
  if (word) {
    const text = word[0];
    const lower = text.toLowerCase();
    if (lower === "rem") {
      stream.skipToEnd();
      return "lineComment";
    }
    if (/^[mpjc]_/i.test(text)) {
      state.operand = true;
      return "variableName.special";
    }
    if (STATEMENTS.has(lower)) {
      state.operand = false;
      return "keyword";
    }
    if (CONTROL.has(lower)) {
      state.operand = false;
      return "controlKeyword";
    }
    if (DECLARATIONS.has(lower)) {
      state.operand = false;
      return "definitionKeyword";
    }
    if (WORD_OPERATORS.has(lower)) {
      state.operand = false;
      return "operatorKeyword";
    }
    const bare = lower.replace(/[%!#$]$/, "");
    if (FUNCTIONS.has(bare) && /^\s*\(/.test(stream.string.slice(stream.pos))) {
      state.operand = false;
      return "variableName.standard";
    }
    state.operand = true;
    // MELFA types a variable by its first letter: P positions, J joints.
    if (/^p/i.test(text)) return "variableName.definition";
    return "variableName";
  }
  if (stream.match(/^(?:<>|><|<=|>=|=<|=>|<<|>>|[<>+\-*/\\^=])/)) {
    state.operand = false;
    return "operator";
  }
  if (ch === ")") {
    stream.next();
    state.operand = true;
    return "paren";
  }
  if (ch === "(") {
    stream.next();
    state.operand = false;
    return "paren";
  }
  if (ch === "," || ch === "." || ch === ":" || ch === ";") {
    stream.next();
    state.operand = false;
    return "punctuation";
  }
  stream.next();
  state.operand = false;
  return "invalid";
}

export const melfaLanguage = StreamLanguage.define({
  name: "melfa-basic",
  startState,
  token,
  copyState: (s) => ({ ...s }),
  languageData: {
    commentTokens: { line: "'" },
  },
});

export const melfaHighlightStyle = HighlightStyle.define([
  { tag: tags.meta, color: "#8a94a6" },
  { tag: tags.keyword, color: "#1d4ed8", fontWeight: "600" },
  { tag: tags.controlKeyword, color: "#7c3aed", fontWeight: "600" },
  { tag: tags.definitionKeyword, color: "#0f766e", fontWeight: "600" },
  { tag: tags.operatorKeyword, color: "#7c3aed" },
  { tag: tags.lineComment, color: "#6b7280", fontStyle: "italic" },
  { tag: tags.string, color: "#b45309" },
  { tag: tags.number, color: "#047857" },
  { tag: tags.labelName, color: "#be185d", fontWeight: "600" },
  { tag: tags.special(tags.variableName), color: "#0e7490", fontWeight: "600" },
  { tag: tags.standard(tags.variableName), color: "#4338ca" },
  { tag: tags.definition(tags.variableName), color: "#9d174d" },
  { tag: tags.variableName, color: "#1f2937" },
  { tag: tags.operator, color: "#374151" },
  { tag: tags.invalid, color: "#dc2626" },
]);

/** The language with its colours, ready to add to an editor. */
export function melfa() {
  return [melfaLanguage, syntaxHighlighting(melfaHighlightStyle)];
}
