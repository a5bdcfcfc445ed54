"""The scheme and item-bank pages: officers create and edit items (each edit
a new version, old ones kept), refused forms keep what was typed, Moodle XML
import is all-or-nothing, only officers and admins get in, and the example
scheme seeds idempotently with blueprints that can be drawn."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from robocampus.certification import bank
from robocampus.certification.demo import ITEMS, SCHEME_CODE, seed_certification_bank
from robocampus.certification.drawing import draw_form
from robocampus.certification.itemtypes import score_response
from robocampus.certification.models import (
    BlueprintRule,
    Item,
    ItemVersion,
    Level,
    Scheme,
    Subject,
)
from tests.web.certification_samples import make_objects
from tests.web.conftest import login


@pytest.fixture
def scheme(db):
    scheme = Scheme.objects.create(code="test", title_ko="시험", title_en="Test")
    Subject.objects.create(
        scheme=scheme,
        code="programming",
        title_ko="로봇 프로그래밍",
        title_en="Robot programming",
    )
    Subject.objects.create(
        scheme=scheme, code="safety", title_ko="안전", title_en="Safety"
    )
    return scheme


@pytest.fixture
def officer(client, users):
    return login(client, users["officer"])


def choice_post(scheme, **extra) -> dict:
    data = {
        "kind": "single",
        "code": "PG-100",
        "subject": scheme.subjects.get(code="programming").pk,
        "difficulty": "easy",
        "competencies": "melfa-motion, melfa-io melfa-motion",
        "points": "1",
        "note": "",
        "stem_ko": "직선 이동 명령은?",
        "stem_en": "Which statement moves in a straight line?",
        "option_0_text_ko": "Mov",
        "option_0_text_en": "Mov",
        "option_1_text_ko": "Mvs",
        "option_1_text_en": "Mvs",
        "option_1_correct": "on",
        "option_3_text_ko": "Dly",
    }
    data.update(extra)
    return data


def new_item_url(scheme, kind="single"):
    return reverse("certification:item_new", args=[scheme.pk]) + f"?kind={kind}"


def test_officer_creates_a_choice_item_then_edits_it_into_version_2(officer, scheme):
    response = officer.post(new_item_url(scheme), choice_post(scheme))
    assert response.status_code == 302
    item = Item.objects.get(code="PG-100")
    assert item.kind == "single"
    assert item.competencies == ["melfa-motion", "melfa-io"]
    v1 = item.current
    assert v1.number == 1
    assert [o["id"] for o in v1.content["options"]] == ["a", "b", "c"]
    assert [o["text_ko"] for o in v1.content["options"]] == ["Mov", "Mvs", "Dly"]
    assert score_response("single", v1.content, {"choice": "b"}) == 1.0

    page = officer.get(reverse("certification:item_edit", args=[item.pk]))
    assert page.status_code == 200
    assert 'value="Mvs"' in page.content.decode()

    edit = choice_post(scheme, stem_en="Which statement is linear?", note="clearer")
    del edit["code"]
    edit.update(option_1_id="b", option_0_id="a", option_3_id="c")
    response = officer.post(reverse("certification:item_edit", args=[item.pk]), edit)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2
    assert item.current.content["stem_en"] == "Which statement is linear?"
    assert item.current.note == "clearer"
    v1.refresh_from_db()
    assert v1.content["stem_en"] == "Which statement moves in a straight line?"
    old = officer.get(reverse("certification:item_version", args=[item.pk, 1]))
    assert old.status_code == 200
    assert "Which statement moves in a straight line?" in old.content.decode()
    assert "(not the current version)" in old.content.decode()
    detail = officer.get(reverse("certification:item", args=[item.pk])).content.decode()
    assert "v1" in detail
    assert "v2" in detail

    # saving again unchanged makes no version 3
    officer.post(reverse("certification:item_edit", args=[item.pk]), edit)
    assert item.versions.count() == 2


def test_a_refused_choice_form_keeps_everything_typed(officer, scheme):
    data = choice_post(scheme, option_0_correct="on", stem_ko="두 개 정답 문항")
    response = officer.post(new_item_url(scheme), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "options: exactly one must be correct (found 2)" in page
    assert "두 개 정답 문항" in page
    assert 'value="Dly"' in page
    assert not Item.objects.exists()

    data = choice_post(scheme, option_2_text_en="", option_2_correct="on")
    response = officer.post(new_item_url(scheme), data)
    assert response.status_code == 400
    assert "option row 3.text_ko: required (or text_en)" in response.content.decode()


def test_a_duplicate_code_is_refused(officer, scheme):
    officer.post(new_item_url(scheme), choice_post(scheme))
    response = officer.post(new_item_url(scheme), choice_post(scheme, code="pg-100"))
    assert response.status_code == 400
    assert "already has an item with the code" in response.content.decode()
    assert Item.objects.count() == 1


def yaml_post(scheme, kind, content, code="CR-1") -> dict:
    return {
        "kind": kind,
        "code": code,
        "subject": scheme.subjects.get(code="programming").pk,
        "difficulty": "medium",
        "competencies": "",
        "points": "2",
        "note": "",
        "content": content,
    }


READING = """\
stem_ko: M1의 값은?
variable: M1
program: |
  10 M1 = 0
  20 For M2 = 1 To 3
  30   M1 = M1 + M2
  40 Next
