"""Exercise files: what a trainee is asked to do and how it is graded.

An exercise file (YAML, ``docs/exercise-format.md``) gives the metadata and
instructions in Korean and English, the cell, the taught positions and
starter program handed to the trainee, the scenarios a program is run in
(visible ones the trainee sees, hidden ones that vary the cell so that
hard-coding an answer does not pay), the checks with their points and
feedback, and the scoring policy. ``load_exercise`` validates a file with
pydantic and rejects a bad one naming the dotted path of every bad field.

To use::

    exercise = load_exercise("ex03-pick-and-place")   # shipped, or a Path
    exercise.title.en, [s.id for s in exercise.scenarios]
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from robocampus.sim.cell.spec import CellSpec, Ident, Text, Vec3, load_cell
from robocampus.sim.errors import SimError
from robocampus.sim.melfa.lexer import RESERVED

Number = Annotated[float, Field(allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Bit = Annotated[int, Field(ge=0, le=32767)]


class ExerciseFileError(SimError, ValueError):
    """An exercise file cannot be read or does not validate."""

    code = "exercise_file"
    template_en = "exercise {exercise}: {field}: {problem}"
    template_ko = "과제 {exercise}: {field}: {problem}"


class UnknownExerciseError(SimError, ValueError):
    code = "unknown_exercise"
    template_en = "unknown exercise {exercise!r}; built-in exercises: {known}"
    template_ko = "알 수 없는 과제 {exercise!r}입니다. 기본 과제: {known}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Feedback(_Strict):
    """What a trainee reads when a check passes and when it fails."""

    passed: Text | None = None
    failed: Text | None = None


class Region(_Strict):
    """An axis-aligned box in the cell's world frame, mm."""

    min: Vec3
    max: Vec3

    @model_validator(mode="after")
    def _ordered(self) -> Region:
        if any(lo > hi for lo, hi in zip(self.min, self.max, strict=True)):
            raise ValueError("min must not exceed max on any axis")
        return self

    def contains(self, xyz) -> bool:
        return all(
            lo <= v <= hi for lo, v, hi in zip(self.min, xyz, self.max, strict=True)
        )


# -- checks --------------------------------------------------------------------------


class _Check(_Strict):
    id: Ident
    points: NonNegative
    title: Text
    """What the check looks for, as the trainee reads it."""
    feedback: Feedback = Feedback()
    visibility: Literal["visible", "hidden"] = "visible"
    """``hidden``: counted, shown as passed or failed only, no details."""


class ObjectAt(_Check):
    """A part ends at a place: by id, or any part of a type."""

    kind: Literal["object_at"]
    part: Ident | None = None
    type: Ident | None = None
    at: Vec3
    tolerance_mm: Positive = 5.0
    yaw_deg: Number | None = None
    """If given, the part's yaw (about Z) must be within ``tolerance_deg``."""
    tolerance_deg: Positive = 10.0
    resting_on: str | None = None
    """If given, the support the part must rest on (e.g. ``tray.floor``)."""
    frame: Ident | None = None
    """If given, ``at`` and ``yaw_deg`` are in this fixture's frame (a
    scenario may move the fixture; the target moves with it)."""

    @model_validator(mode="after")
    def _one_part(self) -> ObjectAt:
        if (self.part is None) == (self.type is None):
            raise ValueError("give either part (an id) or type")
        return self


class ObjectsInRegion(_Check):
    """How many parts end inside a region."""

    kind: Literal["objects_in_region"]
    region: Region
    type: Ident | None = None
    count: int | None = Field(default=None, ge=0)
    """Exactly this many; or give ``min_count`` (partial credit below it)."""
    min_count: int | None = Field(default=None, ge=1)
    resting: bool = True
    """Count only parts at rest (not held in the gripper)."""
    frame: Ident | None = None
    """If given, the region is in this fixture's frame."""

    @model_validator(mode="after")
    def _one_count(self) -> ObjectsInRegion:
        if (self.count is None) == (self.min_count is None):
            raise ValueError("give either count or min_count")
        return self


