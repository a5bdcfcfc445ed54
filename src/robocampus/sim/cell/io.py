"""The controller's I/O image: numbered input and output bits, read as words too.

MELFA reads one bit with ``M_In(n)``, 8 bits from n up with ``M_Inb(n)``
(``M_In8``) and 16 with ``M_Inw(n)``, bit n the least significant; outputs the
same with ``M_Out``, ``M_Outb``, ``M_Outw``, which programs may also read back.
Signal numbers run 0..32767; a bit nobody drives reads 0.
"""

from __future__ import annotations

from robocampus.sim.errors import invalid

MAX_BIT = 32767
WIDTHS = {1: "bit", 8: "byte", 16: "word"}


def _check(bit: int, width: int) -> None:
    if width not in WIDTHS:
        raise invalid(
            f"I/O width must be 1, 8 or 16, not {width}",
            f"I/O 폭은 1, 8, 16 중 하나여야 합니다. 입력: {width}",
        )
    if not (isinstance(bit, int) and bit >= 0 and bit + width - 1 <= MAX_BIT):
        raise invalid(
            f"signal number {bit} is outside 0..{MAX_BIT - width + 1}",
            f"신호 번호 {bit}이(가) 0..{MAX_BIT - width + 1} 범위를 벗어났습니다",
        )


class IOImage:
    """Input and output bits; unset bits read 0."""

    def __init__(self) -> None:
        self.inputs: dict[int, int] = {}
        self.outputs: dict[int, int] = {}

    @staticmethod
    def _read(bits: dict[int, int], start: int, width: int) -> int:
        _check(start, width)
        return sum(bits.get(start + i, 0) << i for i in range(width))

    def read_input(self, start: int, width: int = 1) -> int:
        """Return ``width`` input bits from ``start`` as an unsigned number."""
        return self._read(self.inputs, start, width)

    def read_output(self, start: int, width: int = 1) -> int:
        """Return ``width`` output bits from ``start`` as an unsigned number."""
        return self._read(self.outputs, start, width)

    @staticmethod
    def split(start: int, width: int, value: int) -> dict[int, int]:
        """Return the bits that writing ``value`` at ``start`` sets."""
        _check(start, width)
        if not isinstance(value, int) or not 0 <= value < (1 << width):
            raise invalid(
                f"{WIDTHS[width]} value {value!r} at {start} is outside "
                f"0..{(1 << width) - 1}",
                f"{start}번 {WIDTHS[width]} 값 {value!r}이(가) 0..{(1 << width) - 1} "
                "범위를 벗어났습니다",
            )
        return {start + i: (value >> i) & 1 for i in range(width)}
