"""Forms of the scheme and item-bank pages. A refused form is shown again
with everything typed (the views render the bound form)."""

from __future__ import annotations

import re

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from robocampus.certification.models import (
    BlueprintRule,
    Difficulty,
    ItemKind,
    Level,
    Scheme,
    Subject,
)

OPTION_ROWS = 8
"""Option rows on the choice-item form (blank rows are ignored)."""
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest Moodle XML file accepted, bytes."""
TEXTAREA = forms.Textarea(attrs={"rows": 4})
LANGUAGE_CHOICES = [("ko", _("Korean")), ("en", _("English"))]


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = [
            "code",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "is_example",
        ]
        widgets = {"description_ko": TEXTAREA, "description_en": TEXTAREA}


class _InScheme(forms.ModelForm):
    """A subject or level form: its code is unique within the scheme."""

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = self._meta.model.objects.filter(scheme=self.scheme, code=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("The scheme already has one with the code %(code)s."),
                params={"code": code},
            )
        return code

    def save(self, commit=True):
        self.instance.scheme = self.scheme
        return super().save(commit)


class SubjectForm(_InScheme):
    class Meta:
        model = Subject
        fields = ["code", "title_ko", "title_en", "order"]


class LevelForm(_InScheme):
    class Meta:
        model = Level
        fields = [
            "code",
            "title_ko",
            "title_en",
            "order",
            "duration_minutes",
            "pass_total_percent",
            "pass_subject_percent",
            "pass_practical_percent",
            "validity_months",
        ]

    def clean(self):
        data = super().clean()
        for name in ("pass_total_percent", "pass_subject_percent"):
            self._percent(data, name)
        self._percent(data, "pass_practical_percent")
        if data.get("duration_minutes") == 0:
            self.add_error("duration_minutes", _("An exam takes at least 1 minute."))
        return data

    def _percent(self, data, name):
        value = data.get(name)
        if value is not None and not 0 <= value <= 100:
            self.add_error(name, _("A percentage from 0 to 100."))


class RuleForm(forms.ModelForm):
    class Meta:
        model = BlueprintRule
        fields = ["subject", "kind_group", "difficulty", "competency", "count", "order"]

    def __init__(self, *args, level: Level, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        self.fields["subject"].queryset = level.scheme.subjects.all()

    def clean_competency(self):
        return self.cleaned_data["competency"].strip()

    def clean_count(self):
        count = self.cleaned_data["count"]
        if count == 0:
            raise forms.ValidationError(_("A rule draws at least 1 item."))
        return count

    def save(self, commit=True):
        self.instance.level = self.level
        return super().save(commit)


# -- items ---------------------------------------------------------------------------


def split_codes(text: str) -> list[str]:
    """Competency codes typed separated by commas, spaces or new lines."""
    return [c for c in re.split(r"[\s,]+", text or "") if c]


class ItemMetaForm(forms.Form):
    """What every item form has: code (new items), subject, difficulty,
    competency codes, points and a change note."""

    code = forms.CharField(label=_("Code"), max_length=40)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None)
    difficulty = forms.ChoiceField(label=_("Difficulty"), choices=Difficulty.choices)
    competencies = forms.CharField(
        label=_("Competency codes"),
        required=False,
        help_text=_("Separated by commas or spaces, e.g. LM1903060104_15v2."),
    )
    points = forms.FloatField(label=_("Points"), min_value=0.01, max_value=1000)
    note = forms.CharField(label=_("Change note"), max_length=200, required=False)

    def __init__(self, *args, scheme: Scheme, kind: str, editing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.kind = kind
        self.fields["subject"].queryset = scheme.subjects.all()
        if editing:
            del self.fields["code"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not re.fullmatch(r"[\w.\-]+", code):
            raise forms.ValidationError(
                _("Letters, digits, '-', '_' and '.' only (no spaces).")
            )
        if self.scheme.items.filter(code__iexact=code).exists():
            raise forms.ValidationError(
                _("The scheme already has an item with the code %(code)s."),
                params={"code": code},
            )
        return code

    def meta(self) -> dict:
        data = self.cleaned_data
        return {
            "subject": data["subject"],
            "difficulty": data["difficulty"],
            "competencies": split_codes(data["competencies"]),
            "points": data["points"],
            "note": data["note"],
        }

    @staticmethod
    def initial_from(item) -> dict:
        return {
            "subject": item.subject_id,
            "difficulty": item.difficulty,
            "competencies": ", ".join(item.competencies or ()),
            "points": item.current.points if item.current else 1,
        }


class ChoiceItemForm(ItemMetaForm):
    """A single- or multiple-choice item: stem in Korean and English and up to
    ``OPTION_ROWS`` option rows (text in both languages, correct or not)."""

    stem_ko = forms.CharField(
        label=_("Question (Korean)"), widget=TEXTAREA, required=False
    )
    stem_en = forms.CharField(
        label=_("Question (English)"), widget=TEXTAREA, required=False
    )
    feedback_ko = forms.CharField(
        label=_("Feedback (Korean)"), widget=TEXTAREA, required=False
    )
    feedback_en = forms.CharField(
        label=_("Feedback (English)"), widget=TEXTAREA, required=False
    )
    partial = forms.BooleanField(
        label=_("Partial credit (right choices minus wrong ones)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.kind != "multiple":
            del self.fields["partial"]
        for i in range(OPTION_ROWS):
            self.fields[f"option_{i}_id"] = forms.CharField(
                required=False, widget=forms.HiddenInput
            )
            for language, name in (("ko", _("Korean")), ("en", _("English"))):
                label = _("Option %(n)d (%(language)s)") % {
                    "n": i + 1,
                    "language": name,
                }
                self.fields[f"option_{i}_text_{language}"] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.TextInput(attrs={"aria-label": label}),
                )
            correct = _("Option %(n)d is correct") % {"n": i + 1}
            self.fields[f"option_{i}_correct"] = forms.BooleanField(
                label=correct,
                required=False,
                widget=forms.CheckboxInput(attrs={"aria-label": correct}),
            )

    def option_rows(self):
        """(id field, Korean, English, correct) bound fields per row."""
        return [
            (
                i + 1,
                self[f"option_{i}_id"],
                self[f"option_{i}_text_ko"],
                self[f"option_{i}_text_en"],
                self[f"option_{i}_correct"],
            )
            for i in range(OPTION_ROWS)
        ]

    def content(self) -> dict:
        """The content the rows describe; ``self.rows`` maps option index to
        form row (for messages)."""
        data = self.cleaned_data
        used = {data.get(f"option_{i}_id") for i in range(OPTION_ROWS)} - {"", None}
        letters = (c for c in "abcdefghijklmnopqrstuvwxyz" if c not in used)
        options, self.rows = [], []
        for i in range(OPTION_ROWS):
            ko = data.get(f"option_{i}_text_ko", "").strip()
            en = data.get(f"option_{i}_text_en", "").strip()
            correct = bool(data.get(f"option_{i}_correct"))
            if not ko and not en and not correct:
                continue
            option_id = data.get(f"option_{i}_id") or next(letters)
            options.append(
                {"id": option_id, "text_ko": ko, "text_en": en, "correct": correct}
            )
            self.rows.append(i + 1)
        content = {
            key: data.get(key, "").strip()
            for key in ("stem_ko", "stem_en", "feedback_ko", "feedback_en")
        }
        content["options"] = options
        if self.kind == "multiple":
            content["partial"] = bool(data.get("partial"))
        return content

    def explain(self, message: str) -> str:
        """A content error with ``options[k]`` said as the form's row."""

        def row(match):
            k = int(match.group(1))
            n = self.rows[k] if k < len(getattr(self, "rows", [])) else k + 1
            return str(_("option row %(n)d") % {"n": n})

        return re.sub(r"options\[(\d+)\]", row, message)

    @staticmethod
    def initial_content(content: dict) -> dict:
        initial = {
            key: content.get(key, "")
            for key in ("stem_ko", "stem_en", "feedback_ko", "feedback_en")
        }
        initial["partial"] = content.get("partial", True)
        for i, option in enumerate(content.get("options", [])[:OPTION_ROWS]):
            initial[f"option_{i}_id"] = option["id"]
            initial[f"option_{i}_text_ko"] = option.get("text_ko", "")
            initial[f"option_{i}_text_en"] = option.get("text_en", "")
            initial[f"option_{i}_correct"] = option.get("correct", False)
        return initial


