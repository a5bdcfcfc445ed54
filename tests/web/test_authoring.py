"""Instructors build courses in the site: who may edit what, lessons with
images, exercises from the library, and what is never deleted or lost."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from robocampus.curriculum.builtin import install_builtin_course
from robocampus.curriculum.models import (
    Course,
    LabExercise,
    Lesson,
    LessonImage,
    Module,
    Program,
)

from .conftest import login, png_bytes

LESSON = "robot-safety-basics"


def _lesson_post(lesson: Lesson, **changes) -> dict:
    data = {
        "title_ko": lesson.title_ko,
        "title_en": lesson.title_en,
        "slug": lesson.slug,
        "order": lesson.order,
        "body_ko": lesson.body_ko,
        "body_en": lesson.body_en,
        "revision": lesson.revision,
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_an_instructor_builds_a_course_from_scratch(client, users, course, media_root):
    login(client, users["instructor_b"])
    program = Program.objects.get()
    response = client.post(
        reverse("curriculum:course_new"),
        {
            "program": program.pk,
            "slug": "cobot-basics",
            "title_ko": "협동로봇 기초",
            "title_en": "Cobot basics",
            "hours": 24,
        },
    )
    assert response.status_code == 302
    new = Course.objects.get(slug="cobot-basics")
    assert list(new.editors.all()) == [users["instructor_b"]]

    client.post(
        reverse("curriculum:module_new", args=[new.slug]),
        {"title_ko": "안전", "title_en": "Safety", "order": 1},
    )
    module = Module.objects.get(course=new)
    response = client.post(
        reverse("curriculum:lesson_new", args=[module.pk]),
        {
            "title_ko": "펜스 없는 셀",
            "title_en": "Fenceless cells",
            "slug": "fenceless-cells",
            "order": 1,
            "body_ko": "# 협동",
            "body_en": "# Collaboration",
            "image": SimpleUploadedFile("zone.png", png_bytes(40, 30)),
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(slug="fenceless-cells")
    image = lesson.images.get()
    assert (image.width_px, image.height_px, image.content_type) == (
        40,
        30,
        "image/png",
    )
    add_exercise = reverse("curriculum:exercise_new", args=[module.pk])
    choice = {"library_id": "ex13-cobot-zone", "order": 101, "required": "on"}
    # The built-in course already uses the exercise id as a short name.
    response = client.post(add_exercise, {**choice, "slug": ""})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    response = client.post(add_exercise, {**choice, "slug": "cobot-zone-practice"})
    assert response.status_code == 302
    exercise = LabExercise.objects.get(module=module)
    assert exercise.library_id == "ex13-cobot-zone"
    assert exercise.title_en

    page = client.get(reverse("curriculum:course", args=[new.slug])).content.decode()
    assert "Fenceless cells" in page
    assert "A cobot and the operator" in page


@pytest.mark.django_db
def test_an_instructor_edits_only_courses_they_teach_or_edit(
    client, users, cohort, lesson_image
):
    course = cohort.course
    module = Module.objects.filter(course=course).first()
    urls = [
        reverse("curriculum:course_edit", args=[course.slug]),
        reverse("curriculum:module_new", args=[course.slug]),
        reverse("curriculum:module_edit", args=[module.pk]),
        reverse("curriculum:lesson_new", args=[module.pk]),
        reverse("curriculum:lesson_edit", args=[LESSON]),
        reverse("curriculum:exercise_new", args=[module.pk]),
        reverse("curriculum:exercise_edit", args=["ex01-first-moves"]),
        reverse("curriculum:upload_exercise", args=[module.pk]),
    ]
    login(client, users["instructor_b"])
    assert {client.get(url).status_code for url in urls} == {404}
    assert (
        client.post(reverse("curriculum:lesson_delete", args=[LESSON])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("curriculum:lesson_image_delete", args=[lesson_image.pk])
        ).status_code
        == 404
    )
    assert Lesson.objects.filter(slug=LESSON).exists()
    assert LessonImage.objects.filter(pk=lesson_image.pk).exists()

    course.editors.add(users["instructor_b"])
    assert {client.get(url).status_code for url in urls} == {200}
    login(client, users["instructor"])  # teaches a cohort of the course
    assert {client.get(url).status_code for url in urls} == {200}


@pytest.mark.django_db
def test_saving_a_lesson_raises_its_revision_and_refuses_a_stale_edit(
    client, users, cohort
):
    lesson = Lesson.objects.get(slug=LESSON)
    login(client, users["instructor"])
    url = reverse("curriculum:lesson_edit", args=[LESSON])
    opened = _lesson_post(lesson, body_en="First author's text")
    assert client.post(url, opened).status_code == 302
    lesson.refresh_from_db()
    assert (lesson.revision, lesson.body_en) == (2, "First author's text")

    stale = _lesson_post(lesson, revision=1, body_en="Second author's words")
    response = client.post(url, stale)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone saved this lesson after you opened it" in page
    assert "Second author&#x27;s words" in page  # nothing typed is lost
    lesson.refresh_from_db()
    assert lesson.body_en == "First author's text"


@pytest.mark.django_db
def test_preview_renders_sanitised_text_without_saving(client, users, cohort):
    lesson = Lesson.objects.get(slug=LESSON)
    login(client, users["instructor"])
    response = client.post(
        reverse("curriculum:lesson_edit", args=[LESSON]),
        {
            **_lesson_post(
                lesson, body_en="**freshly typed** <script>alert(1)</script>"
            ),
            "preview": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>freshly typed</strong>" in page
    assert "<script>alert" not in page
    lesson.refresh_from_db()
    assert "freshly typed" not in lesson.body_en
    assert lesson.revision == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notes.png",
            b"this is text, not a picture",
            "is not a PNG, JPEG, GIF or WebP",
        ),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "is not a PNG, JPEG, GIF or WebP",
        ),
        ("huge.png", png_bytes(5000, 10), "at most 4096 on a side"),
        ("big.png", png_bytes() + b"\0" * (2 * 1024 * 1024), "larger than 2 MB"),
    ],
)
def test_a_bad_image_is_refused_and_nothing_is_saved(
    client, users, cohort, media_root, name, content, message
):
    lesson = Lesson.objects.get(slug=LESSON)
    login(client, users["instructor"])
    response = client.post(
        reverse("curriculum:lesson_edit", args=[LESSON]),
        {
            **_lesson_post(lesson, body_en="Typed with the image"),
            "image": SimpleUploadedFile(name, content),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert name in page
    assert message in page
    assert "Typed with the image" in page
    lesson.refresh_from_db()
    assert lesson.body_en != "Typed with the image"
    assert not lesson.images.exists()


@pytest.mark.django_db
def test_lesson_images_are_served_to_readers_only(client, users, cohort, lesson_image):
    url = reverse("curriculum:lesson_image", args=[lesson_image.pk])
    assert client.get(url).status_code == 302  # to the login page
    login(client, users["trainee"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()

    Course.objects.filter(pk=cohort.course.pk).update(published=False)
    assert client.get(url).status_code == 404
    login(client, users["instructor"])
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_deleting_a_lesson_removes_its_image_files(client, users, cohort, lesson_image):
    path = lesson_image.file.path
    login(client, users["instructor"])
    response = client.post(reverse("curriculum:lesson_delete", args=[LESSON]))
    assert response.status_code == 302
    assert not Lesson.objects.filter(slug=LESSON).exists()
    assert not LessonImage.objects.exists()

    assert not os.path.exists(path)


@pytest.mark.django_db
def test_exercises_with_trainee_work_are_never_deleted(client, users, submissions):
    login(client, users["instructor"])
    exercise = LabExercise.objects.get(slug="ex01-first-moves")
    response = client.post(
        reverse("curriculum:exercise_delete", args=[exercise.slug]), follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    response = client.post(
        reverse("curriculum:module_delete", args=[exercise.module_id]), follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    assert LabExercise.objects.filter(pk=exercise.pk).exists()
    assert exercise.submissions.count() == 2

    untouched = LabExercise.objects.get(slug="ex02-draw-square")
    client.post(reverse("curriculum:exercise_delete", args=[untouched.slug]))
    assert not LabExercise.objects.filter(pk=untouched.pk).exists()


@pytest.mark.django_db
def test_a_course_may_not_take_a_short_name_the_site_uses(client, users, course):
    login(client, users["admin"])
    response = client.post(
        reverse("curriculum:course_new"),
        {
            "program": Program.objects.get().pk,
            "slug": "new",
            "title_ko": "새 과정",
            "hours": 1,
        },
    )
    assert response.status_code == 400
    assert "is used by the site" in response.content.decode()
    assert not Course.objects.filter(slug="new").exists()


@pytest.mark.django_db
def test_reinstalling_the_builtin_course_keeps_an_authors_lesson(client, users, cohort):
    lesson = Lesson.objects.get(slug=LESSON)
    login(client, users["instructor"])
    client.post(
        reverse("curriculum:lesson_edit", args=[LESSON]),
        _lesson_post(lesson, body_ko="센터에서 고친 내용"),
    )
    install_builtin_course()
    assert Lesson.objects.get(slug=LESSON).body_ko == "센터에서 고친 내용"
