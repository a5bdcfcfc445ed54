"""The physical side of a robot center: special safety education for robot
work, the real robot cells with their safety inspections and bookings, and
practicals scored on a real robot with a rubric.

The rules (hours, deadlines, inspection intervals, what blocks a booking)
are pure functions in ``robocampus.cohorts.rules``; this app stores what
they need and applies them. ``evidence`` is what the cohorts app reads for
completion verdicts and the competency heatmap.
"""
