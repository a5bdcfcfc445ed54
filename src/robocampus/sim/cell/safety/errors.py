"""Errors of the collaborative-safety calculations, in English and Korean.

They follow ``robocampus.sim.errors``: a stable ``code``, the numbers in
``params`` and a message in both languages.

To use::

    try:
        permissible_transient_speed_mm_s("face", 20, 2, body_mass_kg=4.4)
    except TransientContactNotAllowedError as err:
        print(err.code, err.message("ko"))
"""

from __future__ import annotations

import math

from robocampus.sim.errors import SimError


class SafetyFileError(SimError, ValueError):
    """The ISO/TS 15066 data file does not validate."""

    code = "safety_file"
    template_en = "safety data {file}: {field}: {problem}"
    template_ko = "안전 데이터 {file}: {field}: {problem}"


class SafetyParameterError(SimError, ValueError):
    """A safety input (speed, time, distance, mass, area) is out of range."""

    code = "safety_parameter"
    template_en = "{name} must be a finite number {rule_en}, not {value}"
    template_ko = "{name} 값은 {rule_ko} 유한한 숫자여야 합니다(입력: {value})"


class UnknownBodyRegionError(SimError, ValueError):
    """No body region of that id is in the ISO/TS 15066 table."""

    code = "unknown_body_region"
    template_en = "unknown body region {region!r}; known regions: {known}"
    template_ko = "알 수 없는 신체 부위 {region!r}입니다. 사용 가능한 부위: {known}"


class MissingBodyMassError(SimError, ValueError):
    """The effective body-region mass m_H is neither given nor in the data."""

    code = "missing_body_mass"
    template_en = (
        "no effective mass for the {name_en} ({region}): pass body_mass_kg; the "
        "masses of ISO/TS 15066 Table A.3 are not in robocampus's data, take them "
        "from a licensed copy"
    )
    template_ko = (
        "{name_ko}({region})의 유효 질량이 없습니다. body_mass_kg를 입력하십시오. "
        "ISO/TS 15066 표 A.3의 질량은 robocampus 데이터에 없으므로 정식 사본에서 "
        "가져와야 합니다"
    )


class TransientContactNotAllowedError(SimError):
    """Transient contact with this body region (head or face) is not permitted."""

    code = "transient_contact_not_allowed"
    template_en = (
        "transient contact with the {name_en} ({region}) is not permitted: "
        "ISO/TS 15066 does not allow transient contact with the head or face, so "
        "there is no permissible speed; keep the robot from reaching it"
    )
    template_ko = (
        "{name_ko}({region})에 대한 과도 접촉은 허용되지 않습니다. ISO/TS 15066은 "
        "머리와 얼굴에 대한 과도 접촉을 허용하지 않으므로 허용 속도가 없습니다. "
        "로봇이 그 부위에 닿지 않도록 하십시오"
    )


def checked(name: str, value: object, *, positive: bool = False) -> float:
    """Return ``value`` as a float, or raise ``SafetyParameterError`` naming it.

    ``name`` carries the unit (``"reaction_time_s"``). The value must be finite
    and at least 0, or above 0 when ``positive``.
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        ok = False
    else:
        ok = number > 0.0 if positive else number >= 0.0
    if not ok:
        raise SafetyParameterError(
            name=name,
            value=repr(value),
            rule_en="above 0" if positive else "of at least 0",
            rule_ko="0보다 큰" if positive else "0 이상인",
        )
    return number