class _BlockDumper(yaml.SafeDumper):
    """YAML with multi-line text (programs, Markdown) as ``|`` blocks."""


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def content_yaml(content: dict) -> str:
    """Content as the YAML the editor shows (computed keys left out)."""
    shown = {k: v for k, v in content.items() if k not in ("expected", "expected_kind")}
    return yaml.dump(shown, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False)


KIND_TEMPLATES = {
    "numeric": """\
stem_ko: RV-2FR의 최대 도달 거리(P점 기준)는 몇 mm입니까?
stem_en: What is the maximum reach of the RV-2FR (at the P-point), in mm?
answer: 504.6
tolerance: 1.0
unit: mm
""",
    "ordering": """\
stem_ko: 다음 작업을 올바른 순서로 배열하시오.
stem_en: Put these steps in the right order.
options:
  - {id: a, text_ko: 첫째, text_en: First}
  - {id: b, text_ko: 둘째, text_en: Second}
  - {id: c, text_ko: 셋째, text_en: Third}
""",
    "short": """\
stem_ko: 직선 보간 이동 명령은 무엇입니까?
stem_en: Which statement moves in a straight line?
patterns:
  - {pattern: Mvs, fraction: 1.0}
  - {pattern: "Mvs *", fraction: 1.0}
case_sensitive: false
""",
    "code_reading": """\
stem_ko: 이 프로그램을 실행한 뒤 M1의 값은?
stem_en: What is M1 after this program runs?
robot: RV-2FR
variable: M1
tolerance: 0.01
program: |
  10 M1 = 0
  20 For M2 = 1 To 3
  30   M1 = M1 + M2
  40 Next
""",
    "practical": """\
stem_ko: 시뮬레이터에서 집고 놓기 과제를 완성하시오.
stem_en: Complete the pick-and-place task in the simulator.
exercise: ex03-pick-and-place
starter: ""
""",
    "physical": """\
stem_ko: 실제 로봇으로 원점 복귀와 교시를 수행하시오.
stem_en: On the real robot, return to origin and teach a point.
rubric:
  - {id: safety, text_ko: 작업 전 점검 수행, text_en: Pre-work checks done, points: 2}
  - {id: teach, text_ko: 교시 위치 정확, text_en: Taught position accurate, points: 3}
""",
}
"""A starting point for the content of each kind edited as YAML."""


