"""The ISO/TS 15066 data file: its schema, validation and loading.

``iso_ts_15066.yaml`` holds the Annex A body-region limits and the worked SSM
values, each column with its source and a ``verified`` flag; the shipped file
is illustrative. A bad file is rejected with the dotted path of its bad field.

To use::

    table = load_table()            # the shipped file, read on first use
    table.status, table.verified    # "illustrative", False
    ssm_defaults()                  # SsmParameters of the worked illustration
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from robocampus.sim.cell.safety.errors import SafetyFileError
from robocampus.sim.cell.safety.ssm import SsmParameters

DATA_FILE = Path(__file__).with_name("iso_ts_15066.yaml")

TRANSIENT_FACTOR = 2.0
"""Transient limit over quasi-static limit used by the file (reference §3.3)."""

Number = Annotated[float, Field(allow_inf_nan=False)]
Positive = Annotated[float, Field(allow_inf_nan=False, gt=0)]
Status = Literal["illustrative", "verified"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where one column's numbers come from, and whether they were checked."""

    source: str = Field(min_length=1)
    verified: bool


class Sources(_Strict):
    forces: Source
    transient: Source
    pressures: Source
    spring_constants: Source
    body_masses: Source
    names_ko: Source


class BodyRegion(_Strict):
    """One body region of ISO/TS 15066 Annex A, Table A.2.

    Forces in N, pressures in N/cm², spring constant in N/mm, effective mass
    ``body_mass_kg`` (m_H, Table A.3) in kg or None when not known.
    """

    region: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_en: str = Field(min_length=1)
    name_ko: str = Field(min_length=1)
    quasi_static_force_n: Positive
    transient_force_n: Positive
    transient_allowed: bool
    max_pressure_n_cm2: Positive
    transient_pressure_n_cm2: Positive
    pressure_location: str = Field(min_length=1)
    spring_constant_n_mm: Positive
    body_mass_kg: Positive | None

    @model_validator(mode="after")
    def _transient_is_twice_quasi_static(self) -> BodyRegion:
        for transient, quasi in (
            ("transient_force_n", "quasi_static_force_n"),
            ("transient_pressure_n_cm2", "max_pressure_n_cm2"),
        ):
            want = TRANSIENT_FACTOR * getattr(self, quasi)
            if abs(getattr(self, transient) - want) > 1e-9 * want:
                raise ValueError(
                    f"{self.region}: {transient} is {getattr(self, transient)} but "
                    f"must be {TRANSIENT_FACTOR:g} x {quasi} = {want:g}"
                )
        return self

    def name(self, lang: str = "en") -> str:
        """Return the region's name in ``lang`` ("en" or "ko")."""
        return self.name_ko if lang == "ko" else self.name_en


class SsmValue(_Strict):
    value: Number = Field(ge=0)
    status: Literal["assumed", "measured"]
    source: str = Field(min_length=1)


class SsmDefaults(_Strict):
    """The worked SSM illustration: mm/s, s and mm, each value with its source."""

    status: Status
    verified: bool
    human_speed_mm_s: SsmValue
    reaction_time_s: SsmValue
    stopping_time_s: SsmValue
    intrusion_mm: SsmValue
    human_uncertainty_mm: SsmValue
    robot_uncertainty_mm: SsmValue


class SafetyTable(_Strict):
    """Everything in the ISO/TS 15066 data file."""

    standard: str
    status: Status
    verified: bool
    sources: Sources
    regions: list[BodyRegion] = Field(min_length=1)
    ssm_defaults: SsmDefaults

    @model_validator(mode="after")
    def _consistent(self) -> SafetyTable:
        ids = [r.region for r in self.regions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"region ids must be unique; repeated: {duplicates}")
        columns = self.sources.model_dump().values()
        if self.verified and not all(c["verified"] for c in columns):
            raise ValueError(
                "verified is true but a column under sources is not verified"
            )
        if self.verified != (self.status == "verified"):
            raise ValueError(f"status {self.status!r} contradicts verified")
        return self

    def region(self, region_id: str) -> BodyRegion | None:
        """Return the region of id ``region_id``, or None."""
        return next((r for r in self.regions if r.region == region_id), None)


def parse_table(text: str, label: str) -> SafetyTable:
    """Validate the YAML ``text`` of a data file; ``label`` names it in errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise SafetyFileError(
            file=label, field=where, problem="not valid YAML"
        ) from None
    if not isinstance(data, dict):
        raise SafetyFileError(file=label, field="(top)", problem="must be a mapping")
    try:
        return SafetyTable.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"]) or "(top)"
            problems.append((path, error["msg"]))
        field, problem = problems[0]
        if len(problems) > 1:
            problem += "; also " + "; ".join(f"{p}: {m}" for p, m in problems[1:])
        raise SafetyFileError(file=label, field=field, problem=problem) from None


@cache
def _load_shipped() -> SafetyTable:
    return parse_table(DATA_FILE.read_text(encoding="utf-8"), DATA_FILE.name)


def load_table(path: Path | None = None) -> SafetyTable:
    """Return the validated shipped data file, or the file at ``path``."""
    if path is None:
        return _load_shipped()
    return parse_table(Path(path).read_text(encoding="utf-8"), str(path))


def ssm_defaults(stopping_distance_mm: float | None = None) -> SsmParameters:
    """Return the worked illustration's SSM figures (assumed values, mm, s).

    ``stopping_distance_mm``: a given ``S_s`` in mm, or None for the
    ``v_r * T_s / 2`` estimate.
    """
    d = load_table().ssm_defaults
    return SsmParameters(
        human_speed_mm_s=d.human_speed_mm_s.value,
        reaction_time_s=d.reaction_time_s.value,
        stopping_time_s=d.stopping_time_s.value,
        intrusion_mm=d.intrusion_mm.value,
        human_uncertainty_mm=d.human_uncertainty_mm.value,
        robot_uncertainty_mm=d.robot_uncertainty_mm.value,
        stopping_distance_mm=stopping_distance_mm,
    )