"""


def test_a_code_reading_item_gets_its_key_from_the_simulator(officer, scheme):
    form = officer.get(new_item_url(scheme, "code_reading")).content.decode()
    assert "variable: M1" in form  # the kind's template
    response = officer.post(
        new_item_url(scheme, "code_reading"), yaml_post(scheme, "code_reading", READING)
    )
    assert response.status_code == 302
    item = Item.objects.get(code="CR-1")
    assert item.current.content["expected"] == 6.0
    assert item.current.points == 2.0
    page = officer.get(reverse("certification:item", args=[item.pk])).content.decode()
    assert "10 M1 = 0" in page
    assert "<code>6.0</code>" in page


def test_a_failing_program_or_bad_yaml_is_refused_with_the_reason(officer, scheme):
    broken = READING.replace("30   M1 = M1 + M2", "30   M1 = M1 / 0")
    response = officer.post(
        new_item_url(scheme, "code_reading"), yaml_post(scheme, "code_reading", broken)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "program: stopped with an error at line 3" in page
    assert "M1 = M1 / 0" in page  # what was typed is still there
    response = officer.post(
        new_item_url(scheme, "numeric"),
        yaml_post(scheme, "numeric", "stem_ko: x\nanswer: [1,\n"),
    )
    assert response.status_code == 400
    assert "Not valid YAML: line" in response.content.decode()
    response = officer.post(
        new_item_url(scheme, "numeric"),
        yaml_post(scheme, "numeric", "stem_ko: x\nanswer: abc\n"),
    )
    assert response.status_code == 400
    assert "answer: input should be a valid number" in response.content.decode()
    assert not Item.objects.exists()


def test_a_version_drawn_in_a_form_stays_after_an_edit(client, users, cohort):
    objects = make_objects(cohort, users)
    login(client, users["officer"])
    item = objects.item
    edit = {
        "subject": objects.subject.pk,
        "difficulty": "medium",
        "competencies": "",
        "points": "1",
        "note": "",
        "stem_ko": "Mov 명령의 보간은?",
        "stem_en": "",
        "option_0_id": "a",
        "option_0_text_ko": "관절 보간",
        "option_0_correct": "on",
        "option_1_id": "b",
        "option_1_text_ko": "직선 보간",
    }
    response = client.post(reverse("certification:item_edit", args=[item.pk]), edit)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2
    assert ItemVersion.objects.filter(pk=objects.version.pk).exists()
    assert bank.versions_in_use(item) == {objects.version.pk: 1}
    page = client.get(reverse("certification:item", args=[item.pk])).content.decode()
    assert "Drawn in forms" in page


def test_retire_and_bring_back(officer, scheme):
    officer.post(new_item_url(scheme), choice_post(scheme))
    item = Item.objects.get()
    url = reverse("certification:item_retire", args=[item.pk])
    assert officer.post(url).status_code == 302
    item.refresh_from_db()
    assert item.retired
    listing = reverse("certification:scheme_items", args=[scheme.pk])
    assert ">PG-100</a>" not in officer.get(listing).content.decode()
    assert ">PG-100</a>" in officer.get(listing + "?state=retired").content.decode()
    officer.post(url)
    item.refresh_from_db()
    assert not item.retired


def test_item_list_filters_and_counts(officer, scheme):
    officer.post(new_item_url(scheme), choice_post(scheme))
    officer.post(
        new_item_url(scheme, "code_reading"), yaml_post(scheme, "code_reading", READING)
    )
    url = reverse("certification:scheme_items", args=[scheme.pk])
    page = officer.get(url).content.decode()
    assert "2 items shown" in page
    page = officer.get(url + "?kind=code_reading").content.decode()
    assert "1 item shown" in page
    assert "CR-1" in page
    assert "PG-100" not in page
    page = officer.get(url + "?competency=melfa-io").content.decode()
    assert "PG-100" in page
    assert "CR-1" not in page
    page = officer.get(url + "?q=straight").content.decode()
    assert "PG-100" in page
    assert "CR-1" not in page


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Safety</text></category>
  </question>
  <question type="truefalse">
    <name><text>Fence</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Fence at least 1.8 m.</p>]]></text>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="category">
    <category><text>$course$/top/programming</text></category>
  </question>
  <question type="numerical">
    <name><text>Reach</text></name>
    <questiontext format="html"><text>Reach?</text></questiontext>
    <answer fraction="100"><text>504.6</text><tolerance>0.5</tolerance></answer>
  </question>
</quiz>
"""


