"""Cell files: the schema of a work cell and its validation.

A cell file (YAML) describes one work cell: the robot and where it stands,
its tool, fixtures, part types and the parts on the table, devices with the
I/O bits they use, the people who may walk in, and the zones to respect.
``load_cell`` validates it with pydantic and rejects a bad file with the
dotted path of every bad field. Lengths in mm, angles in degrees, times in
seconds. The format is documented in ``docs/cell-format.md``.

To use::

    spec = load_cell("pick-and-place")       # a shipped cell, or a Path
    spec.robot.model, [f.id for f in spec.fixtures]
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from robocampus.sim.errors import SimError
from robocampus.sim.robot.model import load_model_data, model_names

CELLS_DIR = Path(__file__).with_name("cells")

Number = Annotated[float, Field(allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Vec3 = Annotated[list[Number], Field(min_length=3, max_length=3)]
Pose6 = Annotated[list[Number], Field(min_length=6, max_length=6)]
"""(X, Y, Z, A, B, C): mm and degrees, MELFA's fixed X-Y-Z angles."""
Bit = Annotated[int, Field(ge=0, le=32767)]
"""A MELFA I/O signal number."""
Ident = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]{0,39}$")]

RESERVED_IDS = frozenset(
    {
        "part",
        "floor",
        "column",
        "shoulder",
        "upper_arm",
        "elbow",
        "forearm",
        "wrist",
        "tool",
        "finger_a",
        "finger_b",
        "cup",
        "robot",
    }
)
"""Names the simulator gives its own bodies; a cell may not use them as ids."""


class CellFileError(SimError, ValueError):
    """A cell file cannot be read or does not validate."""

    code = "cell_file"
    template_en = "cell {cell}: {field}: {problem}"
    template_ko = "셀 {cell}: {field}: {problem}"


class UnknownCellError(SimError, ValueError):
    code = "unknown_cell"
    template_en = "unknown cell {cell!r}; shipped cells: {known}"
    template_ko = "알 수 없는 셀 {cell!r}입니다. 제공되는 셀: {known}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    ko: str
    en: str


# -- robot and tool -------------------------------------------------------------------


class RobotPlacement(_Strict):
    model: str
    base: Pose6 = [0, 0, 0, 0, 0, 0]
    """The robot base in the world (MELFA ``Base``): mm and degrees."""
    home: list[Number] | None = None
    """Joint angles (deg) the robot starts at; the model's ``home`` if omitted."""

    @field_validator("model")
    @classmethod
    def _known_model(cls, value: str) -> str:
        if value.upper() not in model_names():
            raise ValueError(f"unknown robot model {value!r}; known: {model_names()}")
        return value.upper()

    @model_validator(mode="after")
    def _home_in_range(self) -> RobotPlacement:
        if self.home is None:
            return self
        axes = load_model_data(self.model).joints.axes
        if len(self.home) != len(axes):
            raise ValueError(f"home needs {len(axes)} joint angles")
        for axis, value in zip(axes, self.home, strict=True):
            if not axis.min_deg <= value <= axis.max_deg:
                limits = f"{axis.min_deg}..{axis.max_deg}"
                raise ValueError(f"home {axis.name}={value} is outside {limits}")
        return self


class ToolBody(_Strict):
    """The gripper body: a capsule from the flange along tool Z."""

    length_mm: Positive
    radius_mm: Positive


class Fingers(_Strict):
    """Two fingers, each a capsule ending at the TCP plane, along tool X."""

    length_mm: Positive
    radius_mm: Positive
    open_width_mm: Positive
    """Inner distance between the fingers when open."""


class Cup(_Strict):
    radius_mm: Positive
    compliance_mm: NonNegative = 5.0
    """How far the cup may be pressed into the part it picks."""


class GraspTolerance(_Strict):
    position_mm: Positive = 3.0
    angle_deg: Positive = 5.0


