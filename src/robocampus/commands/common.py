"""What every sub-command shares: exit codes, language, files, printing.

Exit codes of ``robocampus``:

==== =====================================================================
0    success: the program is clean, ran without an error, or passed
1    the program has errors: it does not compile, or its run stopped with
     a runtime error (``run``); ``grade``: it does not compile;
     ``verify``: the credential is invalid, revoked or expired
2    usage: a bad argument, a file that cannot be read, an unknown
     exercise, cell or robot model, a malformed key document
3    ``grade``: graded, below the exercise's pass mark
==== =====================================================================
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from robocampus.sim.errors import SimError

OK, PROGRAM_ERROR, USAGE, NOT_PASSED = 0, 1, 2, 3

LANGUAGES = ("ko", "en")


class UsageError(Exception):
    """A bad argument or file: reported on stderr with exit code 2."""

    def __init__(self, en: str, ko: str) -> None:
        super().__init__(en)
        self.text = {"en": en, "ko": ko}


def read_text(path: str) -> str:
    """Return a file's text, or raise ``UsageError`` naming the file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        try:
            return Path(path).read_text(
                encoding="cp949"
            )  # RT ToolBox on Korean Windows
        except (OSError, UnicodeDecodeError):
            pass
        raise UsageError(
            f"{path}: not a text file", f"{path}: 텍스트 파일이 아닙니다"
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"{path}: {reason}", f"{path}: {reason}") from None


def message(err: SimError | UsageError, lang: str) -> str:
    if isinstance(err, UsageError):
        return err.text[lang]
    return err.message(lang)


def say(lang: str, en: str, ko: str, file=None) -> None:
    print(ko if lang == "ko" else en, file=file or sys.stdout)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def write_json(path: str, data: Any) -> None:
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"{path}: {reason}", f"{path}: {reason}") from None
