"""What every cell device owes the world.

A device reacts to the controller's outputs, to parts changing how they move,
and to its own events, which it schedules on the world's clock. It may offer
solids (things to collide with) and support surfaces (things to rest on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from robocampus.sim.cell.geometry import Shape
    from robocampus.sim.cell.parts import Support
    from robocampus.sim.cell.world import World


class Device:
    """Base class: a device that does nothing until told."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec
        self.id: str = spec.id

    def start(self, world: World) -> None:
        """Set the initial state and schedule the first events."""

    def on_output(self, world: World, bit: int, value: int) -> None:
        """React to an output bit changing to ``value``."""

    def parts_changed(self, world: World) -> None:
        """React to a part appearing, going, or moving differently."""

    def solids(self) -> list[tuple[str, Shape, np.ndarray]]:
        """Return the device's own solids: (id, shape, pose)."""
        return []

    def supports(self) -> list[Support]:
        """Return the surfaces parts can rest on."""
        return []

    def describe(self) -> dict[str, Any]:
        """Return what the trace says about this device (for drawing it)."""
        return {"id": self.id, "kind": self.spec.kind}
