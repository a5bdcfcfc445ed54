"""System checks: the facilities settings must make valid policies."""

from __future__ import annotations

from django.core import checks

from robocampus.facilities import policies

_SETTINGS = (
    ("FACILITIES_SAFETY_EDUCATION", policies.safety_policy, "facilities.E001"),
    ("FACILITIES_CELL_INSPECTION", policies.inspection_policy, "facilities.E002"),
    ("FACILITIES_BOOKING", policies.booking_rules, "facilities.E003"),
)


@checks.register()
def check_policies(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for name, build, check_id in _SETTINGS:
        try:
            build()
        except (TypeError, ValueError) as err:
            errors.append(
                checks.Error(f"{name} is not valid: {err}", obj=name, id=check_id)
            )
    return errors
