"""Item kinds of the certification bank: the content each kind holds, how it
is checked, and how a candidate's response is scored. Pure Python, no Django
(it uses the simulator, which is pure too).

``validate_content(kind, content)`` checks and normalises an item version's
content (``ItemContentError`` names every bad field, e.g.
``options[2].text_ko: required``); ``prepare_content`` also runs a code
reading item's program in the simulator so its key (``expected``) is never
typed by hand; ``score_response(kind, content, response)`` returns the
fraction 0..1 of the item's points a response earns. A malformed response
(wrong shape, unknown option, text that is not a number) scores 0 and never
raises. The formats are described in ``docs/item-bank.md``.

Scoring rules:

- single: 1 for the correct option, else 0.
- multiple: with ``partial`` (default), (right choices - wrong choices) /
  correct options, floored at 0; without it, 1 only for exactly the correct
  set.
- ordering: the fraction of items in their correct place (a response that is
  not an arrangement of exactly the item's options scores 0).
- numeric: 1 when ``|value - answer| <= tolerance`` (absolute, in the item's
  unit). The typed text may use a decimal comma (``12,5``), an exponent
  (``1.2e3``) and the item's unit after the number (``12.5 mm``); thousands
  separators are not accepted.
- short: the best ``fraction`` of the patterns the whole answer matches;
  ``*`` matches any text (``\\*`` is a literal star); surrounding spaces are
  ignored and runs of spaces count as one; case is ignored unless
  ``case_sensitive``.
- code_reading: the typed value is a number, or components such as
  ``(300, 0, 400, 180, 0, 180)``, ``300,0,400,180,0,180`` or the
  controller's own ``(+300.00,...,+0.00,+0.00)(7,0)``; each component must be
  within ``tolerance`` of ``expected`` (angles A, B, C of a position modulo
  360 degrees; extra trailing components such as L1, L2 must be 0).
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

KINDS = (
    "single",
    "multiple",
    "numeric",
    "ordering",
    "short",
    "code_reading",
    "practical",
    "physical",
)
AUTO_SCORED = frozenset(
    {"single", "multiple", "numeric", "ordering", "short", "code_reading"}
)
"""Kinds ``score_response`` scores; practicals go to the grader, physical
items to an officer's rubric."""
OPTION_KINDS = frozenset({"single", "multiple", "ordering"})
"""Kinds whose options are shuffled and listed in a form's slot."""

CODE_READING_LIMIT_STATEMENTS = 100_000
"""Statements a code reading program may run before it is refused."""
CODE_READING_LIMIT_TIME_S = 600.0
"""Simulated seconds a code reading program may take before it is refused."""
EXPECTED_DECIMALS = 3
"""Decimals the computed key keeps (mm, degrees): drops float noise."""