class Switch(_Strict):
    bit: Bit
    value: int = Field(ge=0, le=1)
    after_s: NonNegative | None = None
    """At least this long after the previous switch in the list, s."""
    within_s: Positive | None = None
    """At most this long after the previous switch in the list, s."""


class IoSequence(_Check):
    """Outputs switch in this order (other switches may come in between)."""

    kind: Literal["io_sequence"]
    sequence: list[Switch] = Field(min_length=1)


class SignalAtEnd(_Check):
    kind: Literal["signal_at_end"]
    bit: Bit
    value: int = Field(ge=0, le=1)
    direction: Literal["out", "in"] = "out"


class NoCollision(_Check):
    kind: Literal["no_collision"]


class NoError(_Check):
    """The program ran to its end (or ``Hlt``) without a runtime error."""

    kind: Literal["no_error"]


class EndsCleanly(_Check):
    """The program ended (``End`` or its last step), not halted, no error,
    and (``hand_empty``) nothing left in the gripper."""

    kind: Literal["ends_cleanly"]
    hand_empty: bool = True


class CycleTimeMax(_Check):
    """The run's time: full points up to ``full_s``, none from ``zero_s``,
    linear in between."""

    kind: Literal["cycle_time_max"]
    full_s: Positive
    zero_s: Positive

    @model_validator(mode="after")
    def _ordered(self) -> CycleTimeMax:
        if self.zero_s <= self.full_s:
            raise ValueError("zero_s must be greater than full_s")
        return self


class TcpSpeedMaxInZone(_Check):
    """The TCP never moves faster than ``max_mm_s`` inside ``zone``."""

    kind: Literal["tcp_speed_max_in_zone"]
    zone: Region
    max_mm_s: Positive


class TcpVisits(_Check):
    """The TCP reaches each point (within ``tolerance_mm``), in this order."""

    kind: Literal["tcp_visits"]
    points_mm: list[Vec3] = Field(min_length=1)
    tolerance_mm: Positive = 2.0


class TcpFollows(_Check):
    """The TCP goes along a polyline: visits its corners in order and stays
    within ``tolerance_mm`` of each segment between them."""

    kind: Literal["tcp_follows"]
    path_mm: list[Vec3] = Field(min_length=2)
    tolerance_mm: Positive = 2.0


class StoppedWhileSignal(_Check):
    """While input ``bit`` is on, the TCP moves at most ``allowance_mm`` (after
    ``reaction_s`` to brake); it must be on at least once."""

    kind: Literal["stopped_while_signal"]
    bit: Bit
    reaction_s: NonNegative = 0.3
    allowance_mm: NonNegative = 1.0


class NoEvent(_Check):
    """No event of these kinds happens (e.g. ``ssm_violation``, ``fell``)."""

    kind: Literal["no_event"]
    events: list[str] = Field(min_length=1)


class UsesStatement(_Check):
    """The program has at least ``min_count`` of a statement (``Def Plt``,
    ``Mvs``, ``Wait``, ``near point`` for ``Mov``/``Mvs`` with a distance)."""

    kind: Literal["uses_statement"]
    statement: str
    min_count: int = Field(default=1, ge=1)

    @field_validator("statement")
    @classmethod
    def _known(cls, value: str) -> str:
        _statement_pattern(value)
        return value


class ForbidsStatement(_Check):
    kind: Literal["forbids_statement"]
    statement: str

    @field_validator("statement")
    @classmethod
    def _known(cls, value: str) -> str:
        _statement_pattern(value)
        return value


class ProgramStepsMax(_Check):
    """At most ``max_steps`` statements (comments, labels and data excluded)."""

    kind: Literal["program_steps_max"]
    max_steps: int = Field(ge=1)


Check = Annotated[
    ObjectAt
    | ObjectsInRegion
    | IoSequence
    | SignalAtEnd
    | NoCollision
    | NoError
    | EndsCleanly
    | CycleTimeMax
    | TcpSpeedMaxInZone
    | TcpVisits
    | TcpFollows
    | StoppedWhileSignal
    | NoEvent
    | UsesStatement
    | ForbidsStatement
    | ProgramStepsMax,
    Field(discriminator="kind"),
]

STATIC_CHECKS = (UsesStatement, ForbidsStatement, ProgramStepsMax)
"""Checks of the program text: graded once, not per scenario."""


