"""``robocampus warm-up``: compile the simulator's kernels before anyone waits.

The simulator's hot paths are compiled with Numba on first use and cached
beside its modules (docs/engine.md). A machine that has never run them
takes about a minute over the first run; this command pays that at
installation by grading every built-in exercise's reference solution once.
"""

from __future__ import annotations

import time
from pathlib import Path

from robocampus.commands.common import OK, PROGRAM_ERROR, say
from robocampus.sim.grading import exercise_ids, grade, load_exercise
from robocampus.sim.grading.spec import EXERCISES


def warm_up(args) -> int:
    """Grade each built-in reference solution once; say how long it took."""
    start = time.perf_counter()
    failed = []
    for exercise_id in exercise_ids():
        source = (Path(str(EXERCISES / exercise_id)) / "reference.prg").read_text(
            encoding="utf-8"
        )
        if not grade(source, load_exercise(exercise_id)).passed:
            failed.append(exercise_id)
    seconds = time.perf_counter() - start
    if failed:
        names = ", ".join(failed)
        say(
            args.lang,
            f"the reference solutions of {names} did not pass",
            f"{names}의 모범 답안이 통과하지 못했습니다",
        )
        return PROGRAM_ERROR
    count = len(exercise_ids())
    say(
        args.lang,
        f"simulator ready: {count} exercises graded in {seconds:.1f} s",
        f"시뮬레이터 준비 완료: 과제 {count}개를 {seconds:.1f}초에 채점했습니다",
    )
    return OK