def import_post(text: str, **extra) -> dict:
    data = {
        "file": SimpleUploadedFile("bank.xml", text.encode(), "text/xml"),
        "language": "en",
        "subject": "",
        "difficulty": "hard",
    }
    data.update(extra)
    return data


def test_moodle_import_maps_categories_to_subjects(officer, scheme):
    url = reverse("certification:moodle_import", args=[scheme.pk])
    response = officer.post(url, import_post(MOODLE))
    assert response.status_code == 302
    fence = Item.objects.get(code="fence")
    assert fence.subject.code == "safety"
    assert fence.difficulty == "hard"
    assert fence.current.content["stem_en"] == "Fence at least 1.8 m."
    assert fence.current.note == "imported from Moodle XML"
    assert Item.objects.get(code="reach").subject.code == "programming"
    # importing again makes new codes, never touches the first items
    officer.post(url, import_post(MOODLE))
    assert sorted(Item.objects.values_list("code", flat=True)) == [
        "fence",
        "fence-2",
        "reach",
        "reach-2",
    ]


def test_moodle_import_with_an_error_changes_nothing_and_keeps_the_choices(
    officer, scheme
):
    url = reverse("certification:moodle_import", args=[scheme.pk])
    bad = MOODLE.replace("<text>504.6</text>", "<text>abc</text>")
    response = officer.post(url, import_post(bad, difficulty="easy"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported: 1 problem in the file" in page
    assert (
        "question 2 &#x27;Reach&#x27;: numerical answer &#x27;abc&#x27; is not a number"
        in page
    )
    assert '<option value="easy" selected>' in page
    assert not Item.objects.exists()

    unknown = MOODLE.replace("$course$/top/Safety", "$course$/top/Welding")
    response = officer.post(url, import_post(unknown))
    assert response.status_code == 400
    assert (
        "category &#x27;Welding&#x27; matches no subject" in response.content.decode()
    )
    assert not Item.objects.exists()

    # one chosen subject takes every question, whatever the categories
    subject = scheme.subjects.get(code="safety")
    response = officer.post(url, import_post(unknown, subject=subject.pk))
    assert response.status_code == 302
    assert set(Item.objects.values_list("subject__code", flat=True)) == {"safety"}


def test_moodle_export_downloads_the_bank(officer, scheme):
    officer.post(new_item_url(scheme), choice_post(scheme))
    url = reverse("certification:moodle_export", args=[scheme.pk])
    response = officer.get(url + "?language=en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="test-moodle.xml"'
    body = response.content.decode()
    assert "$course$/top/Robot programming" in body
    assert "Which statement moves in a straight line?" in body


def test_schemes_levels_and_rules_with_the_live_check(officer, scheme):
    response = officer.post(
        reverse("certification:level_new", args=[scheme.pk]),
        {
            "code": "l1",
            "title_ko": "1급",
            "title_en": "Level 1",
            "order": 1,
            "duration_minutes": 60,
            "pass_total_percent": 160,
            "pass_subject_percent": 40,
            "pass_practical_percent": 60,
            "validity_months": "",
        },
    )
    assert response.status_code == 400
    assert "A percentage from 0 to 100." in response.content.decode()
    assert not Level.objects.exists()
    response = officer.post(
        reverse("certification:level_new", args=[scheme.pk]),
        {
            "code": "l1",
            "title_ko": "1급",
            "title_en": "Level 1",
            "order": 1,
            "duration_minutes": 60,
            "pass_total_percent": 60,
            "pass_subject_percent": 40,
            "pass_practical_percent": 60,
            "validity_months": 24,
        },
    )
    level = Level.objects.get()
    assert response.status_code == 302
    officer.post(new_item_url(scheme), choice_post(scheme))
    subject = scheme.subjects.get(code="programming")
    check = officer.post(
        reverse("certification:rule_check", args=[level.pk]),
        {
            "subject": subject.pk,
            "kind_group": "written",
            "difficulty": "easy",
            "count": 2,
        },
    )
    assert check.status_code == 200
    assert "The bank has 1 items in use that this rule admits; it needs 2." in (
        check.content.decode()
    )
    response = officer.post(
        reverse("certification:rule_new", args=[level.pk]),
        {
            "subject": subject.pk,
            "kind_group": "written",
            "difficulty": "easy",
            "competency": "",
            "count": 2,
            "order": 1,
        },
    )
    assert response.status_code == 302
    page = officer.get(reverse("certification:level", args=[level.pk])).content.decode()
    assert (
        "Blueprint rule #1 (programming, easy, written): 1 items can be drawn" in page
    )
    rule = BlueprintRule.objects.get()
    officer.post(
        reverse("certification:rule_edit", args=[rule.pk]),
        {
            "subject": subject.pk,
            "kind_group": "written",
            "difficulty": "easy",
            "competency": "",
            "count": 1,
            "order": 1,
        },
    )
    page = officer.get(reverse("certification:level", args=[level.pk])).content.decode()
    assert "Yes: every rule can be filled" in page
    assert (
        officer.post(reverse("certification:rule_delete", args=[rule.pk])).status_code
        == 302
    )
    assert not BlueprintRule.objects.exists()


@pytest.mark.parametrize("role", ["trainee", "instructor", "company"])
def test_candidates_and_others_cannot_reach_the_bank(client, users, scheme, role):
    login(client, users[role])
    for url in (
        reverse("certification:schemes"),
        reverse("certification:scheme", args=[scheme.pk]),
        reverse("certification:scheme_items", args=[scheme.pk]),
        new_item_url(scheme),
        reverse("certification:moodle_import", args=[scheme.pk]),
        reverse("certification:moodle_export", args=[scheme.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(new_item_url(scheme), choice_post(scheme)).status_code == 403
    assert not Item.objects.exists()


def test_an_admin_may_do_what_an_officer_does(client, users, scheme):
    login(client, users["admin"])
    assert client.post(new_item_url(scheme), choice_post(scheme)).status_code == 302


# -- the example scheme --------------------------------------------------------------


@pytest.mark.django_db
def test_the_example_scheme_seeds_once_and_its_blueprints_can_be_drawn(client, users):
    scheme = seed_certification_bank()
    assert scheme.code == SCHEME_CODE
    assert scheme.is_example
    assert scheme.items.count() == len(ITEMS) >= 80
    assert {i.kind for i in scheme.items.all()} == {
        "single",
        "multiple",
        "numeric",
        "ordering",
        "short",
        "code_reading",
        "practical",
        "physical",
    }
    versions = ItemVersion.objects.count()
    seed_certification_bank()
    assert Scheme.objects.filter(code=SCHEME_CODE).count() == 1
    assert ItemVersion.objects.count() == versions
    assert BlueprintRule.objects.filter(level__scheme=scheme).count() == 23
    for level in scheme.levels.all():
        checks, problems = bank.blueprint_check(level)
        assert problems == []
        assert all(c.ok for c in checks)
        form = draw_form(level, seed=7)
        assert len(form) == sum(c.needed for c in checks)
        assert draw_form(level, seed=7) == form
    reading = scheme.items.filter(kind="code_reading")
    assert reading.count() >= 10
    assert all("expected" in i.current.content for i in reading)
    login(client, users["officer"])
    page = client.get(reverse("certification:schemes")).content.decode()
    assert "example, not an official MFEC scheme" in page
    page = client.get(
        reverse("certification:scheme", args=[scheme.pk])
    ).content.decode()
    assert "this is an example, not an official MFEC scheme" in page
    assert "36 months" in page
    for kind in ("single", "multiple", "numeric", "ordering", "short"):
        kind_item = scheme.items.filter(kind=kind).first()
        edit = client.get(reverse("certification:item_edit", args=[kind_item.pk]))
        assert edit.status_code == 200, kind
    for kind in ("code_reading", "practical", "physical", "ordering", "multiple"):
        item = scheme.items.filter(kind=kind).order_by("code").first()
        page = client.get(reverse("certification:item", args=[item.pk]))
        assert page.status_code == 200, item.kind
        assert item.code in page.content.decode()
    practical = scheme.items.get(code="PG-P01")
    page = client.get(
        reverse("certification:item", args=[practical.pk])
    ).content.decode()
    assert "First moves - Mov to taught points" in page


def test_the_menus_item_bank_goes_to_the_only_scheme(officer, scheme):
    response = officer.get(reverse("certification:items"))
    assert response["Location"] == reverse(
        "certification:scheme_items", args=[scheme.pk]
    )
    Scheme.objects.create(code="other", title_ko="다른")
    response = officer.get(reverse("certification:items"))
    assert response["Location"] == reverse("certification:schemes")


def test_yaml_items_edit_without_the_computed_key(officer, scheme):
    officer.post(
        new_item_url(scheme, "code_reading"), yaml_post(scheme, "code_reading", READING)
    )
    item = Item.objects.get(code="CR-1")
    page = officer.get(reverse("certification:item_edit", args=[item.pk]))
    text = page.content.decode()
    assert "expected" not in text.split('name="content"')[1].split("</textarea>")[0]
    assert "30   M1 = M1 + M2" in text
    post = yaml_post(scheme, "code_reading", READING)
    del post["code"]
    officer.post(reverse("certification:item_edit", args=[item.pk]), post)
    assert item.versions.count() == 1  # same program: same key, no new version
    post["content"] = READING.replace("To 3", "To 4")
    officer.post(reverse("certification:item_edit", args=[item.pk]), post)
    item.refresh_from_db()
    assert (item.current.number, item.current.content["expected"]) == (2, 10.0)


def test_schemes_and_subjects_are_created_and_codes_stay_unique(officer, scheme):
    response = officer.post(
        reverse("certification:scheme_new"),
        {"code": "plc-track", "title_ko": "PLC 과정", "title_en": "PLC track"},
    )
    new = Scheme.objects.get(code="plc-track")
    assert response["Location"] == reverse("certification:scheme", args=[new.pk])
    assert not new.is_example
    url = reverse("certification:subject_new", args=[new.pk])
    assert (
        officer.post(
            url, {"code": "ladder", "title_ko": "래더", "order": 1}
        ).status_code
        == 302
    )
    response = officer.post(url, {"code": "ladder", "title_ko": "다시", "order": 2})
    assert response.status_code == 400
    assert (
        "The scheme already has one with the code ladder." in response.content.decode()
    )
    # the same code in another scheme is fine
    other = reverse("certification:subject_new", args=[scheme.pk])
    assert (
        officer.post(
            other, {"code": "ladder", "title_ko": "래더", "order": 3}
        ).status_code
        == 302
    )
