"""The one error hierarchy of the simulator, with messages in English and Korean.

Every error a trainee or an instructor can cause carries a stable ``code``, the
numbers behind it in ``params`` and a message in both languages, so the web
layer can show it in the reader's language without parsing text. ``sim`` does
not import Django; the Korean text lives here next to the English.

To use::

    try:
        robot.ik(pose)
    except SimError as err:
        print(err.code, err.message("ko"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

LANGUAGES = ("en", "ko")


@dataclass(frozen=True, slots=True)
class PathLocation:
    """Where on a planned path something happened.

    ``motion`` is the MELFA statement (``"Mvs"``), ``fraction`` the share of the
    path already travelled (0..1) and ``xyz_mm`` the TCP position there.
    """

    motion: str
    fraction: float
    xyz_mm: tuple[float, float, float]

    def describe(self, lang: str) -> str:
        x, y, z = self.xyz_mm
        pct = self.fraction * 100.0
        share = f"{pct:.1f}%" if pct < 10.0 else f"{pct:.0f}%"
        if lang == "ko":
            return (
                f"{self.motion} 경로의 {share} 지점 "
                f"(X={x:.1f}, Y={y:.1f}, Z={z:.1f} mm)"
            )
        return (
            f"at {share} of the {self.motion} path (X={x:.1f}, Y={y:.1f}, Z={z:.1f} mm)"
        )


class SimError(Exception):
    """Root of every error the simulator raises on purpose."""

    code: ClassVar[str] = "sim_error"
    template_en: ClassVar[str] = "{detail}"
    template_ko: ClassVar[str] = "{detail}"

    def __init__(self, location: PathLocation | None = None, **params: Any) -> None:
        self.params = params
        self.location = location
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """Return the message in ``lang`` ("en" or "ko")."""
        template = self.template_ko if lang == "ko" else self.template_en
        text = template.format(**self.params)
        if self.location is not None:
            text = f"{text} — {self.location.describe(lang)}"
        return text

    def at(self, location: PathLocation) -> SimError:
        """Return a copy of this error that also says where on a path it happened."""
        return type(self)(location=location, **self.params)


class SimValueError(SimError, ValueError):
    """Misuse of the API: a bad shape, a NaN, an unknown unit or name.

    Built with ``invalid(detail_en, detail_ko)``; the detail is free text.
    """

    code = "invalid_value"

    def message(self, lang: str = "en") -> str:
        if lang == "ko" and self.params.get("detail_ko"):
            return self.params["detail_ko"]
        return self.params["detail"]


class ModelFileError(SimError, ValueError):
    """A robot model file is missing or does not validate."""

    code = "model_file"
    template_en = "robot model {model}: {field}: {problem}"
    template_ko = "로봇 모델 {model}: {field}: {problem}"


class UnknownModelError(SimError, ValueError):
    """No robot model of that name ships with robocampus."""

    code = "unknown_model"
    template_en = "unknown robot model {model!r}; known models: {known}"
    template_ko = "알 수 없는 로봇 모델 {model!r}입니다. 사용 가능한 모델: {known}"


class UnreachableError(SimError):
    """The target lies outside the arm's workspace."""

    code = "unreachable"
    template_en = (
        "position out of reach: the wrist centre would have to be {excess_mm:.1f} mm "
        "{direction_en} than the arm allows"
    )
    template_ko = (
        "도달할 수 없는 위치입니다: 손목 중심이 팔이 허용하는 것보다 "
        "{excess_mm:.1f} mm {direction_ko} 합니다"
    )


class JointLimitError(SimError):
    """A joint would leave its range of motion."""

    code = "joint_limit"
    template_en = (
        "J{joint} would be {value_deg:.2f} deg, beyond its limit of "
        "{limit_deg:.2f} deg by {excess_deg:.2f} deg"
    )
    template_ko = (
        "J{joint}이(가) {value_deg:.2f}°가 되어 동작 한계 {limit_deg:.2f}°를 "
        "{excess_deg:.2f}° 넘습니다"
    )


class JointSpeedError(SimError):
    """A joint would have to turn faster than its motor allows."""

    code = "joint_speed"
    template_en = (
        "J{joint} would have to turn at {speed_deg_s:.0f} deg/s, faster than its "
        "maximum of {max_deg_s:.0f} deg/s; lower Spd or Ovrd"
    )
    template_ko = (
        "J{joint}이(가) {speed_deg_s:.0f}°/s로 회전해야 하여 최대 속도 "
        "{max_deg_s:.0f}°/s를 넘습니다. Spd 또는 Ovrd를 낮추십시오"
    )


class SingularityError(SimError):
    """A Cartesian path passes through or too close to a singular posture."""

    code = "singularity"
    template_en = (
        "the path passes too close to the {kind_en} singularity ({measure_en}): "
        "J{joint} would have to turn at {speed_deg_s:.0f} deg/s (max "
        "{max_deg_s:.0f}); move with Mov, or teach the points with another posture"
    )
    template_ko = (
        "경로가 {kind_ko} 특이점에 너무 가깝습니다({measure_ko}). J{joint}이(가) "
        "{speed_deg_s:.0f}°/s로 회전해야 합니다(최대 {max_deg_s:.0f}). Mov를 "
        "사용하거나 다른 자세로 위치를 교시하십시오"
    )


class StructureFlagError(SimError):
    """An interpolated move would have to change the arm's posture (FL1)."""

    code = "structure_flag"
    template_en = (
        "{motion} keeps the arm's posture, but the target's structure flag "
        "FL1={target_fl1} ({target_text}) differs from the current FL1="
        "{start_fl1} ({start_text}); use Mov to change posture"
    )
    template_ko = (
        "{motion}은(는) 팔의 자세를 유지하는데 목표 위치의 구조 플래그 "
        "FL1={target_fl1}({target_text})이(가) 현재 FL1={start_fl1}({start_text})와 "
        "다릅니다. 자세를 바꾸려면 Mov를 사용하십시오"
    )


class ArcGeometryError(SimError):
    """The points given for a circular move do not define the arc."""

    code = "arc_geometry"
    template_en = "{motion}: {problem_en}"
    template_ko = "{motion}: {problem_ko}"


class MotionSettingError(SimError, ValueError):
    """A speed, override or acceleration setting is out of its range."""

    code = "motion_setting"
    template_en = "{name} must be between {low:g} and {high:g}, not {value:g}"
    template_ko = "{name} 값은 {low:g}에서 {high:g} 사이여야 합니다(입력: {value:g})"


class MotionTooLongError(SimError):
    """A motion so slow it would take longer than the simulator plans."""

    code = "motion_too_long"
    template_en = (
        "{motion} would take {duration_s:.0f} s, longer than the {limit_s:.0f} s "
        "a single motion may take; raise Spd, Ovrd or JOvrd"
    )
    template_ko = (
        "{motion} 동작에 {duration_s:.0f}초가 걸려 한 동작의 한도 {limit_s:.0f}초를 "
        "넘습니다. Spd, Ovrd 또는 JOvrd를 높이십시오"
    )


class NotSupportedError(SimError):
    """A real controller feature that this simulator does not model."""

    code = "not_supported"
    template_en = "{feature} is not supported by the robocampus simulator"
    template_ko = "{feature}은(는) robocampus 시뮬레이터에서 지원하지 않습니다"


def invalid(detail_en: str, detail_ko: str = "") -> SimValueError:
    """Return a ``SimValueError`` with a free-form detail in both languages."""
    return SimValueError(detail=detail_en, detail_ko=detail_ko)
