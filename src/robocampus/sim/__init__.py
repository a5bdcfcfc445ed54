"""robocampus.sim: the robot simulator, a library in its own right.

Pure Python and NumPy: no Django, no settings, no I/O at import time. Robot
models, the work cell, the MELFA-BASIC interpreter and the grader live here.
"""
