"""The work cell around the robot: its solids, collisions and safety rules.

To use::

    from robocampus.sim.cell.safety import protective_separation_distance_mm
"""