class ItemContentError(ValueError):
    """Item content that does not fit its kind; ``messages`` name each field."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


class ManualOrGraderError(ValueError):
    """The kind is not scored by ``score_response`` (practical, physical)."""


# -- content models ----------------------------------------------------------------

OptionId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,20}$")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _one_language(obj, field: str) -> None:
    """At least one of ``<field>_ko`` and ``<field>_en`` must be written (a
    Moodle import fills only the language chosen at import)."""
    if not getattr(obj, f"{field}_ko") and not getattr(obj, f"{field}_en"):
        raise ValueError(f"{field}_ko: required (or {field}_en)")


class _Common(_Strict):
    stem_ko: str = ""
    stem_en: str = ""
    feedback_ko: str = ""
    feedback_en: str = ""

    @model_validator(mode="after")
    def _stem(self):
        _one_language(self, "stem")
        return self


class _Texted(_Strict):
    @model_validator(mode="after")
    def _text(self):
        _one_language(self, "text")
        return self


class ChoiceOption(_Texted):
    id: OptionId
    text_ko: str = ""
    text_en: str = ""
    correct: bool = False


class OrderOption(_Texted):
    id: OptionId
    text_ko: str = ""
    text_en: str = ""


def _unique_ids(options, field: str = "options") -> None:
    seen: set[str] = set()
    for i, option in enumerate(options):
        if option.id in seen:
            raise ValueError(f"{field}[{i}].id: {option.id!r} is used twice")
        seen.add(option.id)


class SingleContent(_Common):
    options: list[ChoiceOption] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self):
        _unique_ids(self.options)
        correct = sum(o.correct for o in self.options)
        if correct != 1:
            raise ValueError(f"options: exactly one must be correct (found {correct})")
        return self


class MultipleContent(_Common):
    options: list[ChoiceOption] = Field(min_length=2)
    partial: bool = True

    @model_validator(mode="after")
    def _check(self):
        _unique_ids(self.options)
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one must be correct")
        return self


class OrderingContent(_Common):
    options: list[OrderOption] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self):
        _unique_ids(self.options)
        return self


class NumericContent(_Common):
    answer: float = Field(allow_inf_nan=False)
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    unit: str = ""


class Pattern(_Strict):
    pattern: Text
    fraction: float = Field(default=1.0, ge=0, le=1)


class ShortContent(_Common):
    patterns: list[Pattern] = Field(min_length=1)
    case_sensitive: bool = False

    @model_validator(mode="after")
    def _check(self):
        if not any(p.fraction == 1.0 for p in self.patterns):
            raise ValueError("patterns: at least one must have fraction 1.0")
        return self


class CodeReadingContent(_Common):
    program: Text
    robot: str = "RV-2FR"
    variable: Annotated[
        str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*[$%!#&]?(\.[A-Za-z0-9]+)?$")
    ]
    expected: float | list[float] | None = None
    expected_kind: Literal["number", "position", "joint"] | None = None
    tolerance: float = Field(default=0.01, gt=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _check(self):
        from robocampus.sim.robot import model_names

        names = model_names()
        if self.robot.upper() not in names:
            raise ValueError(
                f"robot: unknown model {self.robot!r}; known: {', '.join(names)}"
            )
        self.robot = self.robot.upper()
        return self


class PracticalContent(_Common):
    exercise: Text
    starter: str = ""

    @model_validator(mode="after")
    def _check(self):
        from robocampus.sim.grading import exercise_ids

        ids = exercise_ids()
        if self.exercise not in ids:
            raise ValueError(
                f"exercise: no built-in exercise {self.exercise!r}; "
                f"known: {', '.join(ids)}"
            )
        return self


class Criterion(_Texted):
    id: OptionId
    text_ko: str = ""
    text_en: str = ""
    points: float = Field(gt=0, allow_inf_nan=False)


class PhysicalContent(_Common):
    rubric: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self):
        _unique_ids(self.rubric, "rubric")
        return self


MODELS: dict[str, type[_Common]] = {
    "single": SingleContent,
    "multiple": MultipleContent,
    "numeric": NumericContent,
    "ordering": OrderingContent,
    "short": ShortContent,
    "code_reading": CodeReadingContent,
    "practical": PracticalContent,
    "physical": PhysicalContent,
}


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _messages(err: ValidationError) -> list[str]:
    found = []
    for e in err.errors():
        loc = tuple(p for p in e["loc"] if not str(p).startswith("function-after"))
        if e["type"] == "missing":
            text = "required"
        elif e["type"] == "extra_forbidden":
            text = "unknown field"
        elif e["type"] == "value_error":
            # our own check: the message already names its field
            message = str(e["ctx"]["error"]) if "ctx" in e else e["msg"]
            if loc and re.match(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*: ", message):
                found.append(f"{_where(loc)}.{message}")  # names a field of loc
            else:
                found.append(f"{_where(loc)}: {message}" if loc else message)
            continue
        elif e["type"] == "string_too_short" and e.get("input") == "":
            text = "required"
        else:
            text = e["msg"][0].lower() + e["msg"][1:]
        found.append(f"{_where(loc)}: {text}" if loc else text)
    return found


def validate_content(kind: str, content: Any) -> dict:
    """Return ``content`` checked and normalised for ``kind`` (defaults
    filled in, spaces trimmed); ``ItemContentError`` lists every problem."""
    model = MODELS.get(kind)
    if model is None:
        raise ItemContentError(
            f"kind: unknown kind {kind!r}; known: {', '.join(KINDS)}"
        )
    if not isinstance(content, dict):
        raise ItemContentError("content: must be an object (a mapping of fields)")
    try:
        parsed = model.model_validate(content)
    except ValidationError as err:
        raise ItemContentError(_messages(err)) from None
    data = parsed.model_dump()
    if kind == "code_reading" and data["expected"] is None:
        del data["expected"]
        del data["expected_kind"]
    return data


def prepare_content(kind: str, content: Any) -> dict:
    """``validate_content``, and for a code reading item the key computed by
    running its program in the simulator (``compute_expected``)."""
    data = validate_content(kind, content)
    if kind == "code_reading":
        data.update(compute_expected(data))
    return data


# -- code reading: the key from the simulator -------------------------------------


def compute_expected(content: dict) -> dict:
    """Run ``content["program"]`` on ``content["robot"]`` in an empty cell and
    return ``{"expected": ..., "expected_kind": ...}``: the final value of
    ``content["variable"]`` as a number, or a position's X, Y, Z (mm), A, B,
    C (degrees), or a joint value's J1..J6 (degrees). A program that does not
    compile, stops with an error or names no such variable raises
    ``ItemContentError`` with the simulator's message."""
    from robocampus.sim.cell.spec import empty_cell
    from robocampus.sim.errors import SimError
    from robocampus.sim.melfa import Limits, ProgramError, Session
    from robocampus.sim.melfa.values import JointValue, Position

    limits = Limits(
        max_statements=CODE_READING_LIMIT_STATEMENTS,
        max_time_s=CODE_READING_LIMIT_TIME_S,
    )
    try:
        session = Session(
            content["program"], empty_cell(content.get("robot") or "RV-2FR"), 0, limits
        )
    except ProgramError as err:
        raise ItemContentError(f"program: {err.message('en')}") from None
    except SimError as err:
        raise ItemContentError(f"robot: {err.message('en')}") from None
    session.resume()
    if session.status == "error":
        message = session.machine.error.message("en")
        raise ItemContentError(f"program: stopped with an error at {message}")
    variable = content["variable"]
    try:
        value = session.value(variable)
    except SimError as err:
        raise ItemContentError(f"variable: {err.message('en')}") from None
    if isinstance(value, Position):
        numbers, kind = value.degrees()[:6], "position"
    elif isinstance(value, JointValue):
        numbers, kind = value.degrees()[:6], "joint"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return {"expected": _tidy(float(value)), "expected_kind": "number"}
    else:
        raise ItemContentError(
            f"variable: {variable} holds {value!r}; choose a number, a position "
            "or a joint variable"
        )
    numbers = list(numbers)
    if kind == "position":
        numbers[3:6] = [_angle(a) for a in numbers[3:6]]
    return {"expected": [_tidy(v) for v in numbers], "expected_kind": kind}


