"""Import a competency framework (units, elements, performance criteria)
from YAML or CSV: everything is checked first; nothing changes unless the
whole file is valid. Existing units are updated by code.

YAML: ``units: [{code, title: {ko, en}, level, elements: [{code, title:
{ko, en}, criteria: [{ko, en}]}]}]`` (see ``data/example-competencies.yaml``).
CSV: one row per criterion with the columns ``unit_code, unit_title_ko,
unit_title_en, level, element_code, element_title_ko, element_title_en,
criterion_ko, criterion_en``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated

import yaml
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from robocampus.curriculum.models import (
    CompetencyElement,
    CompetencyUnit,
    PerformanceCriterion,
)

EXAMPLE = Path(__file__).parent / "data" / "example-competencies.yaml"
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.\-]+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(_Strict):
    ko: str = Field(min_length=1)
    en: str = ""


class Element(_Strict):
    code: Code
    title: Text
    criteria: list[Text] = []


class Unit(_Strict):
    code: Code
    title: Text
    level: int | None = Field(default=None, ge=1, le=8)
    elements: list[Element] = []


class Framework(_Strict):
    example: bool = False
    units: list[Unit] = Field(min_length=1)


class FrameworkError(ValueError):
    """The file is not a valid framework; ``errors`` say where and what."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def parse_framework(name: str, text: str) -> Framework:
    """Parse a YAML or CSV framework; raise ``FrameworkError`` naming each bad field."""
    if name.lower().endswith(".csv"):
        data = _csv_to_data(text)
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise FrameworkError([f"{name}: not valid YAML: {err}"]) from err
    try:
        framework = Framework.model_validate(data)
    except ValidationError as err:
        raise FrameworkError(
            [
                f"{name}: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                for e in err.errors()
            ]
        ) from err
    _check_unique(name, framework)
    return framework


def _csv_to_data(text: str) -> dict:
    units: dict[str, dict] = {}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    for row in reader:
        unit = units.setdefault(
            row.get("unit_code", ""),
            {
                "code": row.get("unit_code", ""),
                "title": {
                    "ko": row.get("unit_title_ko", ""),
                    "en": row.get("unit_title_en", ""),
                },
                "level": int(row["level"])
                if (row.get("level") or "").isdigit()
                else None,
                "elements": [],
            },
        )
        if not row.get("element_code"):
            continue
        element = next(
            (e for e in unit["elements"] if e["code"] == row["element_code"]), None
        )
        if element is None:
            element = {
                "code": row["element_code"],
                "title": {
                    "ko": row.get("element_title_ko", ""),
                    "en": row.get("element_title_en", ""),
                },
                "criteria": [],
            }
            unit["elements"].append(element)
        if row.get("criterion_ko"):
            element["criteria"].append(
                {"ko": row["criterion_ko"], "en": row.get("criterion_en", "")}
            )
    return {"units": list(units.values())}


def _check_unique(name: str, framework: Framework) -> None:
    errors, seen = [], set()
    for i, unit in enumerate(framework.units):
        if unit.code in seen:
            errors.append(f"{name}: units.{i}.code: {unit.code} is given twice")
        seen.add(unit.code)
        codes = set()
        for j, element in enumerate(unit.elements):
            if element.code in codes:
                errors.append(
                    f"{name}: units.{i}.elements.{j}.code: "
                    f"{element.code} is given twice"
                )
            codes.add(element.code)
    if errors:
        raise FrameworkError(errors)


@transaction.atomic
def import_framework(framework: Framework) -> list[CompetencyUnit]:
    """Create or update the framework's units (elements and criteria replaced)."""
    units = []
    for spec in framework.units:
        unit, _ = CompetencyUnit.objects.update_or_create(
            code=spec.code,
            defaults={
                "title_ko": spec.title.ko,
                "title_en": spec.title.en,
                "level": spec.level,
            },
        )
        unit.elements.all().delete()
        for element_spec in spec.elements:
            element = CompetencyElement.objects.create(
                unit=unit,
                code=element_spec.code,
                title_ko=element_spec.title.ko,
                title_en=element_spec.title.en,
            )
            PerformanceCriterion.objects.bulk_create(
                PerformanceCriterion(
                    element=element, order=k, text_ko=c.ko, text_en=c.en
                )
                for k, c in enumerate(element_spec.criteria)
            )
        units.append(unit)
    return units
