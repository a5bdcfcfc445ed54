"""Catalogue, lessons (sanitised Markdown), uploading an exercise spec, and
importing a competency framework."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from robocampus.curriculum.competencies import (
    EXAMPLE,
    FrameworkError,
    import_framework,
    parse_framework,
)
from robocampus.curriculum.models import (
    CompetencyUnit,
    Course,
    LabExercise,
    Lesson,
    Module,
)
from robocampus.sim.grading.spec import EXERCISES

from .conftest import login


def test_catalogue_lists_published_courses_to_everyone(client, course):
    page = client.get(reverse("curriculum:catalogue")).content.decode()
    assert course.title_en in page
    Course.objects.filter(pk=course.pk).update(published=False)
    assert (
        course.title_en
        not in client.get(reverse("curriculum:catalogue")).content.decode()
    )


def test_unpublished_course_is_for_staff_only(client, course, users):
    Course.objects.filter(pk=course.pk).update(published=False)
    url = reverse("curriculum:course", args=[course.slug])
    assert client.get(url).status_code == 404
    login(client, users["trainee"])
    assert client.get(url).status_code == 404
    login(client, users["instructor"])
    assert client.get(url).status_code == 200


def test_lesson_markdown_is_sanitised(client, course, users):
    module = Module.objects.filter(course=course).first()
    Lesson.objects.create(
        module=module,
        slug="xss",
        title_ko="x",
        title_en="x",
        body_en="**bold** <script>alert(1)</script> [link](javascript:alert(2)) "
        '<img src="x" onerror="alert(3)">',
        body_ko="x",
    )
    login(client, users["trainee"])
    html = client.get(reverse("curriculum:lesson", args=["xss"])).content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def _upload(client, module, text, slug="my-ex"):
    spec = io.BytesIO(text.encode())
    spec.name = "exercise.yaml"
    return client.post(
        reverse("curriculum:upload_exercise", args=[module.pk]),
        {"spec": spec, "slug": slug},
    )


def test_instructor_uploads_an_exercise_spec(client, course, cohort, users):
    module = Module.objects.filter(course=course).first()
    text = (EXERCISES / "ex01-first-moves" / "exercise.yaml").read_text(
        encoding="utf-8"
    )
    login(client, users["instructor"])
    response = _upload(client, module, text)
    assert response.status_code == 302
    lab = LabExercise.objects.get(slug="my-ex")
    assert lab.spec_yaml == text
    assert not lab.library_id
    login(client, users["trainee"])
    assert client.get(reverse("lab:exercise", args=["my-ex"])).status_code == 200


def test_a_bad_spec_is_rejected_with_the_field_and_nothing_is_added(
    client, course, cohort, users
):
    module = Module.objects.filter(course=course).first()
    text = (EXERCISES / "ex01-first-moves" / "exercise.yaml").read_text(
        encoding="utf-8"
    )
    bad = text.replace("level: 1", "level: 9", 1)
    login(client, users["instructor"])
    before = LabExercise.objects.count()
    response = _upload(client, module, bad)
    assert response.status_code == 400
    assert "level" in response.content.decode()
    assert LabExercise.objects.count() == before


def test_example_framework_imports_and_reimports(db):
    framework = parse_framework(EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    import_framework(framework)
    import_framework(framework)
    unit = CompetencyUnit.objects.get(code="LM1903060104_15v2")
    assert unit.elements.count() == 2
    assert unit.elements.first().criteria.count() >= 1


def test_csv_framework(db):
    text = (
        "unit_code,unit_title_ko,unit_title_en,level,element_code,element_title_ko,"
        "element_title_en,criterion_ko,criterion_en\n"
        "U1,단위,Unit,3,U1.1,요소,Element,수행준거 1,Criterion 1\n"
        "U1,단위,Unit,3,U1.1,요소,Element,수행준거 2,Criterion 2\n"
    )
    import_framework(parse_framework("units.csv", text))
    assert CompetencyUnit.objects.get(code="U1").elements.get().criteria.count() == 2


def test_bad_framework_names_the_field(db):
    with pytest.raises(FrameworkError) as caught:
        parse_framework("units.yaml", "units:\n  - code: U1\n    level: 12\n")
    text = str(caught.value)
    assert "units.0.title" in text
    assert "units.0.level" in text
    assert not CompetencyUnit.objects.exists()


def _upload_framework(client, name, text):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return client.post(reverse("curriculum:import_competencies"), {"file": upload})


def test_admin_imports_a_framework_from_the_site(client, users):
    login(client, users["admin"])
    text = EXAMPLE.read_text(encoding="utf-8")
    assert _upload_framework(client, "units.yaml", text).status_code == 302
    assert CompetencyUnit.objects.filter(code="LM1903060106_15v2").exists()


def test_a_bad_framework_upload_changes_nothing(client, users):
    login(client, users["admin"])
    response = _upload_framework(client, "units.yaml", "units:\n  - code: U9\n")
    assert response.status_code == 400
    assert "units.0.title" in response.content.decode()
    assert not CompetencyUnit.objects.filter(code="U9").exists()