class ToolSpec(_Strict):
    kind: Literal["two_finger", "suction"]
    tcp: Pose6
    """The TCP seen from the flange (MELFA ``Tool``)."""
    body: ToolBody
    fingers: Fingers | None = None
    cup: Cup | None = None
    hand: int = Field(default=1, ge=1, le=8)
    """Hand number driven by ``HOpen``/``HClose`` (two-finger)."""
    suction_bit: Bit | None = None
    """Output bit that switches the vacuum on (suction)."""
    grasp: GraspTolerance = GraspTolerance()
    actuation_time_s: NonNegative = 0.2
    """Time from the command until the fingers (or vacuum) hold or let go."""

    @model_validator(mode="after")
    def _complete(self) -> ToolSpec:
        if self.kind == "two_finger" and self.fingers is None:
            raise ValueError("a two_finger tool needs 'fingers'")
        if self.kind == "suction" and (self.cup is None or self.suction_bit is None):
            raise ValueError("a suction tool needs 'cup' and 'suction_bit'")
        return self


# -- solids ---------------------------------------------------------------------------


class ShapeSpec(_Strict):
    shape: Literal["box", "cylinder"]
    size_mm: Vec3 | None = None
    """Box extents along local X, Y, Z."""
    radius_mm: Positive | None = None
    height_mm: Positive | None = None

    @model_validator(mode="after")
    def _dimensions(self) -> ShapeSpec:
        if self.shape == "box":
            if self.size_mm is None or min(self.size_mm) <= 0:
                raise ValueError("a box needs size_mm: three positive lengths")
        elif self.radius_mm is None or self.height_mm is None:
            raise ValueError("a cylinder needs radius_mm and height_mm")
        return self


class Fixture(ShapeSpec):
    """A static solid: a table, wall, fence, tray or bin.

    ``pose`` places the solid's centre. A ``tray`` or ``bin`` (a box only) is
    hollow: a floor ``wall_mm`` thick and four walls, open at the top.
    """

    id: Ident
    kind: Literal["table", "wall", "fence", "tray", "bin", "stand", "other"] = "other"
    pose: Pose6
    wall_mm: Positive = 5.0
    color: str = "#9aa5b1"

    @model_validator(mode="after")
    def _hollow_is_a_box(self) -> Fixture:
        if self.kind in ("tray", "bin") and self.shape != "box":
            raise ValueError(f"a {self.kind} must be a box")
        if self.kind in ("tray", "bin") and 2 * self.wall_mm >= min(self.size_mm[:2]):
            raise ValueError("wall_mm leaves no room inside")
        return self


class PartType(ShapeSpec):
    type: Ident
    mass_kg: Positive = 0.1
    color: str = "#d62828"
    grasp: Pose6 | None = None
    """The grasp frame in the part's frame; by default the top centre, tool Z
    pointing down into the part (A=180)."""


class PartSpec(_Strict):
    id: Ident
    type: Ident
    pose: Pose6
    """The part's centre; it must rest on a support (it is dropped onto one)."""


# -- devices --------------------------------------------------------------------------


class Conveyor(_Strict):
    kind: Literal["conveyor"]
    id: Ident
    pose: Pose6
    """Centre of the belt's top surface; the belt runs along local +X."""
    length_mm: Positive
    width_mm: Positive
    speed_mm_s: Positive
    run_bit: Bit
    """Output bit: the belt runs while it is 1."""
    reverse_bit: Bit | None = None
    end: Literal["stop", "drop"] = "stop"
    """At the belt's end a part stops against a stopper, or falls off."""
    thickness_mm: Positive = 80.0


class PhotoEye(_Strict):
    kind: Literal["photo_eye"]
    id: Ident
    source: Vec3
    target: Vec3
    """The beam runs from source to target (world, mm)."""
    input_bit: Bit
    types: list[Ident] | None = None
    """Part types the sensor sees (a colour or shape sensor); None: every part."""


class Feeder(_Strict):
    kind: Literal["feeder"]
    id: Ident
    at: Pose6
    """Where a new part's bottom centre is set down (X, Y, Z of the bottom)."""
    types: dict[Ident, Positive]
    """Part types and their relative weights."""
    mode: Literal["interval", "times", "when_empty"] = "interval"
    start_s: NonNegative = 0.0
    interval_s: Positive = 5.0
    times_s: list[NonNegative] = []
    jitter_s: NonNegative = 0.0
    jitter_mm: Annotated[list[NonNegative], Field(min_length=2, max_length=2)] = [0, 0]
    jitter_yaw_deg: NonNegative = 0.0
    max_parts: int = Field(default=100, ge=1, le=10000)
    empty_radius_mm: Positive = 30.0
    """``when_empty``: spawn when no part's centre is this close to ``at``."""