# -- scenarios --------------------------------------------------------------------


class Jitter(_Strict):
    """Move parts by a random amount within a band (drawn from the scenario's
    seed): ``xy_mm`` up to +- that in X and Y, ``yaw_deg`` about Z."""

    parts: list[Ident] = Field(min_length=1)
    xy_mm: Annotated[list[NonNegative], Field(min_length=2, max_length=2)] = [0, 0]
    yaw_deg: NonNegative = 0.0


class Scenario(_Strict):
    """One run of the program: the cell as varied for it."""

    id: Ident
    visible: bool = True
    seed: int = Field(default=0, ge=0)
    """The world's seed: feeders' types and timing, jitter."""
    patch: dict[str, Any] = {}
    """Changes to the cell: keys of the cell file; lists of things with an
    ``id`` (parts, fixtures, devices, people) are merged by id."""
    jitter: list[Jitter] = []
    positions: str = ""
    """Taught positions as re-taught for this scenario (data lines); they
    replace the program's values of the same names."""
    title: Text | None = None


class Scoring(_Strict):
    policy: Literal["partial", "all_or_nothing"] = "partial"
    pass_mark_pct: Annotated[float, Field(ge=0, le=100)] = 60.0
    resubmission_penalty_pct: Annotated[float, Field(ge=0, le=100)] = 0.0
    """Taken off per earlier attempt."""
    max_penalty_pct: Annotated[float, Field(ge=0, le=100)] = 50.0


class RunLimits(_Strict):
    time_s: Positive = 120.0
    statements: int = Field(default=200_000, ge=100)


class Exercise(_Strict):
    format: Literal["robocampus-exercise"]
    version: Literal[1]
    id: Ident
    title: Text
    instructions: Text
    """Markdown."""
    level: int = Field(ge=1, le=5)
    minutes: int = Field(ge=1, le=600)
    competencies: list[str] = []
    """Competency unit codes (NCS style) the exercise trains."""
    mfec: list[str] = []
    """MFEC subject tags."""
    cell: str | dict[str, Any]
    """A shipped cell's id, a cell file next to the exercise (``cell.yaml``),
    or a cell inline."""
    robot: str | None = None
    """The robot model; must be the cell's (a reminder for instructors)."""
    positions: str = ""
    """Taught positions handed to the trainee (data lines)."""
    starter: str = ""
    """The program the trainee starts from."""
    scenarios: list[Scenario] = Field(min_length=1)
    checks: list[Check] = Field(min_length=1)
    scoring: Scoring = Scoring()
    limits: RunLimits = RunLimits()
    _base_dir: Path | None = PrivateAttr(default=None)
    _scenario_cells: dict = PrivateAttr(default_factory=dict)
    """Each scenario's cell, validated once (``scenarios.scenario_cell``)."""

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        ids = [s.id for s in self.scenarios]
        if len(set(ids)) != len(ids):
            raise ValueError("scenario ids must be unique")
        ids = [c.id for c in self.checks]
        if len(set(ids)) != len(ids):
            raise ValueError("check ids must be unique")
        if not any(s.visible for s in self.scenarios):
            raise ValueError("at least one scenario must be visible")
        if sum(c.points for c in self.checks) <= 0:
            raise ValueError("the checks must be worth some points")
        return self

    def cell_spec(self) -> CellSpec:
        """Return the exercise's cell (as the scenarios vary it: ``scenarios``)."""
        if isinstance(self.cell, dict):
            return CellSpec.model_validate(self.cell)
        if self.cell.endswith((".yaml", ".yml")):
            if self._base_dir is None:
                raise ValueError(f"cell file {self.cell!r} needs the exercise's folder")
            return load_cell(self._base_dir / self.cell)
        return load_cell(self.cell)

    @property
    def max_points(self) -> float:
        return float(sum(c.points for c in self.checks))


STATEMENT_PATTERNS = {
    "near point": "a Mov or Mvs with a near-point distance (Mov P1, -50)",
    "arc": "Mvr, Mvr2, Mvr3 or Mvc",
}
"""Names ``uses_statement`` accepts besides statement keywords."""


