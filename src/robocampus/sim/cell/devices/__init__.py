"""Cell devices: conveyors, photo-eyes, feeders, machines, lamps, presence sensors.

Each kind is one module; ``base.Device`` says what a device owes the world.
``build`` makes the device for a spec entry.
"""

from __future__ import annotations

from robocampus.sim.cell import spec as s
from robocampus.sim.cell.devices.base import Device
from robocampus.sim.cell.devices.conveyor import ConveyorDevice
from robocampus.sim.cell.devices.feeder import FeederDevice
from robocampus.sim.cell.devices.machine import LampDevice, MachineDevice
from robocampus.sim.cell.devices.sensors import PhotoEyeDevice, PresenceDevice

_KINDS = {
    s.Conveyor: ConveyorDevice,
    s.PhotoEye: PhotoEyeDevice,
    s.Feeder: FeederDevice,
    s.Lamp: LampDevice,
    s.Machine: MachineDevice,
    s.LightCurtain: PresenceDevice,
}


def build(device_spec) -> Device:
    """Return the runtime device for one ``devices`` entry of a cell file."""
    return _KINDS[type(device_spec)](device_spec)


__all__ = ["Device", "build"]
