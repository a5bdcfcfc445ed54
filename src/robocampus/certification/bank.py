"""The item bank's services: items saved as new immutable versions,
retiring, the blueprint check, and Moodle XML import and export.

A saved edit never changes a version: it adds version n + 1 and moves the
item's ``current`` to it, so a form drawn earlier (``Attempt.form`` points
at version pks) keeps showing and scoring what the candidate saw. Versions
are never deleted. Every function that refuses raises ``BankError`` (or
``ItemContentError`` / ``MoodleImportError`` naming the field) before
anything is written.
"""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from robocampus.certification import drawing
from robocampus.certification.itemtypes import prepare_content
from robocampus.certification.models import (
    Attempt,
    Item,
    ItemVersion,
    Level,
    Scheme,
    Subject,
)
from robocampus.certification.moodle_xml import (
    ExportItem,
    MoodleImportError,
    export_quiz,
    parse_quiz,
)


class BankError(ValueError):
    """A bank change refused (the message says why, in the active language)."""


# -- items -------------------------------------------------------------------------


def clean_competencies(codes) -> list[str]:
    """Competency codes without blanks or repeats, in the order given."""
    seen: list[str] = []
    for code in codes or ():
        code = str(code).strip()
        if code and code not in seen:
            seen.append(code)
    return seen


@transaction.atomic
def create_item(
    scheme: Scheme,
    *,
    subject: Subject,
    code: str,
    kind: str,
    content: dict,
    points: float = 1.0,
    difficulty: str = "medium",
    competencies=(),
    note: str = "",
    by=None,
) -> Item:
    """Create an item with its version 1. ``content`` is checked (and for a
    code reading item its key computed) first: ``ItemContentError``."""
    if subject.scheme_id != scheme.pk:
        raise BankError(_("The subject belongs to another scheme."))
    code = code.strip()
    if Item.objects.filter(scheme=scheme, code__iexact=code).exists():
        raise BankError(
            _("The scheme already has an item with the code %(code)s.") % {"code": code}
        )
    prepared = prepare_content(kind, content)
    _check_points(points)
    item = Item.objects.create(
        scheme=scheme,
        subject=subject,
        code=code,
        kind=kind,
        difficulty=difficulty,
        competencies=clean_competencies(competencies),
    )
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        content=prepared,
        points=points,
        note=note or _("created"),
        created_by=by,
    )
    item.current = version
    item.save(update_fields=["current"])
    return item