def _statement_pattern(text: str) -> str:
    """Return the canonical form of a statement name, or raise."""
    key = text.strip().lower()
    if key in STATEMENT_PATTERNS:
        return key
    first = key.split()[0] if key.split() else ""
    if first in RESERVED or first in ("m_out", "m_in"):
        return key
    raise ValueError(f"unknown statement {text!r} for uses/forbids_statement")


# -- loading ----------------------------------------------------------------------

EXERCISES = resources.files("robocampus.sim") / "exercises"


def exercise_ids() -> list[str]:
    """Return the ids of the built-in exercises, in course order."""
    return sorted(
        p.name
        for p in EXERCISES.iterdir()
        if p.is_dir() and (p / "exercise.yaml").is_file()
    )


def parse_exercise(text: str, label: str, base_dir: Path | None = None) -> Exercise:
    """Validate the YAML ``text`` of an exercise; ``label`` names it in errors.

    ``base_dir``: the folder a ``cell: something.yaml`` is read from.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise ExerciseFileError(
            exercise=label, field=where, problem="not valid YAML"
        ) from None
    if not isinstance(data, dict):
        raise ExerciseFileError(
            exercise=label, field="(top)", problem="must be a mapping"
        )
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"]) or "(top)"
            problems.append((path, error["msg"].removeprefix("Value error, ")))
        field, problem = problems[0]
        if len(problems) > 1:
            problem += "; also " + "; ".join(f"{p}: {m}" for p, m in problems[1:4])
        raise ExerciseFileError(exercise=label, field=field, problem=problem) from None
    exercise._base_dir = base_dir
    _check_cell(exercise, label)
    return exercise


def _check_cell(exercise: Exercise, label: str) -> None:
    """Load the cell and every scenario's variation of it, or raise naming it."""
    from robocampus.sim.grading.scenarios import scenario_cell, scenario_positions

    try:
        spec = exercise.cell_spec()
    except (SimError, ValueError) as exc:
        problem = exc.message("en") if isinstance(exc, SimError) else str(exc)
        raise ExerciseFileError(exercise=label, field="cell", problem=problem) from None
    fixtures = {f.id for f in spec.fixtures}
    for index, check in enumerate(exercise.checks):
        frame = getattr(check, "frame", None)
        if frame is not None and frame not in fixtures:
            raise ExerciseFileError(
                exercise=label,
                field=f"checks.{index}.frame",
                problem=f"no fixture {frame!r} in the cell",
            )
    if exercise.robot is not None and exercise.robot.upper() != spec.robot.model:
        raise ExerciseFileError(
            exercise=label,
            field="robot",
            problem=f"{exercise.robot} is not the cell's robot {spec.robot.model}",
        )
    for index, scenario in enumerate(exercise.scenarios):
        try:
            scenario_cell(exercise, scenario)
            scenario_positions(scenario)
        except (SimError, ValueError) as exc:
            problem = exc.message("en") if isinstance(exc, SimError) else str(exc)
            raise ExerciseFileError(
                exercise=label, field=f"scenarios.{index}", problem=problem
            ) from None


@cache
def _load_shipped(exercise_id: str) -> Exercise:
    folder = Path(str(EXERCISES / exercise_id))
    text = (folder / "exercise.yaml").read_text(encoding="utf-8")
    return parse_exercise(text, exercise_id, folder)


def load_exercise(id_or_path: str | Path) -> Exercise:
    """Return a built-in exercise by id, or the exercise file at a path."""
    if isinstance(id_or_path, Path):
        try:
            text = id_or_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ExerciseFileError(
                exercise=str(id_or_path),
                field="(file)",
                problem=exc.strerror or str(exc),
            ) from None
        return parse_exercise(text, str(id_or_path), id_or_path.parent)
    if id_or_path not in exercise_ids():
        raise UnknownExerciseError(exercise=id_or_path, known=", ".join(exercise_ids()))
    return _load_shipped(id_or_path)


def reference_solution(exercise_id: str) -> str:
    """Return the reference solution of a built-in exercise."""
    return (EXERCISES / exercise_id / "reference.prg").read_text(encoding="utf-8")
