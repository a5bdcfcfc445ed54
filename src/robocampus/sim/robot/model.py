"""Robot model files: their schema, validation and loading.

A model file (``models/<name>.yaml``) holds the numbers that make one MELFA arm:
link lengths, joint limits and speeds, default tool, payload, collision
capsules, acceleration time and named poses, each group with the source it
was taken from. ``load_model`` validates a file and returns a ``Robot``; a bad
file is rejected with the dotted path of every bad field.

To use::

    from robocampus.sim.robot import load_model, model_names
    rv = load_model("RV-2FR")
    model_names()   # ['RV-13FRL', 'RV-2FR', ...]
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from robocampus.sim.errors import ModelFileError, UnknownModelError

if TYPE_CHECKING:
    from robocampus.sim.robot.robot import Robot

MODELS_DIR = Path(__file__).with_name("models")

KinematicPoint = Literal[
    "base", "column_top", "shoulder", "elbow", "forearm", "wrist", "flange"
]
"""Named points along the arm, in the order they follow from the base.

``column_top`` is (0, 0, d1) on the J1 axis; ``shoulder`` the J2 axis point;
``elbow`` the J3 axis point; ``forearm`` the start of the forearm after the
elbow offset; ``wrist`` the J5 centre (P-point); ``flange`` the tool flange.
"""

Number = Annotated[float, Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Geometry(_Strict):
    """Link lengths in millimetres (reference §1.3/§1.6: d1, a1, L2, e, L4, L6)."""

    source: str
    base_to_shoulder_mm: Number = Field(gt=0)
    shoulder_offset_mm: Number = Field(ge=0)
    upper_arm_mm: Number = Field(gt=0)
    elbow_offset_mm: Number = Field(ge=0)
    forearm_mm: Number = Field(gt=0)
    wrist_to_flange_mm: Number = Field(ge=0)


class Axis(_Strict):
    """One joint: its range (degrees) and top speed (degrees per second)."""

    name: Literal["J1", "J2", "J3", "J4", "J5", "J6"]
    min_deg: Number
    max_deg: Number
    max_speed_deg_s: Number = Field(gt=0)

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Axis:
        if not self.min_deg < self.max_deg:
            raise ValueError(
                f"min_deg ({self.min_deg}) must be below max_deg ({self.max_deg})"
            )
        return self


class Joints(_Strict):
    limits_source: str
    speeds_source: str
    axes: list[Axis] = Field(min_length=6, max_length=6)

    @model_validator(mode="after")
    def _axes_in_order(self) -> Joints:
        names = [axis.name for axis in self.axes]
        if names != ["J1", "J2", "J3", "J4", "J5", "J6"]:
            raise ValueError(f"axes must be J1..J6 in order, got {names}")
        return self


class Tool(_Strict):
    """The default tool (MELFA parameter MEXTL): X,Y,Z in mm, A,B,C in degrees."""

    xyzabc: list[Number] = Field(min_length=6, max_length=6)
    source: str


class Payload(_Strict):
    rated_kg: Number | None = Field(default=None, gt=0)
    max_kg: Number | None = Field(default=None, gt=0)
    verified: bool
    source: str


class Motion(_Strict):
    """Controller timing: time to reach commanded speed at ``Accel 100``, seconds."""

    accel_time_s: Number = Field(gt=0, le=2)
    source: str


class Capsule(_Strict):
    """A link's collision volume: a segment between two points, swept by a ball."""

    name: str
    start: KinematicPoint
    end: KinematicPoint
    radius_mm: Number = Field(gt=0)


class Collision(_Strict):
    source: str
    capsules: list[Capsule] = Field(min_length=1)


class RobotModel(_Strict):
    """Everything robocampus knows about one robot model, as read from its file."""

    model: str
    maker: str
    series: str
    controller: str
    kind: Literal["vertical-6-axis"]
    reach_mm: Number = Field(gt=0)
    default_fl1: int = Field(ge=0, le=7)
    geometry: Geometry
    joints: Joints
    default_tool: Tool
    payload: Payload
    motion: Motion
    collision: Collision
    named_poses: dict[str, list[Number]]

    @model_validator(mode="after")
    def _consistent(self) -> RobotModel:
        g = self.geometry
        # Catalogue reach is measured at the J5 centre (reference §1.5).
        reach = (
            g.shoulder_offset_mm
            + g.upper_arm_mm
            + math.hypot(g.elbow_offset_mm, g.forearm_mm)
        )
        if abs(reach - self.reach_mm) > 1.0:
            raise ValueError(
                f"reach_mm is {self.reach_mm} but the geometry gives {reach:.1f} mm "
                "(a1 + L2 + sqrt(e^2 + L4^2)); a link length is probably mistyped"
            )
        for name, q in self.named_poses.items():
            if len(q) != 6:
                raise ValueError(f"named pose {name!r} needs 6 joint angles")
            for axis, value in zip(self.joints.axes, q, strict=True):
                if not axis.min_deg <= value <= axis.max_deg:
                    raise ValueError(
                        f"named pose {name!r}: {axis.name}={value} is outside "
                        f"{axis.min_deg}..{axis.max_deg}"
                    )
        return self


def model_file(name: str) -> Path:
    """Return the path of the shipped model file for ``name`` (case-insensitive)."""
    path = MODELS_DIR / f"{name.strip().lower()}.yaml"
    if not path.is_file():
        raise UnknownModelError(model=name, known=", ".join(model_names()))
    return path


def model_names() -> list[str]:
    """Return the names of every shipped robot model, sorted."""
    return list(_shipped_names())


@cache
def _shipped_names() -> tuple[str, ...]:
    """The model files shipped with the package: read once (cell files name
    their robot, and every cell validated asks)."""
    return tuple(sorted(p.stem.upper() for p in MODELS_DIR.glob("*.yaml")))


def parse_model(text: str, label: str) -> RobotModel:
    """Validate the YAML ``text`` of a model file; ``label`` names it in errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise ModelFileError(
            model=label, field=where, problem="not valid YAML"
        ) from None
    if not isinstance(data, dict):
        raise ModelFileError(model=label, field="(top)", problem="must be a mapping")
    try:
        return RobotModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"]) or "(top)"
            problems.append((path, error["msg"]))
        field, problem = problems[0]
        if len(problems) > 1:
            problem += "; also " + "; ".join(f"{p}: {m}" for p, m in problems[1:])
        raise ModelFileError(model=label, field=field, problem=problem) from None


@cache
def _load_shipped(name: str) -> RobotModel:
    path = model_file(name)
    return parse_model(path.read_text(encoding="utf-8"), path.name)


def load_model_data(name_or_path: str | Path) -> RobotModel:
    """Return the validated data of a shipped model name or a model file path."""
    if isinstance(name_or_path, Path):
        return parse_model(name_or_path.read_text(encoding="utf-8"), str(name_or_path))
    return _load_shipped(name_or_path.strip().upper())


def load_model(name_or_path: str | Path) -> Robot:
    """Return a ``Robot`` for a shipped model name ("RV-2FR") or a model file."""
    from robocampus.sim.robot.robot import Robot

    return Robot(load_model_data(name_or_path))
