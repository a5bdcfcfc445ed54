"""Drawing a candidate's exam form from a level's blueprint, reproducibly.

``draw(rules, candidates, seed)`` is pure Python (no Django): it takes plain
``Rule`` and ``Candidate`` values and returns the form, a list of slots
``{"slot": i, "version": ItemVersion pk, "options": [option ids as shown]}``.
``draw_form(level, seed)`` is the thin database wrapper; it imports the
models when called, so importing this module needs no Django.

The same rules, bank and seed give the same form on every run and every
database: candidates are sorted by item code (unique in a scheme) before a
``random.Random(seed)`` picks from them, and rules are taken in a fixed
order. To use::

    from robocampus.certification.drawing import Candidate, Rule, draw
    form = draw([Rule("R1", "safety", 2)], candidates, seed=42)
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Sequence

SHUFFLED_OPTION_KINDS = frozenset({"single", "multiple", "ordering"})
"""Kinds whose options are shown in a per-candidate order."""


class BlueprintError(ValueError):
    """A blueprint rule cannot be satisfied by the bank: fewer eligible items
    than it needs. ``rule`` is the rule's label, ``available`` how many items
    it could still take, ``needed`` its count."""

    def __init__(self, rule: str, available: int, needed: int, taken: int = 0):
        self.rule = rule
        self.available = available
        self.needed = needed
        self.taken = taken
        detail = f"; {taken} more match but are drawn by other rules" if taken else ""
        super().__init__(
            f"blueprint rule {rule}: {available} eligible items, needs {needed}{detail}"
        )


class EmptyBlueprintError(BlueprintError):
    """A level whose blueprint draws no items at all."""

    def __init__(self, level: str):
        self.level = level
        self.rule, self.available, self.needed, self.taken = "", 0, 0, 0
        ValueError.__init__(self, f"level {level}: the blueprint has no items to draw")


@dataclasses.dataclass(frozen=True)
class Rule:
    """One blueprint rule: ``count`` items of ``subject`` (a subject code)
    and, when not empty, of ``competency``, ``difficulty`` and ``kind_group``
    ("written", "practical", "physical"). ``label`` names the rule in
    errors."""

    label: str
    subject: str
    count: int
    competency: str = ""
    difficulty: str = ""
    kind_group: str = "written"

    def admits(self, candidate: Candidate) -> bool:
        return (
            candidate.subject == self.subject
            and (not self.kind_group or candidate.kind_group == self.kind_group)
            and (not self.difficulty or candidate.difficulty == self.difficulty)
            and (not self.competency or self.competency in candidate.competencies)
        )


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An item of the bank as the draw sees it: its ``code`` (the stable sort
    key), subject code, kind and kind group, difficulty, competency codes,
    the pk of its current version and that version's option ids in stored
    order. Retired items are never drawn."""

    code: str
    subject: str
    kind: str
    kind_group: str
    version: int
    difficulty: str = "medium"
    competencies: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    retired: bool = False


def draw(
    rules: Sequence[Rule], candidates: Iterable[Candidate], seed: int
) -> list[dict]:
    """Return a form drawn from ``candidates`` for ``rules`` with ``seed``.

    Every rule gets ``count`` distinct items it admits, never retired ones,
    and no item appears twice in the form even when rules overlap: the draw
    is a matching of rule places to items, so it succeeds whenever any
    assignment exists. Items are tried in an order shuffled by the seed, so
    each rule's items are a random sample when nothing competes for them.
    The question order and, for single/multiple/ordering items, the option
    order are then shuffled with the same generator. Raises
    ``BlueprintError`` for the first rule that cannot be filled."""
    pool = sorted((c for c in candidates if not c.retired), key=lambda c: c.code)
    codes = [c.code for c in pool]
    if len(set(codes)) != len(codes):
        raise ValueError("candidate item codes must be unique")
    for rule in rules:
        if rule.count < 0:
            raise ValueError(f"blueprint rule {rule.label}: count must be >= 0")
    rng = random.Random(seed)
    rng.shuffle(pool)
    admitted = [[n for n, c in enumerate(pool) if rule.admits(c)] for rule in rules]
    places = [r for r, rule in enumerate(rules) for _ in range(rule.count)]
    item_of: dict[int, int] = {}  # place -> item index in pool
    place_of: dict[int, int] = {}  # item index -> place
    for place, r in enumerate(places):
        if not _augment(place, places, admitted, item_of, place_of):
            rule = rules[r]
            mine = sum(1 for p in range(place) if places[p] == r)
            taken = sum(1 for n in admitted[r] if n in place_of) - mine
            raise BlueprintError(
                rule.label, len(admitted[r]) - taken, rule.count, taken=taken
            )
    picked = [pool[item_of[place]] for place in range(len(places))]
    rng.shuffle(picked)
    form = []
    for slot, candidate in enumerate(picked):
        options = list(candidate.options)
        if candidate.kind in SHUFFLED_OPTION_KINDS:
            rng.shuffle(options)
        else:
            options = []
        form.append({"slot": slot, "version": candidate.version, "options": options})
    return form