class Lamp(_Strict):
    kind: Literal["lamp"]
    id: Ident
    output_bit: Bit
    color: str = "green"
    position: Vec3 = [0, 0, 0]


class Machine(_Strict):
    """A generic machine for the robot-PLC handshake.

    A rising ``start_bit`` output sets ``busy_bit``; ``process_time_s`` later
    busy clears and ``done_bit`` sets; done clears when start goes low.
    """

    kind: Literal["machine"]
    id: Ident
    start_bit: Bit
    busy_bit: Bit
    done_bit: Bit
    process_time_s: Positive
    position: Vec3 = [0, 0, 0]


class Zone(_Strict):
    min: Vec3
    max: Vec3

    @model_validator(mode="after")
    def _ordered(self) -> Zone:
        if any(lo >= hi for lo, hi in zip(self.min, self.max, strict=True)):
            raise ValueError("min must be below max on every axis")
        return self


class LightCurtain(_Strict):
    """A presence sensor: its input is 1 while a person is inside ``zone``."""

    kind: Literal["light_curtain", "area_scanner"]
    id: Ident
    zone: Zone
    input_bit: Bit
    stops_robot: bool = True
    """Safeguard stop: the robot holds while the input is 1, then resumes."""


Device = Annotated[
    Conveyor | PhotoEye | Feeder | Lamp | Machine | LightCurtain,
    Field(discriminator="kind"),
]


# -- people and zones ------------------------------------------------------------------


class Waypoint(_Strict):
    t: NonNegative
    xy: Annotated[list[Number], Field(min_length=2, max_length=2)]


class Person(_Strict):
    """Someone who walks a path of waypoints (time s, floor X, Y mm)."""

    id: Ident
    path: list[Waypoint] = Field(min_length=1)
    radius_mm: Positive = 250.0
    jitter_s: NonNegative = 0.0
    """The whole walk starts up to this much later, drawn from the seed."""

    @model_validator(mode="after")
    def _times_increase(self) -> Person:
        times = [w.t for w in self.path]
        if times != sorted(times) or len(set(times)) != len(times):
            raise ValueError("path times must increase")
        return self


class SsmSpec(_Strict):
    """Speed and separation monitoring for a collaborative robot (ISO/TS 15066)."""

    enabled: bool = True
    human_speed_mm_s: Positive | None = None
    reaction_time_s: NonNegative | None = None
    stopping_time_s: NonNegative | None = None
    intrusion_mm: NonNegative | None = None
    human_uncertainty_mm: NonNegative | None = None
    robot_uncertainty_mm: NonNegative | None = None


class Zones(_Strict):
    work_area: Zone | None = None
    """The TCP must stay inside; leaving it stops the program with an error."""
    ssm: SsmSpec | None = None


# -- the cell --------------------------------------------------------------------------


