"""Install the built-in course (``data/robot-programming-course.yaml``) and
the example competency framework. Idempotent: running it again updates the
same rows by their short names and adds nothing twice."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from robocampus.curriculum.competencies import (
    EXAMPLE,
    import_framework,
    parse_framework,
)
from robocampus.curriculum.models import (
    CompetencyUnit,
    Course,
    LabExercise,
    Lesson,
    Module,
    Program,
)
from robocampus.sim.grading import load_exercise

COURSE_FILE = Path(__file__).parent / "data" / "robot-programming-course.yaml"


@transaction.atomic
def install_builtin_course() -> Course:
    import_framework(parse_framework(EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8")))
    data = yaml.safe_load(COURSE_FILE.read_text(encoding="utf-8"))
    p = data["program"]
    program, _ = Program.objects.update_or_create(
        slug=p["slug"],
        defaults={
            "title_ko": p["title"]["ko"],
            "title_en": p["title"]["en"],
            "summary_ko": p["summary"]["ko"],
            "summary_en": p["summary"]["en"],
        },
    )
    c = data["course"]
    course, _ = Course.objects.update_or_create(
        slug=c["slug"],
        defaults={
            "program": program,
            "title_ko": c["title"]["ko"],
            "title_en": c["title"]["en"],
            "summary_ko": c["summary"]["ko"],
            "summary_en": c["summary"]["en"],
            "hours": c["hours"],
            "published": True,
        },
    )
    course.competencies.set(CompetencyUnit.objects.filter(code__in=c["competencies"]))
    for order, m in enumerate(data["modules"], start=1):
        module, _ = Module.objects.update_or_create(
            course=course,
            order=order,
            defaults={"title_ko": m["title"]["ko"], "title_en": m["title"]["en"]},
        )
        for k, spec in enumerate(m["lessons"], start=1):
            if Lesson.objects.filter(slug=spec["slug"], revision__gt=1).exists():
                continue  # an author changed it in the site: keep their text
            lesson, _ = Lesson.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    "module": module,
                    "order": k,
                    "title_ko": spec["title"]["ko"],
                    "title_en": spec["title"]["en"],
                    "body_ko": spec["body"]["ko"],
                    "body_en": spec["body"]["en"],
                },
            )
            lesson.competencies.set(
                CompetencyUnit.objects.filter(code__in=spec.get("competencies", []))
            )
        for k, exercise_id in enumerate(m["exercises"], start=1):
            exercise = load_exercise(exercise_id)
            lab, _ = LabExercise.objects.update_or_create(
                slug=exercise_id,
                defaults={
                    "module": module,
                    "order": 100 + k,
                    "library_id": exercise_id,
                    "title_ko": exercise.title.ko,
                    "title_en": exercise.title.en,
                },
            )
            lab.competencies.set(
                CompetencyUnit.objects.filter(code__in=exercise.competencies)
            )
    return course
