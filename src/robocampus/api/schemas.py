from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class ProgramIn(Schema):
    program: str = Field(max_length=100_000)
    positions: str = Field(default="", max_length=100_000)


class RunIn(ProgramIn):
    scenario: int = 0


class DebugIn(RunIn):
    breakpoints: list[int] = Field(default=[], max_length=1000)
    commands: list[Any] = Field(default=[], max_length=2000)


class DraftOut(Schema):
    program: str
    positions: str
    saved_at: int | None


class SavedOut(Schema):
    saved_at: int


class SubmissionOut(Schema):
    id: int
    attempt: int
    created_at: str
    status: str
    score: float | None
    max_score: float | None
    passed: bool | None
    url: str


class SubmissionDetailOut(SubmissionOut):
    program: str
    positions: str
    result: dict | None


class CourseOut(Schema):
    slug: str
    title: str
    published: bool
    hours: int


class ExerciseRef(Schema):
    slug: str
    title: str
    library_id: str
    url: str


class LessonRef(Schema):
    slug: str
    title: str


class ModuleOut(Schema):
    title: str
    lessons: list[LessonRef]
    exercises: list[ExerciseRef]


class CourseDetailOut(CourseOut):
    summary: str
    modules: list[ModuleOut]