def _augment(
    start: int,
    places: list[int],
    admitted: list[list[int]],
    item_of: dict[int, int],
    place_of: dict[int, int],
) -> bool:
    """Give place ``start`` an item, moving earlier places to other items
    they admit if need be (a breadth-first augmenting path). Items are tried
    in pool order, so with a free item at hand the first free one is taken."""
    came_from: dict[int, int] = {}  # item -> the place that reached it
    queue = [start]
    for place in queue:
        for item in admitted[places[place]]:
            if item in came_from:
                continue
            came_from[item] = place
            if item not in place_of:
                while True:
                    holder = came_from[item]
                    previous = item_of.get(holder)
                    item_of[holder], place_of[item] = item, holder
                    if previous is None:
                        return True
                    item = previous
            queue.append(place_of[item])
    return False


def problems(rules: Sequence[Rule], candidates: Iterable[Candidate]) -> list:
    """Every ``BlueprintError`` standing in the way of a draw: each rule
    with too few items of its own, else the first rule the overlap of rules
    leaves short (the draw is a maximum matching, so this does not depend on
    the seed). Empty: forms can be drawn."""
    candidates = [c for c in candidates if not c.retired]
    found = []
    for rule in rules:
        have = sum(1 for c in candidates if rule.admits(c))
        if have < rule.count:
            found.append(BlueprintError(rule.label, have, rule.count))
    if not found:
        try:
            draw(rules, candidates, 0)
        except BlueprintError as err:
            found.append(err)
    return found


def rule_label(
    index: int, subject: str, competency: str, difficulty: str, kind_group: str
) -> str:
    """A rule's name in errors: ``#2 (programming, hard, written)``."""
    parts = [p for p in (subject, competency, difficulty, kind_group) if p]
    return f"#{index} ({', '.join(parts)})"


# -- the database wrapper ------------------------------------------------------------


def level_rules(level) -> list[Rule]:
    """The blueprint rules of ``level`` (a ``Level``) as ``Rule`` values, in
    the blueprint's order."""
    rows = level.rules.select_related("subject").order_by("order", "pk")
    return [
        Rule(
            label=rule_label(
                n, r.subject.code, r.competency, r.difficulty, r.kind_group
            ),
            subject=r.subject.code,
            count=r.count,
            competency=r.competency,
            difficulty=r.difficulty,
            kind_group=r.kind_group,
        )
        for n, r in enumerate(rows, start=1)
    ]


def scheme_candidates(scheme) -> list[Candidate]:
    """The drawable items of ``scheme``: not retired, with a current
    version, each as a ``Candidate`` of that version."""
    from robocampus.certification.models import Item

    items = Item.objects.filter(
        scheme=scheme, retired=False, current__isnull=False
    ).select_related("subject", "current")
    found = []
    for item in items:
        content = item.current.content or {}
        options = tuple(
            str(o["id"])
            for o in content.get("options", [])
            if isinstance(o, dict) and "id" in o
        )
        found.append(
            Candidate(
                code=item.code,
                subject=item.subject.code,
                kind=item.kind,
                kind_group=item.kind_group,
                version=item.current_id,
                difficulty=item.difficulty,
                competencies=tuple(item.competencies or ()),
                options=options,
            )
        )
    return found


def draw_form(level, seed: int) -> list[dict]:
    """Draw the form of ``level`` (a ``Level``) for ``seed`` from its
    scheme's bank. Raises ``BlueprintError`` when the bank cannot fill a
    rule, ``EmptyBlueprintError`` when the blueprint draws nothing."""
    rules = level_rules(level)
    if not any(r.count for r in rules):
        raise EmptyBlueprintError(level.code)
    return draw(rules, scheme_candidates(level.scheme), seed)


def describe(error: BlueprintError) -> str:
    """``error`` as a sentence in the active language."""
    from django.utils.translation import gettext as _

    if isinstance(error, EmptyBlueprintError):
        return _("The blueprint of level %(level)s draws no items.") % {
            "level": error.level
        }
    message = _(
        "Blueprint rule %(rule)s: %(available)d items can be drawn, it needs "
        "%(needed)d."
    ) % {"rule": error.rule, "available": error.available, "needed": error.needed}
    if error.taken:
        message += " " + _("%(taken)d more match it but are needed by other rules.") % {
            "taken": error.taken
        }
    return message


def blueprint_problems(level) -> list[str]:
    """Why forms of ``level`` cannot be drawn, as sentences in the active
    language (empty: they can)."""
    rules = level_rules(level)
    if not any(r.count for r in rules):
        return [describe(EmptyBlueprintError(level.code))]
    return [describe(e) for e in problems(rules, scheme_candidates(level.scheme))]