class CellSpec(_Strict):
    format: Literal["robocampus-cell"]
    version: Literal[1]
    id: Ident
    title: Text
    robot: RobotPlacement
    tool: ToolSpec
    fixtures: list[Fixture] = []
    part_types: list[PartType] = []
    parts: list[PartSpec] = []
    devices: list[Device] = []
    people: list[Person] = []
    zones: Zones = Zones()
    labels: dict[str, dict[int, str]] = {}
    """Names of bits for the I/O panel: {"in": {3: "part at pick"}, "out": {...}}."""

    @model_validator(mode="after")
    def _consistent(self) -> CellSpec:
        ids = [f.id for f in self.fixtures] + [p.id for p in self.parts]
        ids += [d.id for d in self.devices] + [p.id for p in self.people]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"ids must be unique; repeated: {dupes}")
        reserved = sorted(set(ids) & RESERVED_IDS)
        if reserved:
            raise ValueError(f"ids {reserved} are reserved for the robot's own bodies")
        types = {t.type for t in self.part_types}
        for part in self.parts:
            if part.type not in types:
                raise ValueError(f"part {part.id!r} has unknown type {part.type!r}")
        for device in self.devices:
            if isinstance(device, Feeder):
                unknown = sorted(set(device.types) - types)
                if unknown:
                    raise ValueError(f"feeder {device.id!r}: unknown types {unknown}")
            if isinstance(device, PhotoEye) and device.types is not None:
                unknown = sorted(set(device.types) - types)
                if unknown:
                    raise ValueError(
                        f"photo-eye {device.id!r}: unknown types {unknown}"
                    )
        self._check_bits()
        return self

    def _check_bits(self) -> None:
        owners: dict[tuple[str, int], str] = {}
        for direction, bit, owner in self._bit_claims():
            if (direction, bit) in owners:
                raise ValueError(
                    f"{direction}put bit {bit} is used by both "
                    f"{owners[(direction, bit)]!r} and {owner!r}"
                )
            owners[(direction, bit)] = owner

    def _bit_claims(self) -> list[tuple[str, int, str]]:
        claims = []
        if self.tool.kind == "suction":
            claims.append(("out", self.tool.suction_bit, "tool.vacuum"))
        for d in self.devices:
            if isinstance(d, Conveyor):
                claims.append(("out", d.run_bit, f"{d.id}.run"))
                if d.reverse_bit is not None:
                    claims.append(("out", d.reverse_bit, f"{d.id}.reverse"))
            elif isinstance(d, PhotoEye | LightCurtain):
                claims.append(("in", d.input_bit, d.id))
            elif isinstance(d, Lamp):
                claims.append(("out", d.output_bit, d.id))
            elif isinstance(d, Machine):
                claims += [
                    ("out", d.start_bit, f"{d.id}.start"),
                    ("in", d.busy_bit, f"{d.id}.busy"),
                    ("in", d.done_bit, f"{d.id}.done"),
                ]
        return claims

    def io_map(self) -> dict[tuple[str, int], str]:
        """Return which device (or tool) each used I/O bit belongs to.

        Keys are ("in", bit) or ("out", bit); bits not listed are free.
        """
        return {(d, bit): owner for d, bit, owner in self._bit_claims()}

    def part_type(self, name: str) -> PartType:
        return next(t for t in self.part_types if t.type == name)


# -- loading ---------------------------------------------------------------------------


def cell_names() -> list[str]:
    """Return the ids of every shipped cell, sorted."""
    return sorted(p.stem for p in CELLS_DIR.glob("*.yaml"))


def parse_cell(text: str, label: str) -> CellSpec:
    """Validate the YAML ``text`` of a cell file; ``label`` names it in errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise CellFileError(cell=label, field=where, problem="not valid YAML") from None
    if not isinstance(data, dict):
        raise CellFileError(cell=label, field="(top)", problem="must be a mapping")
    try:
        return CellSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"]) or "(top)"
            message = error["msg"].removeprefix("Value error, ")
            problems.append((path, message))
        field, problem = problems[0]
        if len(problems) > 1:
            problem += "; also " + "; ".join(f"{p}: {m}" for p, m in problems[1:])
        raise CellFileError(cell=label, field=field, problem=problem) from None


@cache
def _load_shipped(name: str) -> CellSpec:
    path = CELLS_DIR / f"{name}.yaml"
    return parse_cell(path.read_text(encoding="utf-8"), path.name)


STANDARD_HAND = {
    "kind": "two_finger",
    "tcp": [0, 0, 120, 0, 0, 0],
    "body": {"length_mm": 80, "radius_mm": 30},
    "fingers": {"length_mm": 40, "radius_mm": 6, "open_width_mm": 60},
}
"""The two-finger hand of the shipped cells (TCP 120 mm below the flange)."""


def empty_cell(model: str) -> CellSpec:
    """Return a cell with just ``model`` at the origin, the standard hand and
    the floor: for running a program with no cell around it."""
    return CellSpec.model_validate(
        {
            "format": "robocampus-cell",
            "version": 1,
            "id": f"empty-{model.lower()}",
            "title": {"ko": f"빈 셀 ({model})", "en": f"Empty cell ({model})"},
            "robot": {"model": model},
            "tool": STANDARD_HAND,
        }
    )


def load_cell(name_or_path: str | Path) -> CellSpec:
    """Return the validated cell of a shipped name or a cell file path."""
    if isinstance(name_or_path, Path):
        try:
            text = name_or_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CellFileError(
                cell=str(name_or_path), field="(file)", problem=exc.strerror or str(exc)
            ) from None
        return parse_cell(text, str(name_or_path))
    if name_or_path not in cell_names():
        raise UnknownCellError(cell=name_or_path, known=", ".join(cell_names()))
    return _load_shipped(name_or_path)
