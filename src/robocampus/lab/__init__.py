"""The virtual robot lab: check, run, debug and submit MELFA-BASIC programs
against an exercise's cell; drafts, submissions and the instructor's view."""