def _tidy(value: float) -> float:
    rounded = round(value, EXPECTED_DECIMALS)
    return 0.0 if rounded == 0 else rounded


def _angle(degrees: float) -> float:
    """``degrees`` in (-180, 180], with -180 (to float noise) shown as 180."""
    a = math.remainder(degrees, 360.0)
    return 180.0 if a <= -180.0 + 1e-6 else a


# -- scoring -----------------------------------------------------------------------


def score_response(kind: str, content: dict, response: Any) -> float:
    """Return the fraction 0..1 of the item's points ``response`` earns.

    ``ManualOrGraderError`` for practical and physical items; a malformed
    response scores 0."""
    scorer = _SCORERS.get(kind)
    if scorer is None:
        if kind in KINDS:
            raise ManualOrGraderError(
                f"{kind} items are not scored automatically "
                "(the grader or an officer's rubric scores them)"
            )
        raise ItemContentError(f"kind: unknown kind {kind!r}")
    if not isinstance(response, dict):
        return 0.0
    try:
        score = float(scorer(content, response))
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return 0.0
    return min(1.0, max(0.0, score)) if math.isfinite(score) else 0.0


def _single(content: dict, response: dict) -> float:
    choice = response.get("choice")
    correct = [o["id"] for o in content["options"] if o.get("correct")]
    return 1.0 if isinstance(choice, str) and [choice] == correct else 0.0


def _multiple(content: dict, response: dict) -> float:
    choices = response.get("choices")
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        return 0.0
    chosen = set(choices)
    correct = {o["id"] for o in content["options"] if o.get("correct")}
    if not content.get("partial", True):
        return 1.0 if chosen == correct else 0.0
    right = len(chosen & correct)
    wrong = len(chosen - correct)
    return max(0.0, (right - wrong) / len(correct))


def _ordering(content: dict, response: dict) -> float:
    order = response.get("order")
    key = [o["id"] for o in content["options"]]
    if (
        not isinstance(order, list)
        or len(order) != len(key)
        or not all(isinstance(i, str) for i in order)
        or sorted(order) != sorted(key)
    ):
        return 0.0
    return sum(a == b for a, b in zip(order, key, strict=True)) / len(key)


NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: Any, unit: str = "") -> float | None:
    """Return the number ``text`` says, or None: spaces trimmed, a decimal
    comma read as a point (``12,5``), ``unit`` allowed after the number;
    no thousands separators, no NaN or infinity."""
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        return None
    s = str(text).strip()
    if unit and s.lower().endswith(unit.lower()):
        s = s[: -len(unit)].strip()
    s = s.replace("\u2212", "-")  # a typographic minus sign
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    if not NUMBER.match(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _numeric(content: dict, response: dict) -> float:
    value = parse_number(response.get("value"), content.get("unit", ""))
    if value is None:
        return 0.0
    answer = float(content["answer"])
    slack = float(content.get("tolerance", 0.0)) + 1e-9 * max(1.0, abs(answer))
    return 1.0 if abs(value - answer) <= slack else 0.0


def pattern_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern:
    """The regular expression of a Moodle-style pattern: ``*`` any text,
    ``\\*`` a literal star, the rest literal; matched against the whole
    answer."""
    parts = re.split(r"(\\\*|\*)", _spaces(pattern))
    body = "".join(
        r"\*" if p == "\\*" else ".*" if p == "*" else re.escape(p) for p in parts
    )
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE | re.DOTALL)


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _short(content: dict, response: dict) -> float:
    text = response.get("text")
    if not isinstance(text, str) or not text.strip():
        return 0.0
    answer = _spaces(text)
    case = bool(content.get("case_sensitive", False))
    best = 0.0
    for p in content["patterns"]:
        if pattern_regex(p["pattern"], case).fullmatch(answer):
            best = max(best, float(p.get("fraction", 1.0)))
    return best


FLAGS = re.compile(r"\)\s*\(\s*[+-]?\d*\s*,\s*[+-]?\d*\s*\)\s*$")


def parse_components(text: Any) -> list[float] | None:
    """Return the numbers of a typed value: ``12.5``, ``12,5``,
    ``(300, 0, 400, 180, 0, 180)``, ``300,0,400,180,0,180`` or
    ``(+300.00,...)(7,0)`` (the structure flags are dropped); an optional
    ``name =`` in front is ignored. None when it is not such a value."""
    if not isinstance(text, str):
        return None
    s = text.strip().replace("\u2212", "-")
    s = re.sub(r"^[A-Za-z][A-Za-z0-9_.]*\s*=\s*", "", s)
    single = parse_number(s)
    if single is not None:
        return [single]
    s = FLAGS.sub(")", s)
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1]
    if "(" in s or ")" in s:
        return None
    parts = [p.strip() for p in s.split(",")]
    if len(parts) < 2:
        return None
    numbers = []
    for part in parts:
        if not NUMBER.match(part):
            return None
        numbers.append(float(part))
    return numbers if all(math.isfinite(v) for v in numbers) else None


def _code_reading(content: dict, response: dict) -> float:
    got = parse_components(response.get("text"))
    expected = content.get("expected")
    if got is None or expected is None:
        return 0.0
    want = [float(expected)] if not isinstance(expected, list) else expected
    tolerance = float(content.get("tolerance", 0.01)) + 1e-9
    if len(got) < len(want) or any(abs(v) > tolerance for v in got[len(want) :]):
        return 0.0
    angles = {3, 4, 5} if content.get("expected_kind") == "position" else set()
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        diff = abs(math.remainder(g - w, 360.0)) if i in angles else abs(g - w)
        if diff > tolerance:
            return 0.0
    return 1.0


_SCORERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "ordering": _ordering,
    "short": _short,
    "code_reading": _code_reading,
}


def correct_response(kind: str, content: dict) -> dict:
    """A response that earns full marks (for previews and tests); ``{}`` for
    kinds without one."""
    if kind == "single":
        return {"choice": next(o["id"] for o in content["options"] if o["correct"])}
    if kind == "multiple":
        return {"choices": [o["id"] for o in content["options"] if o["correct"]]}
    if kind == "ordering":
        return {"order": [o["id"] for o in content["options"]]}
    if kind == "numeric":
        return {"value": repr(float(content["answer"]))}
    if kind == "short":
        best = max(content["patterns"], key=lambda p: p["fraction"])
        text = best["pattern"].replace("\\*", "\0").replace("*", "x")
        return {"text": text.replace("\0", "*")}
    if kind == "code_reading":
        expected = content.get("expected")
        if isinstance(expected, list):
            return {"text": "(" + ", ".join(str(v) for v in expected) + ")"}
        return {"text": str(expected)} if expected is not None else {}
    return {}
