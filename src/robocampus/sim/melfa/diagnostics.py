"""What is wrong with a program, where, and what to do about it, in two languages.

A ``Diagnostic`` names the file line and column, the text there, and a message
in English and Korean written for a beginner ("Mvs expects a position here,
not a number"). The parser and the checker collect every diagnostic of a
program before giving up, so a trainee sees all their mistakes at once.
``ProgramError`` carries them when a program cannot run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from robocampus.sim.errors import SimError

TYPE_WORDS = {
    "number": ("a number", "숫자 값"),
    "string": ("a string", "문자열 값"),
    "position": ("a position", "위치 값"),
    "joint": ("a joint value", "관절 값"),
    "position or joint": ("a position or joint value", "위치 또는 관절 값"),
    "nothing": ("no value", "값 없음"),
}
"""How the checker's types read in a sentence (Korean: each ends in 값, so
the particles that follow are always 이, 과 and 에)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- reading the text --------------------------------------------------------------
    "bad_character": (
        "the character {text!r} is not used in MELFA-BASIC",
        "문자 {text!r}은(는) MELFA-BASIC에서 쓰이지 않습니다",
    ),
    "open_string": (
        'the string {text} has no closing "',
        '문자열 {text}에 닫는 "가 없습니다',
    ),
    "unexpected": (
        "{found} is not expected here; expected {expected_en}",
        "여기에는 {found}이(가) 올 수 없습니다. 필요한 것: {expected_ko}",
    ),
    "incomplete": (
        "the statement ends too early; expected {expected_en}",
        "문장이 너무 일찍 끝났습니다. 필요한 것: {expected_ko}",
    ),
    "unknown_statement": (
        "{text!r} is not a MELFA-BASIC statement{hint_en}",
        "{text!r}은(는) MELFA-BASIC 명령이 아닙니다{hint_ko}",
    ),
    "reserved_word": (
        "{text} is a reserved word of MELFA-BASIC and cannot be used as a name",
        "{text}은(는) MELFA-BASIC 예약어이므로 이름으로 쓸 수 없습니다",
    ),
    "if_needs_then": (
        "If needs Then after its condition (If M1 = 1 Then ...)",
        "If 조건 뒤에는 Then이 필요합니다 (If M1 = 1 Then ...)",
    ),
    "plt_placement": (
        "Plt must be the whole right side (P1 = Plt 1, 3) or in parentheses "
        "(P1 = (Plt 1, 3) + P2)",
        "Plt는 대입문의 오른쪽 전체(P1 = Plt 1, 3)이거나 괄호 안"
        "(P1 = (Plt 1, 3) + P2)에 있어야 합니다",
    ),
    "not_supported": (
        "{text} is not supported in robocampus{hint_en}",
        "{text}은(는) robocampus에서 지원하지 않습니다{hint_ko}",
    ),
    "too_long": (
        "the statement has more than {limit} words and symbols; split it",
        "문장의 단어와 기호가 {limit}개를 넘습니다. 나누어 쓰십시오",
    ),
    "too_deep": (
        "the expression is nested more than {limit} levels deep",
        "식이 {limit}단계보다 깊게 중첩되어 있습니다",
    ),
    "line_too_long": (
        "this step is {length} characters long; MELFA-BASIC V allows 127",
        "이 스텝은 {length}자입니다. MELFA-BASIC V는 127자까지 허용합니다",
    ),
    # -- steps and data ----------------------------------------------------------------
    "step_range": (
        "step number {number} is outside 1..32767",
        "스텝 번호 {number}이(가) 1..32767 범위를 벗어났습니다",
    ),
    "step_order": (
        "step number {number} must be greater than the step before it "
        "({previous}, line {previous_line})",
        "스텝 번호 {number}은(는) 앞 스텝({previous}, {previous_line}행)보다 커야 "
        "합니다",
    ),
    "step_missing": (
        "this step has no step number, but line {numbered_line} has one; number "
        "every step or none",
        "이 스텝에는 스텝 번호가 없지만 {numbered_line}행에는 있습니다. 모든 스텝에 "
        "번호를 붙이거나 모두 빼십시오",
    ),
    "statement_after_data": (
        "a statement after the data section: steps come first, then the stored "
        "positions (line {data_line})",
        "데이터 영역 뒤에 문장이 있습니다. 스텝을 먼저 쓰고 저장 위치는 그 뒤에 "
        "쓰십시오 ({data_line}행)",
    ),
    "data_line": (
        "this data line must look like P1=(X,Y,Z,A,B,C)(FL1,FL2) or J1=(J1,...,J6)",
        "데이터 줄은 P1=(X,Y,Z,A,B,C)(FL1,FL2) 또는 J1=(J1,...,J6) 형식이어야 합니다",
    ),
    "data_duplicate": (
        "{name} is stored twice (lines {first_line} and {line})",
        "{name}이(가) 두 번 저장되어 있습니다 ({first_line}행, {line}행)",
    ),
    # -- labels ------------------------------------------------------------------------
    "label_undefined": (
        "label *{label} is never defined",
        "레이블 *{label}이(가) 정의되어 있지 않습니다",
    ),
    "label_duplicate": (
        "label *{label} is defined twice (lines {first_line} and {line})",
        "레이블 *{label}이(가) 두 번 정의되었습니다 ({first_line}행, {line}행)",
    ),
    "label_too_long": (
        "label *{label} has {length} characters; MELFA-BASIC V allows 8",
        "레이블 *{label}은(는) {length}자입니다. MELFA-BASIC V는 8자까지 허용합니다",
    ),
    # -- blocks ------------------------------------------------------------------------
    "block_without_start": (
        "{closer} without {opener}",
        "{opener} 없이 {closer}이(가) 있습니다",
    ),
    "block_not_closed": (
        "{opener} at line {line} has no {closer}",
        "{line}행의 {opener}에 대응하는 {closer}이(가) 없습니다",
    ),
    "block_crossed": (
        "{closer} would close the {opener} of line {opener_line}, but the "
        "{inner} of line {inner_line} is still open",
        "{closer}은(는) {opener_line}행의 {opener}을(를) 닫아야 하지만 "
        "{inner_line}행의 {inner}이(가) 아직 열려 있습니다",
    ),
    "next_name": (
        "Next {name} does not match For {loop_name} of line {for_line}",
        "Next {name}이(가) {for_line}행의 For {loop_name}과(와) 맞지 않습니다",
    ),
    "else_twice": (
        "a second Else in the If block of line {if_line}",
        "{if_line}행의 If 블록에 Else가 두 번 있습니다",
    ),
    "case_after_default": (
        "Case after Default in the Select of line {select_line}",
        "{select_line}행 Select에서 Default 뒤에 Case가 있습니다",
    ),
    "case_outside_select": (
        "{text} outside a Select block",
        "Select 블록 밖에 {text}이(가) 있습니다",
    ),
    "case_fallthrough": (
        "no Break before this {text}: the block above runs on into it",
        "이 {text} 앞에 Break가 없습니다: 위 블록이 이어서 실행됩니다",
    ),
    "block_in_line_if": (
        "{text} cannot be the branch of a one-line If",
        "{text}은(는) 한 줄 If의 분기로 쓸 수 없습니다",
    ),
    # -- names, types, values ----------------------------------------------------------
    "type_mismatch": (
        "{context_en} expects {expected_en} here, not {found_en}",
        "{context_ko}: 여기에는 {expected_ko}이 와야 하는데 {found_ko}이 있습니다",
    ),
    "unary_type": (
        "{op} applies to a number, not {found_en}",
        "{op}은(는) 숫자 값에만 쓸 수 있습니다 ({found_ko}에는 쓸 수 없음)",
    ),
    "operand_types": (
        "{op} cannot combine {left_en} and {right_en}",
        "{op} 연산은 {left_ko}과 {right_ko}에 쓸 수 없습니다",
    ),
    "unknown_function": (
        "{name} is not a function or an array{hint_en}",
        "{name}은(는) 함수나 배열이 아닙니다{hint_ko}",
    ),
    "argument_count": (
        "{name} takes {expected} argument(s), not {found}",
        "{name}에는 인수가 {expected}개 필요합니다 (입력: {found}개)",
    ),
    "not_constant": (
        "a position or joint constant holds numbers only; to use a variable, "
        "set a component: P1.X = M1",
        "위치·관절 상수에는 숫자만 쓸 수 있습니다. 변수를 쓰려면 성분에 대입하십시오: "
        "P1.X = M1",
    ),
    "constant_size": (
        "{what_en} takes {allowed} values, not {found}",
        "{what_ko}에는 값이 {allowed}개 필요합니다 (입력: {found}개)",
    ),
    "bad_component": (
        ".{field} is not a component of {type_en}; use {allowed}",
        ".{field}은(는) {type_ko}의 성분이 아닙니다. 사용할 수 있는 성분: {allowed}",
    ),
    "constant_changed": (
        "{name} is a constant (line {line}) and cannot be changed",
        "{name}은(는) 상수({line}행)이므로 바꿀 수 없습니다",
    ),
    "read_only": (
        "{name} is a status variable of the controller and cannot be set",
        "{name}은(는) 컨트롤러 상태 변수이므로 값을 넣을 수 없습니다",
    ),
    "not_an_array": (
        "{name} is not an array (declare it with Dim {name}(n))",
        "{name}은(는) 배열이 아닙니다 (Dim {name}(n)으로 선언하십시오)",
    ),
    "array_needs_index": (
        "{name} is an array: give an element, e.g. {name}(1)",
        "{name}은(는) 배열입니다. {name}(1)처럼 요소를 지정하십시오",
    ),
    "index_count": (
        "{name} has {expected} dimension(s), not {found}",
        "{name}은(는) {expected}차원 배열입니다 (입력: {found})",
    ),
    "declared_twice": (
        "{name} is already declared at line {line}",
        "{name}은(는) 이미 {line}행에서 선언되었습니다",
    ),
    "declare_type": (
        "{name} cannot be declared {type_name}: names starting with {letter} are "
        "{implied_en}",
        "{name}은(는) {type_name}(으)로 선언할 수 없습니다. {letter}(으)로 시작하는 "
        "이름은 {implied_ko}입니다",
    ),
    "declare_too_late": (
        "{name} is declared after its first use at line {used_line}",
        "{name}이(가) {used_line}행에서 처음 쓰인 뒤에 선언되었습니다",
    ),
    "bad_argument": (
        "{context_en}: {problem_en}",
        "{context_ko}: {problem_ko}",
    ),
    "wth_not_motion": (
        "{appended} can only follow a motion (Mov, Mvs, Mvr, Mvr3, Mvc)",
        "{appended}은(는) 동작 명령(Mov, Mvs, Mvr, Mvr3, Mvc) 뒤에만 쓸 수 있습니다",
    ),
    "wth_statement": (
        "{appended} can run an assignment or HOpen/HClose, not {text}",
        "{appended}에는 대입문이나 HOpen/HClose만 쓸 수 있습니다 ({text}은(는) 불가)",
    ),
    "never_set": (
        "{name} is read but never set in this program{what_en}",
        "{name}은(는) 읽기만 하고 이 프로그램에서 값을 넣지 않습니다{what_ko}",
    ),
    "unreachable_code": (
        "this step can never run: nothing jumps here after {text} at line {line}",
        "이 스텝은 실행될 수 없습니다: {line}행의 {text} 뒤로 여기로 오는 분기가 "
        "없습니다",
    ),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about a program: an error that stops it, or a warning."""

    code: str
    line: int
    column: int
    end_column: int
    text: str
    """The source text the finding is about."""
    severity: str = "error"
    """"error" or "warning"."""
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en") -> str:
        en, ko = MESSAGES[self.code]
        values = {"text": self.text, "line": self.line, **dict(self.params)}
        return (ko if lang == "ko" else en).format(**values)

    def describe(self, lang: str = "en") -> str:
        """Return ``line L, column C: message`` in ``lang``."""
        where = (
            f"{self.line}행 {self.column}열"
            if lang == "ko"
            else f"line {self.line}, column {self.column}"
        )
        return f"{where}: {self.message(lang)}"

    def as_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data (for the lab's editor)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
            "text": self.text,
            "message_en": self.message("en"),
            "message_ko": self.message("ko"),
        }


def diagnostic(
    code: str,
    span,
    text: str,
    severity: str = "error",
    **params: Any,
) -> Diagnostic:
    """Return a diagnostic at ``span`` (anything with line, column, end_column)."""
    return Diagnostic(
        code,
        span.line,
        span.column,
        span.end_column,
        text,
        severity,
        tuple(params.items()),
    )


def type_words(kind: str) -> dict[str, str]:
    """Return ``{"<prefix>_en": ..., "<prefix>_ko": ...}`` helpers for a type."""
    en, ko = TYPE_WORDS[kind]
    return {"en": en, "ko": ko}


class ProgramError(SimError):
    """The program has errors; it cannot run until they are fixed."""

    code = "program_error"

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = [d for d in diagnostics if d.severity == "error"]
        self.warnings = [d for d in diagnostics if d.severity != "error"]
        super().__init__()

    def message(self, lang: str = "en") -> str:
        count = len(self.diagnostics)
        head = (
            f"프로그램에 오류가 {count}개 있습니다"
            if lang == "ko"
            else f"the program has {count} error{'s' if count != 1 else ''}"
        )
        lines = [d.describe(lang) for d in self.diagnostics]
        return head + ":\n" + "\n".join(f"  {line}" for line in lines)