class ContentItemForm(ItemMetaForm):
    """Any kind: the content typed as YAML (or JSON, which is YAML too),
    checked for the kind before it is saved."""

    content = forms.CharField(
        label=_("Content (YAML)"),
        widget=forms.Textarea(
            attrs={"rows": 18, "class": "markdown", "spellcheck": "false"}
        ),
        help_text=_(
            "The fields of this kind are described in docs/item-bank.md. A code "
            "reading item's answer is computed by running the program."
        ),
    )

    def clean_content(self):
        text = self.cleaned_data["content"]
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = (
                _("line %(line)d, column %(column)d: ")
                % {"line": mark.line + 1, "column": mark.column + 1}
                if mark
                else ""
            )
            problem = getattr(err, "problem", None) or str(err)
            raise forms.ValidationError(
                _("Not valid YAML: %(where)s%(problem)s"),
                params={"where": where, "problem": problem},
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _("The content must be a mapping of fields (name: value).")
            )
        return value


def item_form_class(kind: str) -> type[ItemMetaForm]:
    return ChoiceItemForm if kind in ("single", "multiple") else ContentItemForm


class ItemFilterForm(forms.Form):
    """Filters of the item list (GET)."""

    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=None, required=False, empty_label=_("any")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("any"))] + ItemKind.choices, required=False
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        choices=[("", _("any"))] + Difficulty.choices,
        required=False,
    )
    competency = forms.CharField(label=_("Competency code"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            ("active", _("in use")),
            ("retired", _("retired")),
            ("all", _("all")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Code or text contains"), required=False)

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = scheme.subjects.all()


class NewItemKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)


class MoodleImportForm(forms.Form):
    file = forms.FileField(label=_("Moodle XML file"))
    language = forms.ChoiceField(
        label=_("Language of the questions"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Moodle keeps one text per question; it goes into this language."),
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=None,
        required=False,
        empty_label=_("by the file's categories"),
        help_text=_(
            "Empty: each question goes to the subject whose code or title is the "
            "last part of its Moodle category."
        ),
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty of the new items"),
        choices=Difficulty.choices,
        initial="medium",
    )

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = scheme.subjects.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB."),
                params={"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload.read()


class MoodleExportForm(forms.Form):
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=None, required=False, empty_label=_("all")
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = scheme.subjects.all()
