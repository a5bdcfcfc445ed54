"""Pages of schemes and the item bank, for certification officers and center
admins: schemes, subjects, levels and their blueprints (with a live check
that forms can be drawn), the item list, item editing (each change a new
version), previews, retiring, and Moodle XML import and export.

A refused form is shown again with everything typed, and status 400.
"""

from __future__ import annotations

import random

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import allow
from robocampus.accounts.models import Role
from robocampus.certification import bank
from robocampus.certification.forms_bank import (
    KIND_TEMPLATES,
    ChoiceItemForm,
    ContentItemForm,
    ItemFilterForm,
    ItemMetaForm,
    LevelForm,
    MoodleExportForm,
    MoodleImportForm,
    NewItemKindForm,
    RuleForm,
    SchemeForm,
    SubjectForm,
    content_yaml,
    item_form_class,
)
from robocampus.certification.itemtypes import ItemContentError, correct_response
from robocampus.certification.models import (
    BlueprintRule,
    Item,
    ItemKind,
    ItemVersion,
    Level,
    Scheme,
    Subject,
)
from robocampus.certification.moodle_xml import MoodleImportError
from robocampus.curriculum.bilingual import in_language
from robocampus.curriculum.markdown import render_markdown

OFFICERS = (Role.OFFICER, Role.ADMIN)
"""Who keeps schemes and the bank: certification officers and center admins."""
FORM_PAGE = "certification/bank_form.html"


def _form_page(request, form, *, heading, scheme=None, back=None, **extra):
    return render(
        request,
        FORM_PAGE,
        {"form": form, "heading": heading, "scheme": scheme, "back": back, **extra},
        status=400 if form.errors else 200,
    )


# -- schemes -------------------------------------------------------------------------


