"""Who may edit which course.

A center admin edits every course. An instructor edits the courses they are
an editor of (they become one by creating the course, or an admin adds them)
and the courses they teach a cohort of. Everyone else edits nothing; the
views admit only staff roles before asking this module.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from robocampus.curriculum.models import Course


def editable_courses(user) -> QuerySet[Course]:
    """The courses ``user`` may change."""
    courses = Course.objects.select_related("program")
    if user.is_center_admin:
        return courses
    if user.is_instructor:
        return courses.filter(Q(editors=user) | Q(cohorts__instructors=user)).distinct()
    return courses.none()


def can_edit(user, course: Course) -> bool:
    return editable_courses(user).filter(pk=course.pk).exists()


def require_editable(user, course: Course) -> Course:
    """Return ``course`` if ``user`` may edit it; else 404, so that a course
    one may not edit looks the same as one that does not exist."""
    if not can_edit(user, course):
        raise Http404
    return course
