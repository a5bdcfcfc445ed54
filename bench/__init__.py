"""Benchmarks of the robot engine against its targets and its peers.

Measures batched and single-pose kinematics (``bench_kinematics``) and motion
planning (``bench_motion``) beside pinocchio and roboticstoolbox-python timed
in the same run (``peers``). Never part of the unit tests: run ``make bench``
or ``python -m bench`` from the repository root. Results are printed as a
table and written to ``bench/results/latest.json``.
"""
