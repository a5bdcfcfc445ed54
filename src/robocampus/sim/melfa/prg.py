"""``.prg`` files as RT ToolBox writes them, to move programs to a controller.

RT ToolBox stores a program as numbered steps followed by one line per
stored position or joint variable, numbers written with a sign and two
decimals (reference §2.2):

    1 Mov PHome
    2 Mvs P1, -50
    PHome=(+250.00,+0.00,+300.00,+180.00,+0.00,+180.00)(7,0)

``to_prg`` writes a program in that layout: steps keep their text (and
their numbers, or get 1, 2, 3, ... with ``renumber``), labels and comment
steps included; the data section is the program's own, with the taught
positions given (an exercise's) added for names it does not store, each in
RT ToolBox's number format. Reading it back (``parse_program``) gives the
same steps and values.

To use::

    text = to_prg(source, positions=exercise.positions, renumber=True)
"""

from __future__ import annotations

from typing import Any

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.expressions import ExpressionCompiler, literal_number
from robocampus.sim.melfa.parser import _DATA_HEAD, _DATA_LINE, _STEP, parse_program
from robocampus.sim.melfa.scope import Scope, implied_kind
from robocampus.sim.melfa.values import DEG, JNT, POS, JointValue, Position


def to_prg(source: str, positions: str = "", renumber: bool = False) -> str:
    """Return ``source`` in RT ToolBox's ``.prg`` layout.

    ``positions``: data lines (taught positions) to store for names the
    program's own data section does not have. ``renumber``: number the steps
    1, 2, 3, ...; otherwise steps keep their numbers (an unnumbered program
    is numbered).
    """
    parsed = parse_program(source)
    numbered = all(step.number is not None for step in parsed.steps)
    lines = []
    for index, step in enumerate(parsed.steps, start=1):
        body = _body(step.text)
        number = step.number if numbered and not renumber else index
        lines.append(f"{number} {body}")
    own = {line.name.key for line in parsed.data}
    data = [_data_line(line.name.text, line.value) for line in parsed.data]
    extra = parse_program(positions).data if positions.strip() else ()
    data += [_data_line(line.name.text, line.value) for line in extra
             if line.name.key not in own]  # fmt: skip
    read_positions("\n".join(data))  # raises on anything not a position value
    return "\n".join(lines + data) + "\n"


def _body(text: str) -> str:
    match = _STEP.match(text)
    body = text[match.end() :] if match else text
    return body.strip()


def _data_line(name: str, value: n.Constant) -> str:
    numbers = [0.0 if item is None else literal_number(item) for item in value.items]
    text = ",".join(_number(v) for v in numbers)
    if value.flags is None:
        return f"{name}=({text})"
    flags = ",".join(
        "" if item is None else str(int(literal_number(item))) for item in value.flags
    )
    return f"{name}=({text})({flags})"


def _number(value: float) -> str:
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


def value_line(name: str, value: Position | JointValue) -> str:
    """Return a data line storing ``value`` (as a program holds it) for ``name``."""
    if isinstance(value, Position):
        numbers = value.degrees()
        return (
            f"{name}=({','.join(_number(v) for v in numbers)})({value.fl1},{value.fl2})"
        )
    return f"{name}=({','.join(_number(v / DEG) for v in value.q[:6])})"


def read_positions(text: str) -> dict[str, Any]:
    """Return the values of data lines (``P1=(...)(7,0)``) by variable key.

    Raises ValueError naming the first bad line.
    """
    if not text.strip():
        return {}
    parsed = parse_program(text)
    errors = [d for d in parsed.diagnostics if d.severity == "error"]
    if parsed.steps or errors:
        line = errors[0].line if errors else parsed.steps[0].line
        raise ValueError(f"positions, line {line}: not a position or joint data line")
    values: dict[str, Any] = {}
    diagnostics: list = []
    compiler = ExpressionCompiler(Scope(diagnostics), diagnostics, lambda: 0)
    for line in parsed.data:
        kind = implied_kind(line.name.text)
        if kind not in (POS, JNT):
            raise ValueError(
                f"positions, line {line.line}: {line.name.text} is not a "
                "position or joint variable"
            )
        if kind == POS and line.value.flags == (None, None):
            continue
        compiled = compiler.constant(line.value, kind)
        if diagnostics:
            raise ValueError(
                f"positions, line {line.line}: {diagnostics[0].message('en')}"
            )
        values[n.name_key(line.name.text)] = compiled.fn(None)
    return values


def split_data(source: str) -> tuple[str, str]:
    """Split a ``.prg`` text into its steps and its data section.

    The data section is the trailing run of stored-variable lines
    (``P1=(...)``) and blank lines; the steps keep their lines, so line
    numbers in the steps do not change. Returns ``(steps, data)``, each
    ending with a newline if not empty.
    """
    lines = source.splitlines()
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip() or _DATA_LINE.match(lines[i]):
            start = i
            continue
        break
    steps = "\n".join(lines[:start]).rstrip("\n")
    data = "\n".join(line for line in lines[start:] if line.strip())
    return (steps + "\n" if steps else ""), (data + "\n" if data else "")


def join_data(steps: str, data: str) -> str:
    """Return ``steps`` followed by the lines of ``data`` for the names the
    steps do not already store (the steps' own data lines win), so that the
    steps' line numbers stay those of ``steps``."""
    _, own_data = split_data(steps)
    stored = {
        m.group(1).upper()
        for line in own_data.splitlines()
        if (m := _DATA_HEAD.match(line))
    }
    extra = [
        line
        for line in data.splitlines()
        if line.strip()
        and (m := _DATA_HEAD.match(line))
        and m.group(1).upper() not in stored
    ]
    text = steps.rstrip("\n")
    if extra:
        text += "\n" + "\n".join(extra)
    return text + "\n"
