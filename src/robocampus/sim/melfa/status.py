"""The controller's status variables a program can read (and a few write).

Names with ``_`` as the second character are external variables (reference
§2.1); the ones below belong to the controller. Each has a type, a reader
and, where the controller allows it, a writer. The indexed ones
(``M_In(n)``, ``M_Out(n)``, ``M_Timer(n)``) take a signal or timer number.
``M_In``/``M_Out`` read one bit, ``M_Inb``/``M_In8`` 8 bits, ``M_Inw``/
``M_In16`` 16 bits, bit n the least significant (reference §2.3).
Read-only: ``P_Curr``, ``J_Curr``, ``P_Tool``, ``P_Base`` (CR1D manual
p.4-140, table 4-8); ``M_NAcl`` and ``M_NDAcl`` are always 100 (p.4-272).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from robocampus.sim.melfa.values import JNT, NUM, POS, ZERO_POSITION
from robocampus.sim.robot.motion.settings import MAX_SPD_MM_S

M_NSPD = MAX_SPD_MM_S
"""The value of ``M_NSpd``: ``Spd M_NSpd`` selects the optimum speed."""

TIMERS = 8
"""``M_Timer(1)`` .. ``M_Timer(8)``."""


@dataclass(frozen=True, slots=True)
class Status:
    """A status variable: its type, how to read it, and how to set it (or None)."""

    name: str
    kind: str
    read: Callable
    """read(machine) for plain variables; read(machine, n) for indexed ones."""
    write: Callable | None = None
    indexed: bool = False


def _scalars() -> list[Status]:
    s = Status
    return [
        s("P_Curr", POS, lambda m: m.current_position()),
        s("J_Curr", JNT, lambda m: m.current_joints()),
        s("P_Tool", POS, lambda m: m.tool),
        s("P_Base", POS, lambda m: m.base),
        s("P_NBase", POS, lambda m: ZERO_POSITION),
        s("P_NTool", POS, lambda m: m.default_tool),
        s("M_NSpd", NUM, lambda m: M_NSPD),
        s("M_Spd", NUM, lambda m: m.spd_value()),
        s("M_Ovrd", NUM, lambda m: m.settings.ovrd_pct),
        s("M_NOvrd", NUM, lambda m: 100),
        s("M_JOvrd", NUM, lambda m: m.settings.jovrd_pct),
        s("M_NJOvrd", NUM, lambda m: 100),
        s("M_Acl", NUM, lambda m: m.settings.accel_pct),
        s("M_DAcl", NUM, lambda m: m.settings.decel_pct),
        s("M_NAcl", NUM, lambda m: 100),
        s("M_NDAcl", NUM, lambda m: 100),
        s("M_AclSts", NUM, lambda m: m.accel_status()),
        s("M_Ratio", NUM, lambda m: m.arrival_ratio()),
        s("M_Svo", NUM, lambda m: 1 if m.servo_on else 0),
        s("M_PI", NUM, lambda m: math.pi),
        s("M_On", NUM, lambda m: 1),
        s("M_Off", NUM, lambda m: 0),
    ]


def _io(width: int, output: bool) -> tuple[Callable, Callable | None]:
    if output:
        return (
            lambda m, n: m.read_output(n, width),
            lambda m, n, v: m.write_output(n, width, v),
        )
    return (lambda m, n: m.read_input(n, width), None)


def _indexed() -> list[Status]:
    out = []
    for names, width in (
        (("M_In",), 1),
        (("M_Inb", "M_In8"), 8),
        (("M_Inw", "M_In16"), 16),
    ):
        read, _ = _io(width, output=False)
        out += [Status(name, NUM, read, None, True) for name in names]
    for names, width in (
        (("M_Out",), 1),
        (("M_Outb", "M_Out8"), 8),
        (("M_Outw", "M_Out16"), 16),
    ):
        read, write = _io(width, output=True)
        out += [Status(name, NUM, read, write, True) for name in names]
    out.append(
        Status(
            "M_Timer",
            NUM,
            lambda m, n: m.read_timer(n),
            lambda m, n, v: m.write_timer(n, v),
            True,
        )
    )
    return out


STATUS = {s.name.upper(): s for s in _scalars() + _indexed()}
"""Status variables by canonical name."""

OUTPUT_WIDTHS = {"M_OUT": 1, "M_OUTB": 8, "M_OUT8": 8, "M_OUTW": 16, "M_OUT16": 16}
"""The output variables (the ones ``M_Out(n)=1 Dly t`` can pulse), bits wide."""

INPUT_WIDTHS = {"M_IN": 1, "M_INB": 8, "M_IN8": 8, "M_INW": 16, "M_IN16": 16}

UNSUPPORTED_STATUS = {
    "M_IN32": "M_In32 (32-bit input)",
    "M_OUT32": "M_Out32 (32-bit output)",
    "M_TOOL": "M_Tool (tool numbers from parameters); set the tool with Tool",
    "M_RDST": "M_RDst",
    "P_FBC": "P_Fbc (feedback position)",
    "J_FBC": "J_Fbc (feedback position)",
    "M_FBD": "M_Fbd",
    "P_SAFE": "P_Safe",
    "M_ERR": "M_Err",
    "M_ERRNO": "M_ErrNo",
    "C_TIME": "C_Time",
    "C_DATE": "C_Date",
}
"""Status variables of a real controller that robocampus does not provide."""