@allow(*OFFICERS)
def schemes(request):
    """Every scheme with its counts; the example scheme is marked."""
    rows = Scheme.objects.annotate(
        n_levels=Count("levels", distinct=True),
        n_subjects=Count("subjects", distinct=True),
        n_items=Count("items", filter=Q(items__retired=False), distinct=True),
    )
    return render(request, "certification/bank_schemes.html", {"schemes": rows})


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def scheme_new(request):
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        scheme = form.save()
        messages.success(request, _("Scheme created."))
        return redirect("certification:scheme", pk=scheme.pk)
    return _form_page(request, form, heading=_("New certification scheme"))


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def scheme_edit(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Scheme saved."))
        return redirect("certification:scheme", pk=scheme.pk)
    return _form_page(request, form, heading=_("Edit the scheme"), scheme=scheme)


@allow(*OFFICERS)
def scheme(request, pk: int):
    """A scheme: subjects with item counts, levels with pass rules and whether
    their blueprint can be drawn, import and export."""
    scheme = get_object_or_404(Scheme, pk=pk)
    subjects = scheme.subjects.annotate(
        n_items=Count("items", filter=Q(items__retired=False))
    )
    levels = []
    for level in scheme.levels.all():
        checks, problems = bank.blueprint_check(level)
        levels.append({"level": level, "checks": checks, "problems": problems})
    return render(
        request,
        "certification/bank_scheme.html",
        {
            "scheme": scheme,
            "description": scheme.text("description"),
            "subjects": subjects,
            "levels": levels,
            "export_form": MoodleExportForm(scheme=scheme),
        },
    )


# -- subjects and levels -------------------------------------------------------------


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def subject_new(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    form = SubjectForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Subject added."))
        return redirect("certification:scheme", pk=scheme.pk)
    return _form_page(request, form, heading=_("New subject"), scheme=scheme)


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def subject_edit(request, pk: int):
    subject = get_object_or_404(Subject.objects.select_related("scheme"), pk=pk)
    form = SubjectForm(request.POST or None, instance=subject, scheme=subject.scheme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Subject saved."))
        return redirect("certification:scheme", pk=subject.scheme_id)
    return _form_page(
        request, form, heading=_("Edit the subject"), scheme=subject.scheme
    )


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def level_new(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    form = LevelForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        level = form.save()
        messages.success(request, _("Level added; now give it blueprint rules."))
        return redirect("certification:level", pk=level.pk)
    return _form_page(request, form, heading=_("New level"), scheme=scheme)


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def level_edit(request, pk: int):
    level = get_object_or_404(Level.objects.select_related("scheme"), pk=pk)
    form = LevelForm(request.POST or None, instance=level, scheme=level.scheme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Level saved."))
        return redirect("certification:level", pk=level.pk)
    return _form_page(
        request, form, heading=_("Edit the level"), scheme=level.scheme, back=level
    )


@allow(*OFFICERS)
def level(request, pk: int):
    """A level: duration, pass rules, validity and its blueprint, each rule
    with the items available and needed."""
    level = get_object_or_404(Level.objects.select_related("scheme"), pk=pk)
    checks, problems = bank.blueprint_check(level)
    return render(
        request,
        "certification/bank_level.html",
        {
            "level": level,
            "scheme": level.scheme,
            "checks": checks,
            "problems": problems,
            "total": sum(c.needed for c in checks),
        },
    )


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def rule_new(request, pk: int):
    level = get_object_or_404(Level.objects.select_related("scheme"), pk=pk)
    form = RuleForm(
        request.POST or None,
        level=level,
        initial={"order": level.rules.count() + 1, "count": 1},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rule added."))
        return redirect("certification:level", pk=level.pk)
    return _rule_page(request, form, level, _("New blueprint rule"))


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    rule = get_object_or_404(
        BlueprintRule.objects.select_related("level__scheme"), pk=pk
    )
    form = RuleForm(request.POST or None, instance=rule, level=rule.level)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rule saved."))
        return redirect("certification:level", pk=rule.level_id)
    return _rule_page(
        request, form, rule.level, _("Edit the blueprint rule"), rule=rule
    )


def _rule_page(request, form, level, heading, *, rule=None, availability=None):
    if availability is None and form.is_bound:
        availability = _availability(form.data, level)
    elif availability is None and rule is not None:
        availability = _availability(
            {
                "subject": rule.subject_id,
                "kind_group": rule.kind_group,
                "difficulty": rule.difficulty,
                "competency": rule.competency,
                "count": rule.count,
            },
            level,
        )
    return render(
        request,
        "certification/bank_rule_form.html",
        {
            "form": form,
            "heading": heading,
            "level": level,
            "scheme": level.scheme,
            "rule": rule,
            "availability": availability,
        },
        status=400 if form.errors else 200,
    )


def _availability(data, level) -> dict | None:
    """Items a rule with the fields in ``data`` would admit, against its
    count (None without a subject of the level's scheme)."""
    try:
        subject_pk = int(data.get("subject") or 0)
        count = int(data.get("count") or 0)
    except (TypeError, ValueError):
        return None
    subject = level.scheme.subjects.filter(pk=subject_pk).first()
    if subject is None:
        return None
    group = data.get("kind_group") or BlueprintRule.KindGroup.WRITTEN
    available = bank.available_for(
        level.scheme,
        subject,
        group,
        data.get("difficulty") or "",
        data.get("competency") or "",
    )
    return {"available": available, "needed": count, "ok": available >= count}


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def rule_check(request, pk: int):
    """Check a rule as typed, before saving it: how many items of the bank
    it admits against how many it needs. Changes nothing; the form comes
    back with what was typed (``rule``: the rule being edited)."""
    level = get_object_or_404(Level.objects.select_related("scheme"), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    rule = None
    if data.get("rule"):
        rule = get_object_or_404(BlueprintRule, pk=data["rule"], level=level)
    typed = {k: v for k, v in data.items() if k in RuleForm.Meta.fields}
    form = RuleForm(initial=typed, level=level, instance=rule)
    return _rule_page(
        request,
        form,
        level,
        _("Edit the blueprint rule") if rule else _("New blueprint rule"),
        rule=rule,
        availability=_availability(data, level),
    )


@allow(*OFFICERS)
@require_POST
def rule_delete(request, pk: int):
    rule = get_object_or_404(BlueprintRule, pk=pk)
    level_pk = rule.level_id
    rule.delete()
    messages.success(request, _("Rule removed."))
    return redirect("certification:level", pk=level_pk)


# -- items ---------------------------------------------------------------------------


@allow(*OFFICERS)
def items_home(request):
    """The item bank from the menu: the only scheme's items, or the schemes
    to choose from."""
    only = list(Scheme.objects.values_list("pk", flat=True)[:2])
    if len(only) == 1:
        return redirect("certification:scheme_items", pk=only[0])
    return redirect("certification:schemes")


@allow(*OFFICERS)
def items(request, pk: int):
    """The items of a scheme, filtered, with counts per subject, kind and
    difficulty of what is shown."""
    scheme = get_object_or_404(Scheme, pk=pk)
    form = ItemFilterForm(request.GET or None, scheme=scheme)
    rows = scheme.items.select_related("subject", "current")
    state = "active"
    if form.is_valid():
        data = form.cleaned_data
        state = data["state"] or "active"
        if data["subject"]:
            rows = rows.filter(subject=data["subject"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["difficulty"]:
            rows = rows.filter(difficulty=data["difficulty"])
    if state == "active":
        rows = rows.filter(retired=False)
    elif state == "retired":
        rows = rows.filter(retired=True)
    rows = list(rows.order_by("subject__order", "subject__code", "code"))
    if form.is_valid() and form.cleaned_data["competency"]:
        wanted = form.cleaned_data["competency"].strip()
        rows = [i for i in rows if wanted in (i.competencies or ())]
    if form.is_valid() and form.cleaned_data["q"]:
        rows = [i for i in rows if _mentions(i, form.cleaned_data["q"])]
    counts = _counts(rows)
    return render(
        request,
        "certification/bank_items.html",
        {
            "scheme": scheme,
            "form": form,
            "items": [(i, _stem(i.current)) for i in rows],
            "counts": counts,
            "kind_form": NewItemKindForm(),
        },
    )


def _mentions(item: Item, text: str) -> bool:
    """Whether ``text`` is in the item's code or current stem (any case)."""
    wanted = text.strip().lower()
    content = item.current.content if item.current else {}
    haystack = " ".join(
        [item.code, content.get("stem_ko", ""), content.get("stem_en", "")]
    )
    return wanted in haystack.lower()


def _counts(rows) -> dict:
    by = {"subject": {}, "kind": {}, "difficulty": {}}
    for item in rows:
        for key, value in (
            ("subject", item.subject.title),
            ("kind", item.get_kind_display()),
            ("difficulty", item.get_difficulty_display()),
        ):
            by[key][value] = by[key].get(value, 0) + 1
    return {k: sorted(v.items()) for k, v in by.items()}


def _stem(version: ItemVersion | None) -> str:
    if version is None:
        return ""
    c = version.content
    text = in_language(c.get("stem_ko", ""), c.get("stem_en", ""))
    return text if len(text) <= 90 else text[:89] + "…"


def _kind_of(request) -> str:
    kind = request.GET.get("kind") or request.POST.get("kind") or ItemKind.SINGLE
    return kind if kind in ItemKind.values else ItemKind.SINGLE


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def item_new(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    kind = _kind_of(request)
    form_class = item_form_class(kind)
    initial = {"points": 1, "difficulty": "medium"}
    if form_class is ContentItemForm:
        initial["content"] = KIND_TEMPLATES[kind]
    subject = request.GET.get("subject")
    if subject:
        initial["subject"] = subject
    form = form_class(
        request.POST or None, scheme=scheme, kind=kind, editing=False, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = bank.create_item(
                scheme,
                code=form.cleaned_data["code"],
                kind=kind,
                content=_content(form),
                by=request.user,
                **form.meta(),
            )
        except ItemContentError as err:
            _content_errors(form, err)
        except bank.BankError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Item %(code)s created.") % {"code": item.code})
            return redirect("certification:item", pk=item.pk)
    return _item_form_page(
        request,
        form,
        scheme=scheme,
        kind=kind,
        heading=_("New item: %(kind)s") % {"kind": ItemKind(kind).label},
    )


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = get_object_or_404(Item.objects.select_related("scheme", "current"), pk=pk)
    form_class = item_form_class(item.kind)
    initial = ItemMetaForm.initial_from(item)
    content = item.current.content if item.current else {}
    if form_class is ChoiceItemForm:
        initial.update(ChoiceItemForm.initial_content(content))
    else:
        initial["content"] = (
            content_yaml(content) if content else KIND_TEMPLATES[item.kind]
        )
    form = form_class(
        request.POST or None,
        scheme=item.scheme,
        kind=item.kind,
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        meta = form.meta()
        try:
            version = bank.edit_item(
                item,
                content=_content(form),
                by=request.user,
                **meta,
            )
        except ItemContentError as err:
            _content_errors(form, err)
        except bank.BankError as err:
            form.add_error(None, str(err))
        else:
            if version is None:
                messages.info(
                    request, _("Saved; the content did not change, so no new version.")
                )
            else:
                messages.success(
                    request,
                    _("Saved as version %(n)d.") % {"n": version.number},
                )
            return redirect("certification:item", pk=item.pk)
    return _item_form_page(
        request,
        form,
        scheme=item.scheme,
        kind=item.kind,
        item=item,
        heading=_("Edit %(code)s (a new version)") % {"code": item.code},
    )


def _content(form) -> dict:
    if isinstance(form, ChoiceItemForm):
        return form.content()
    return form.cleaned_data["content"]


def _content_errors(form, err: ItemContentError) -> None:
    for message in err.messages:
        if isinstance(form, ChoiceItemForm):
            form.add_error(None, form.explain(message))
        else:
            form.add_error("content", message)


def _item_form_page(request, form, *, scheme, kind, heading, item=None):
    return render(
        request,
        "certification/bank_item_form.html",
        {
            "form": form,
            "scheme": scheme,
            "kind": kind,
            "item": item,
            "heading": heading,
            "choice": isinstance(form, ChoiceItemForm),
        },
        status=400 if form.errors else 200,
    )


@allow(*OFFICERS)
def item(request, pk: int):
    """An item: its current version as a candidate sees it, the key, and
    every version (which forms use them)."""
    item = get_object_or_404(
        Item.objects.select_related("scheme", "subject", "current"), pk=pk
    )
    return _version_page(request, item, item.current)


@allow(*OFFICERS)
def item_version(request, pk: int, number: int):
    item = get_object_or_404(
        Item.objects.select_related("scheme", "subject", "current"), pk=pk
    )
    version = get_object_or_404(ItemVersion, item=item, number=number)
    return _version_page(request, item, version)


def _version_page(request, item: Item, version: ItemVersion | None):
    used = bank.versions_in_use(item)
    versions = [
        {"version": v, "forms": used.get(v.pk, 0)}
        for v in item.versions.select_related("created_by").order_by("-number")
    ]
    return render(
        request,
        "certification/bank_item.html",
        {
            "item": item,
            "scheme": item.scheme,
            "version": version,
            "preview": preview(item.kind, version.content) if version else None,
            "versions": versions,
        },
    )


def preview(kind: str, content: dict) -> dict:
    """What the preview template needs: the stem and options as HTML in the
    active language, the kind's inputs, and the key."""
    text = lambda d, key: in_language(d.get(f"{key}_ko", ""), d.get(f"{key}_en", ""))  # noqa: E731
    shown = {
        "kind": kind,
        "stem_html": render_markdown(text(content, "stem")),
        "feedback_html": render_markdown(text(content, "feedback")),
        "options": [
            {"id": o["id"], "html": render_markdown(text(o, "text")), **o}
            for o in content.get("options", [])
        ],
        "unit": content.get("unit", ""),
        "program": content.get("program", ""),
        "robot": content.get("robot", ""),
        "variable": content.get("variable", ""),
        "exercise": content.get("exercise", ""),
        "starter": content.get("starter", ""),
        "rubric": [
            {"text": text(c, "text"), "points": c["points"], "id": c["id"]}
            for c in content.get("rubric", [])
        ],
        "content": content,
    }
    if kind == "ordering":
        # candidates see the options shuffled; the key keeps the stored order
        shown["order_key"] = shown["options"]
        shown["options"] = _shuffled(shown["options"])
    if kind == "practical":
        shown["exercise_title"] = _exercise_title(content.get("exercise", ""))
    try:
        shown["key"] = correct_response(kind, content)
    except (KeyError, StopIteration, TypeError, ValueError):
        shown["key"] = {}
    return shown


def _shuffled(options: list) -> list:
    """``options`` in a fixed order that is not the stored one (for 2+)."""
    order = list(options)
    random.Random(len(order)).shuffle(order)
    if order == list(options) and len(order) > 1:
        order = order[1:] + order[:1]
    return order


def _exercise_title(exercise_id: str) -> str:
    from robocampus.sim.grading import load_exercise

    try:
        exercise = load_exercise(exercise_id)
    except Exception:  # a removed exercise: show its id only
        return exercise_id
    return in_language(exercise.title.ko, exercise.title.en)


@allow(*OFFICERS)
@require_POST
def item_retire(request, pk: int):
    """Retire the item (never drawn again) or, if retired, bring it back."""
    item = get_object_or_404(Item, pk=pk)
    bank.set_retired(item, not item.retired)
    if item.retired:
        messages.success(request, _("Item retired: it is no longer drawn."))
    else:
        messages.success(request, _("Item back in use."))
    return redirect("certification:item", pk=item.pk)


# -- Moodle XML ------------------------------------------------------------------------


@allow(*OFFICERS)
@require_http_methods(["GET", "POST"])
def moodle_import(request, pk: int):
    """Upload a Moodle XML file: every question is imported, or none."""
    scheme = get_object_or_404(Scheme, pk=pk)
    form = MoodleImportForm(request.POST or None, request.FILES or None, scheme=scheme)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created, notes = bank.import_moodle(
                scheme,
                data["file"],
                language=data["language"],
                subject=data["subject"],
                difficulty=data["difficulty"],
                by=request.user,
            )
        except MoodleImportError as err:
            problems = err.messages
            form.add_error(
                "file",
                ngettext(
                    "Nothing was imported: %(n)d problem in the file (listed below).",
                    "Nothing was imported: %(n)d problems in the file (listed below).",
                    len(problems),
                )
                % {"n": len(problems)},
            )
        else:
            messages.success(
                request,
                ngettext("%(n)d item imported.", "%(n)d items imported.", len(created))
                % {"n": len(created)},
            )
            for note in notes:
                messages.warning(request, note)
            return redirect("certification:scheme_items", pk=scheme.pk)
    return render(
        request,
        "certification/bank_import.html",
        {"form": form, "scheme": scheme, "problems": problems},
        status=400 if form.errors else 200,
    )


@allow(*OFFICERS)
def moodle_export(request, pk: int):
    """Download the scheme's items (of one subject if chosen) as Moodle XML."""
    scheme = get_object_or_404(Scheme, pk=pk)
    form = MoodleExportForm(request.GET or None, scheme=scheme)
    subject, language = None, "ko"
    if form.is_valid():
        subject = form.cleaned_data["subject"]
        language = form.cleaned_data["language"]
    data, notes = bank.export_moodle(scheme, subject=subject, language=language)
    name = f"{scheme.code}{'-' + subject.code if subject else ''}-moodle.xml"
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Robocampus-Skipped"] = str(len(notes))
    return response


urlpatterns = [
    path("bank/", schemes, name="schemes"),
    path("bank/schemes/new/", scheme_new, name="scheme_new"),
    path("bank/schemes/<int:pk>/", scheme, name="scheme"),
    path("bank/schemes/<int:pk>/edit/", scheme_edit, name="scheme_edit"),
    path("bank/schemes/<int:pk>/subjects/new/", subject_new, name="subject_new"),
    path("bank/subjects/<int:pk>/edit/", subject_edit, name="subject_edit"),
    path("bank/schemes/<int:pk>/levels/new/", level_new, name="level_new"),
    path("bank/levels/<int:pk>/", level, name="level"),
    path("bank/levels/<int:pk>/edit/", level_edit, name="level_edit"),
    path("bank/levels/<int:pk>/rules/new/", rule_new, name="rule_new"),
    path("bank/levels/<int:pk>/rules/check/", rule_check, name="rule_check"),
    path("bank/rules/<int:pk>/edit/", rule_edit, name="rule_edit"),
    path("bank/rules/<int:pk>/delete/", rule_delete, name="rule_delete"),
    path("bank/items/", items_home, name="items"),
    path("bank/schemes/<int:pk>/items/", items, name="scheme_items"),
    path("bank/schemes/<int:pk>/items/new/", item_new, name="item_new"),
    path("bank/items/<int:pk>/", item, name="item"),
    path("bank/items/<int:pk>/edit/", item_edit, name="item_edit"),
    path(
        "bank/items/<int:pk>/versions/<int:number>/",
        item_version,
        name="item_version",
    ),
    path("bank/items/<int:pk>/retire/", item_retire, name="item_retire"),
    path("bank/schemes/<int:pk>/import/", moodle_import, name="moodle_import"),
    path("bank/schemes/<int:pk>/export/", moodle_export, name="moodle_export"),
]