@transaction.atomic
def edit_item(
    item: Item,
    *,
    content: dict,
    points: float,
    subject: Subject | None = None,
    difficulty: str | None = None,
    competencies=None,
    note: str = "",
    by=None,
) -> ItemVersion | None:
    """Save an edit: the item's subject, difficulty and competencies change in
    place; new content or points make version n + 1 and move ``current`` to
    it (returned). None when only the item's tags changed. The kind of an
    item never changes (its versions would be read as another kind)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    prepared = prepare_content(item.kind, content)
    _check_points(points)
    if subject is not None:
        if subject.scheme_id != item.scheme_id:
            raise BankError(_("The subject belongs to another scheme."))
        item.subject = subject
    if difficulty is not None:
        item.difficulty = difficulty
    if competencies is not None:
        item.competencies = clean_competencies(competencies)
    item.save(update_fields=["subject", "difficulty", "competencies"])
    current = item.current
    if (
        current is not None
        and current.content == prepared
        and float(current.points) == float(points)
    ):
        return None
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ItemVersion.objects.create(
        item=item,
        number=number,
        content=prepared,
        points=points,
        note=note,
        created_by=by,
    )
    item.current = version
    item.save(update_fields=["current"])
    return version


def _check_points(points) -> None:
    if not isinstance(points, int | float) or not 0 < float(points) <= 1000:
        raise BankError(_("Points must be a number above 0 and at most 1000."))


def set_retired(item: Item, retired: bool) -> None:
    """Retire an item (never drawn again; forms already drawn keep it) or
    bring it back."""
    item.retired = retired
    item.save(update_fields=["retired"])


def versions_in_use(item: Item) -> dict[int, int]:
    """{version pk: number of attempts whose form holds it} for ``item``."""
    pks = set(item.versions.values_list("pk", flat=True))
    used: dict[int, int] = {}
    forms = Attempt.objects.filter(seat__session__level__scheme=item.scheme_id)
    for form in forms.values_list("form", flat=True):
        for slot in form or ():
            pk = slot.get("version") if isinstance(slot, dict) else None
            if pk in pks:
                used[pk] = used.get(pk, 0) + 1
    return used


# -- blueprints ----------------------------------------------------------------------


@dataclasses.dataclass
class RuleCheck:
    rule: object
    """The ``BlueprintRule``."""
    available: int
    """Drawable items the rule admits (not retired, with a current version)."""
    needed: int

    @property
    def ok(self) -> bool:
        return self.available >= self.needed


def blueprint_check(level: Level) -> tuple[list[RuleCheck], list[str]]:
    """Per rule of ``level``: items available vs needed; and every reason,
    as sentences, why a form cannot be drawn (empty: it can, rules that
    share items included)."""
    rows = list(level.rules.select_related("subject").order_by("order", "pk"))
    rules = drawing.level_rules(level)
    candidates = drawing.scheme_candidates(level.scheme)
    checks = [
        RuleCheck(row, sum(1 for c in candidates if rule.admits(c)), rule.count)
        for row, rule in zip(rows, rules, strict=True)
    ]
    return checks, drawing.blueprint_problems(level)


def available_for(
    scheme: Scheme, subject: Subject, kind_group: str, difficulty: str, competency: str
) -> int:
    """How many drawable items a rule with these filters would admit."""
    rule = drawing.Rule(
        "?", subject.code, 0, competency.strip(), difficulty, kind_group
    )
    return sum(1 for c in drawing.scheme_candidates(scheme) if rule.admits(c))


# -- Moodle XML ----------------------------------------------------------------------


def _subject_for(scheme: Scheme, category: str | None) -> Subject | None:
    if not category:
        return None
    wanted = category.strip().lower()
    for subject in scheme.subjects.all():
        names = {
            subject.code.lower(),
            subject.title_ko.lower(),
            subject.title_en.lower(),
        }
        if wanted in names:
            return subject
    return None


@transaction.atomic
def import_moodle(
    scheme: Scheme,
    data: bytes,
    *,
    language: str = "ko",
    subject: Subject | None = None,
    difficulty: str = "medium",
    by=None,
) -> tuple[list[Item], list[str]]:
    """Import a Moodle XML file into ``scheme``: all questions or none.

    ``subject``: put every question there; None: each question's category
    (last path segment) must match a subject's code or title. Question text
    goes into ``language``. Returns (the new items, notes on what was
    skipped or changed). Raises ``MoodleImportError`` naming each bad
    question and field."""
    taken = set(Item.objects.filter(scheme=scheme).values_list("code", flat=True))
    parsed = parse_quiz(data, language, taken)
    errors = []
    targets = []
    for q in parsed.questions:
        target = subject or _subject_for(scheme, q.category)
        if target is None:
            names = ", ".join(s.code for s in scheme.subjects.all()) or "-"
            where = f"question {q.index} {q.name!r}"
            errors.append(
                f"{where}: category {q.category!r} matches no subject of the scheme "
                f"(subjects: {names}); choose a subject for the whole file"
                if q.category
                else f"{where}: no category; choose a subject for the whole file"
            )
        targets.append(target)
    if errors:
        raise MoodleImportError(errors)
    note = _("imported from Moodle XML")
    items = [
        create_item(
            scheme,
            subject=target,
            code=q.code,
            kind=q.kind,
            content=q.content,
            points=q.points,
            difficulty=difficulty,
            competencies=q.tags,
            note=note,
            by=by,
        )
        for q, target in zip(parsed.questions, targets, strict=True)
    ]
    return items, parsed.notes


def export_moodle(
    scheme: Scheme,
    *,
    subject: Subject | None = None,
    language: str = "ko",
    include_retired: bool = False,
) -> tuple[bytes, list[str]]:
    """The current versions of ``scheme``'s items (of ``subject`` if given)
    as Moodle XML, categories named by subject; returns (bytes, notes)."""
    items = Item.objects.filter(scheme=scheme, current__isnull=False)
    if subject is not None:
        items = items.filter(subject=subject)
    if not include_retired:
        items = items.filter(retired=False)
    items = items.select_related("subject", "current").order_by(
        "subject__order", "subject__code", "code"
    )
    rows = []
    for item in items:
        s = item.subject
        title = (s.title_en or s.title_ko) if language == "en" else s.title_ko
        rows.append(
            ExportItem(
                code=item.code,
                kind=item.kind,
                content=item.current.content,
                points=item.current.points,
                category=title or s.code,
                tags=list(item.competencies or ()),
            )
        )
    return export_quiz(rows, language)
