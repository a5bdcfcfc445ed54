"""Errors a MELFA-BASIC program can run into, in English and Korean.

Every runtime error stops the run (as the controller stops with an alarm),
keeps the trace up to that moment, and names the line: ``RuntimeProgramError``
wraps the cause, be it one of the errors below or one of the robot and cell
errors (unreachable point, joint limit, collision, structure flag).
"""

from __future__ import annotations

from robocampus.sim.errors import SimError


class RuntimeProgramError(SimError):
    """A program stopped with an error at ``line`` (step ``step``)."""

    def __init__(self, cause: SimError, line: int, step: int | None, text: str) -> None:
        self.cause = cause
        self.line = line
        self.step = step
        self.text = text.strip()
        self.code = cause.code
        super().__init__()

    def message(self, lang: str = "en") -> str:
        if lang == "ko":
            where = f"{self.line}행" + (f"(스텝 {self.step})" if self.step else "")
        else:
            where = f"line {self.line}" + (f" (step {self.step})" if self.step else "")
        return f"{where} `{self.text}`: {self.cause.message(lang)}"


class DivisionByZeroError(SimError):
    code = "division_by_zero"
    template_en = "division by zero in {expression}"
    template_ko = "{expression}에서 0으로 나누었습니다"


class NoValueError(SimError):
    code = "undefined_variable"
    template_en = (
        "{name} has no value yet: teach it in the data section or assign it first"
    )
    template_ko = (
        "{name}에 아직 값이 없습니다. 데이터 영역에서 교시하거나 먼저 대입하십시오"
    )


class IndexRangeError(SimError):
    code = "index_range"
    template_en = "{name}({index}) is outside the array, which has {size} element(s)"
    template_ko = "{name}({index})은(는) 배열 범위를 벗어납니다 (요소 수 {size})"


class ValueRangeError(SimError):
    code = "value_range"
    template_en = "{what} must be {allowed_en}, not {value}"
    template_ko = "{what} 값은 {allowed_ko}이어야 합니다 (입력: {value})"


class OverflowValueError(SimError):
    code = "overflow"
    template_en = "{value} does not fit in {name} ({type_name}: {low} to {high})"
    template_ko = "{value}은(는) {name}({type_name}: {low}~{high})에 들어가지 않습니다"


class ServoOffError(SimError):
    code = "servo_off"
    template_en = "the robot cannot move with the servo off; run Servo On first"
    template_ko = (
        "서보가 꺼져 있어 로봇이 움직일 수 없습니다. 먼저 Servo On을 실행하십시오"
    )


class ReturnWithoutGoSubError(SimError):
    code = "return_without_gosub"
    template_en = "Return without GoSub: no subroutine is running"
    template_ko = "GoSub 없이 Return이 실행되었습니다: 실행 중인 서브루틴이 없습니다"


class GoSubDepthError(SimError):
    code = "gosub_depth"
    template_en = (
        "GoSub nested more than {limit} deep: does a subroutine GoSub itself, or "
        "jump out with GoTo instead of Return?"
    )
    template_ko = (
        "GoSub가 {limit}단계보다 깊게 중첩되었습니다. 서브루틴이 자신을 GoSub하거나 "
        "Return 대신 GoTo로 빠져나가지 않는지 확인하십시오"
    )


class LoopStateError(SimError):
    code = "loop_state"
    template_en = "{closer} reached without running its {opener} (line {line}) first"
    template_ko = "{line}행의 {opener}을(를) 실행하지 않고 {closer}에 도달했습니다"


class StatementLimitError(SimError):
    code = "statement_limit"
    template_en = (
        "the program ran {limit} statements without ending; is there a loop "
        "without Dly, Wait or an exit?"
    )
    template_ko = (
        "프로그램이 끝나지 않고 문장을 {limit}개 실행했습니다. Dly, Wait 또는 "
        "탈출 조건이 없는 반복이 있지 않습니까?"
    )


class TimeLimitError(SimError):
    code = "time_limit"
    template_en = "the program ran for the limit of {limit_s:g} s of simulated time"
    template_ko = "프로그램이 시뮬레이션 시간 한도 {limit_s:g}초 동안 실행되었습니다"


class WaitNeverError(SimError):
    code = "wait_never"
    template_en = "waited {waited_s:g} s for {condition}; {reason_en}"
    template_ko = "{condition}을(를) {waited_s:g}초 기다렸습니다. {reason_ko}"


class UserError(SimError):
    code = "user_error"
    template_en = "the program raised error {number} (Error statement)"
    template_ko = "프로그램이 오류 {number}을(를) 발생시켰습니다 (Error 문)"


class PalletError(SimError):
    code = "pallet"
    template_en = "pallet {number}: {problem_en}"
    template_ko = "팔레트 {number}: {problem_ko}"


class InterruptError(SimError):
    code = "interrupt"
    template_en = "interrupt {number}: {problem_en}"
    template_ko = "인터럽트 {number}: {problem_ko}"
