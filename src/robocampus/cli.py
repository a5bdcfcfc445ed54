"""The ``robocampus`` command.

::

    robocampus check prog.prg                 # syntax, names, types, blocks
    robocampus run prog.prg --exercise ex03-pick-and-place [--scenario 2]
    robocampus run prog.prg --cell conveyor-sorting --trace run.json --json
    robocampus run prog.prg --robot RV-4FRL   # an empty cell, just the floor
    robocampus grade prog.prg --exercise ex03-pick-and-place [--json]
    robocampus grade-batch submissions/ --exercise ex03-pick-and-place --workers 2
    robocampus exercises list | robocampus exercises show ex03-pick-and-place
    robocampus format prog.prg --renumber     # RT ToolBox .prg layout
    robocampus demo                           # the engine on its own
    robocampus warm-up                        # compile the simulator once, at set-up
    robocampus verify cert.json --key issuer.json [--status-list status.json]

``--lang ko|en`` (default Korean, or ``ROBOCAMPUS_LANG``) chooses the
language of every message. Exit codes are in ``robocampus.commands.common``:
0 success, 1 the program has errors (``verify``: the credential is invalid,
revoked or expired), 2 usage, 3 graded but not passed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from robocampus.commands import demo, grading, program, verify, warmup
from robocampus.commands.common import LANGUAGES, USAGE, UsageError, message
from robocampus.sim.errors import SimError
from robocampus.sim.robot import model_names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="robocampus",
        description=__doc__.split("::")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=os.environ.get("ROBOCAMPUS_LANG", "ko"),
        help="language of the messages (default ko)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check a program (syntax only, no run)")
    check.add_argument("program")
    check.add_argument(
        "--strict",
        action="store_true",
        help="MELFA-BASIC V text limits are errors, not warnings",
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=program.check)

    run = commands.add_parser("run", help="run a program in a cell")
    run.add_argument("program")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--exercise", help="an exercise id or folder: its cell")
    where.add_argument("--cell", help="a shipped cell id or a cell file")
    where.add_argument("--robot", help="a model: an empty cell with just the floor")
    run.add_argument("--scenario", help="with --exercise: a scenario id or number")
    run.add_argument("--seed", type=int, help="the run's seed")
    run.add_argument("--trace", help="write the trace (JSON) to this file")
    run.add_argument("--json", action="store_true", help="print a JSON summary")
    run.set_defaults(handler=program.run)

    grade = commands.add_parser("grade", help="grade a program against an exercise")
    grade.add_argument("program")
    grade.add_argument("--exercise", required=True)
    grade.add_argument("--attempt", type=int, default=1)
    grade.add_argument("--json", action="store_true")
    grade.set_defaults(handler=grading.grade_one)

    batch = commands.add_parser("grade-batch", help="grade every .prg in a folder")
    batch.add_argument("folder")
    batch.add_argument("--exercise", required=True)
    batch.add_argument("--workers", type=int, default=1)
    batch.add_argument(
        "--out", help="the CSV file (default: <folder>/<id>-results.csv)"
    )
    batch.set_defaults(handler=grading.grade_batch)

    ex = commands.add_parser("exercises", help="list or show the built-in exercises")
    ex.add_argument("action", choices=("list", "show"))
    ex.add_argument("id", nargs="?")
    ex.add_argument("--json", action="store_true")
    ex.set_defaults(handler=grading.exercises)

    fmt = commands.add_parser("format", help="write a program in RT ToolBox's layout")
    fmt.add_argument("program")
    fmt.add_argument("--exercise", help="add the exercise's taught positions")
    fmt.add_argument("--renumber", action="store_true", help="number steps 1, 2, 3")
    fmt.add_argument("--out", help="write here instead of printing")
    fmt.set_defaults(handler=program.format_prg)

    demo_cmd = commands.add_parser("demo", help="run a pick-and-place demonstration")
    demo_cmd.add_argument("--model", default="RV-2FR", choices=model_names())
    demo_cmd.add_argument("--ovrd", type=float, default=100.0, help="Ovrd, percent")
    demo_cmd.add_argument("--spd", type=float, default=200.0, help="Spd, mm/s")
    demo_cmd.set_defaults(handler=lambda a: demo.demo(a.model, a.ovrd, a.spd))

    warm = commands.add_parser(
        "warm-up", help="compile the simulator's kernels (about a minute, once)"
    )
    warm.set_defaults(handler=warmup.warm_up)

    check_cred = commands.add_parser(
        "verify", help="check a signed certificate (Open Badges 3.0) offline"
    )
    check_cred.add_argument("file", help="the credential (JSON)")
    check_cred.add_argument(
        "--key",
        required=True,
        help="the issuer's key document (JSON, as published by the site) or PEM",
    )
    check_cred.add_argument(
        "--status-list", help="the issuer's signed revocation list (JSON)"
    )
    check_cred.add_argument(
        "--now", help="judge validity at this ISO 8601 time (default: now)"
    )
    check_cred.add_argument("--json", action="store_true")
    check_cred.set_defaults(handler=verify.verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except (SimError, UsageError) as err:
        label = "오류" if args.lang == "ko" else "error"
        print(f"{label}: {message(err, args.lang)}", file=sys.stderr)
        return USAGE if _is_usage(err) else 1


def _is_usage(err) -> bool:
    """Bad input to the command (a file, an id), not the program's fault."""
    if isinstance(err, UsageError):
        return True
    return err.code in (
        "unknown_exercise",
        "exercise_file",
        "unknown_cell",
        "cell_file",
        "unknown_model",
        "invalid_value",
    )


if __name__ == "__main__":
    sys.exit(main())
