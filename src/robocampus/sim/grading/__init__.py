"""Exercises and the autograder.

``load_exercise`` reads an exercise file (``docs/exercise-format.md``);
``grade`` runs a MELFA-BASIC program in each of its scenarios and scores its
checks. The built-in course lives in ``robocampus/sim/exercises/``.

To use::

    from robocampus.sim.grading import grade, load_exercise
    result = grade(source, load_exercise("ex03-pick-and-place"))
    result.score, result.passed, result.as_dict()
"""

from robocampus.sim.grading.grader import GradeResult, grade
from robocampus.sim.grading.spec import (
    Exercise,
    ExerciseFileError,
    UnknownExerciseError,
    exercise_ids,
    load_exercise,
    parse_exercise,
    reference_solution,
)

__all__ = [
    "Exercise",
    "ExerciseFileError",
    "GradeResult",
    "UnknownExerciseError",
    "exercise_ids",
    "grade",
    "load_exercise",
    "parse_exercise",
    "reference_solution",
]
