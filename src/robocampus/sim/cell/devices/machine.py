"""A generic machine for the robot-PLC handshake, and signal lamps.

The machine answers a rising start output with busy, then after its process
time with done; done clears when start goes low. A lamp shows an output bit.
"""

from __future__ import annotations

from functools import partial

from robocampus.sim.cell.devices.base import Device


class MachineDevice(Device):
    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.started = False

    def describe(self):
        s = self.spec
        return {
            "id": self.id,
            "kind": "machine",
            "position": list(s.position),
            "start_bit": s.start_bit,
            "busy_bit": s.busy_bit,
            "done_bit": s.done_bit,
        }

    def start(self, world) -> None:
        world.set_input(self.spec.busy_bit, 0, self.id)
        world.set_input(self.spec.done_bit, 0, self.id)

    def on_output(self, world, bit, value) -> None:
        if bit != self.spec.start_bit:
            return
        if value and not self.started:
            self.started = True
            world.set_input(self.spec.done_bit, 0, self.id)
            world.set_input(self.spec.busy_bit, 1, self.id)
            ticks = max(1, round(self.spec.process_time_s / world.dt))
            world.schedule(world.tick + ticks, partial(self._finish, world))
        elif not value:
            self.started = False
            world.set_input(self.spec.done_bit, 0, self.id)

    def _finish(self, world) -> None:
        world.set_input(self.spec.busy_bit, 0, self.id)
        world.set_input(self.spec.done_bit, 1, self.id)


class LampDevice(Device):
    """A signal lamp: lit while its output bit is 1 (the trace shows it)."""

    def describe(self):
        s = self.spec
        return {
            "id": self.id,
            "kind": "lamp",
            "output_bit": s.output_bit,
            "color": s.color,
            "position": list(s.position),
        }
