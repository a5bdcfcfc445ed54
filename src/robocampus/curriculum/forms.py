from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.bilingual import in_language
from robocampus.curriculum.images import inspect_image
from robocampus.curriculum.models import (
    CompetencyUnit,
    Course,
    LabExercise,
    Lesson,
    Module,
    Program,
)
from robocampus.sim.grading import load_exercise
from robocampus.sim.grading.spec import (
    ExerciseFileError,
    exercise_ids,
    parse_exercise,
)

MAX_SPEC_BYTES = 256 * 1024
RESERVED_COURSE_SLUGS = frozenset(
    {"new", "programs", "modules", "lessons", "images", "exercises", "competencies"}
)
"""Words that are parts of the site's URLs under ``/courses/``."""


class ExerciseUploadForm(forms.Form):
    """Upload an exercise spec; it is validated with the CLI's messages."""

    spec = forms.FileField(label=_("Exercise spec (YAML)"))
    slug = forms.SlugField(label=_("Short name in URLs"))

    def __init__(self, *args, module, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        self.exercise = None
        self.text = ""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if LabExercise.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("An exercise with this short name exists."))
        return slug

    def clean_spec(self):
        upload = self.cleaned_data["spec"]
        if upload.size > MAX_SPEC_BYTES:
            raise forms.ValidationError(_("The spec is larger than 256 kB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise forms.ValidationError(_("The spec is not UTF-8 text.")) from err
        try:
            self.exercise = parse_exercise(self.text, upload.name)
        except ExerciseFileError as err:
            raise forms.ValidationError(str(err)) from err
        if isinstance(self.exercise.cell, str) and self.exercise.cell.endswith(
            (".yaml", ".yml")
        ):
            raise forms.ValidationError(
                _(
                    "An uploaded spec must name a built-in cell or hold the cell "
                    "inline, not a file."
                )
            )
        return upload

    def save(self) -> LabExercise:
        spec = self.exercise
        return LabExercise.objects.create(
            module=self.module,
            order=self.module.exercises.count() + 1,
            slug=self.cleaned_data["slug"],
            spec_yaml=self.text,
            title_ko=spec.title.ko,
            title_en=spec.title.en,
        )


class CompetencyImportForm(forms.Form):
    file = forms.FileField(
        label=_("YAML or CSV file"),
        help_text=_(
            "Units with their elements and performance criteria; existing units "
            "are updated by code. Nothing changes unless the whole file is valid."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SPEC_BYTES * 4:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        if not upload.name.lower().endswith((".yaml", ".yml", ".csv")):
            raise forms.ValidationError(_("Upload a .yaml, .yml or .csv file."))
        return upload


# -- authoring ----------------------------------------------------------------------


class _CompetencyChoices(forms.ModelForm):
    """Competency units are picked from a list with checkboxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "competencies" in self.fields:
            field = self.fields["competencies"]
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            field.required = False


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["slug", "title_ko", "title_en", "summary_ko", "summary_en"]
        widgets = {
            "summary_ko": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }


class CourseForm(_CompetencyChoices):
    class Meta:
        model = Course
        fields = [
            "program",
            "slug",
            "title_ko",
            "title_en",
            "summary_ko",
            "summary_en",
            "hours",
            "published",
            "competencies",
        ]
        widgets = {
            "summary_ko": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_COURSE_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is used by the site; choose another short name.")
                % {"slug": slug}
            )
        return slug


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title_ko", "title_en", "order"]


class LessonForm(_CompetencyChoices):
    """A lesson's text in both languages, with an optional image to add.

    ``revision`` is the lesson's revision when the form was opened; if the
    lesson has been saved since, the edit is refused (the typed text stays in
    the form) instead of silently overwriting someone else's work.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    image = forms.FileField(
        label=_("Add an image"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB and 4096 pixels a side."),
    )

    class Meta:
        model = Lesson
        fields = [
            "title_ko",
            "title_en",
            "slug",
            "order",
            "body_ko",
            "body_en",
            "competencies",
        ]
        widgets = {
            "body_ko": forms.Textarea(attrs={"rows": 16, "class": "markdown"}),
            "body_en": forms.Textarea(attrs={"rows": 16, "class": "markdown"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.image_info = None
        if self.instance.pk and not self.is_bound:
            self.initial["revision"] = self.instance.revision

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            self.image_info = inspect_image(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("revision")
        if self.instance.pk and opened != self.instance.revision:
            raise forms.ValidationError(
                _(
                    "Someone saved this lesson after you opened it. Your text is "
                    "kept below: copy what you need, then reload the page."
                ),
                code="stale",
            )
        return cleaned


class LibraryExerciseForm(forms.ModelForm):
    """Add an exercise from the built-in library to a module."""

    library_id = forms.ChoiceField(label=_("Library exercise"))

    class Meta:
        model = LabExercise
        fields = ["library_id", "slug", "order", "required", "positions_editable"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library_id"].choices = [
            (exercise_id, f"{exercise_id} — {library_title(exercise_id)}")
            for exercise_id in exercise_ids()
        ]
        self.fields["slug"].help_text = _("Leave empty to use the exercise id.")
        self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        library_id = cleaned.get("library_id")
        if library_id and not cleaned.get("slug"):
            cleaned["slug"] = library_id  # checked for uniqueness by the model
        return cleaned

    def save(self, commit=True):
        spec = load_exercise(self.cleaned_data["library_id"])
        self.instance.slug = self.cleaned_data["slug"]
        self.instance.title_ko = spec.title.ko
        self.instance.title_en = spec.title.en
        exercise = super().save(commit=commit)
        if commit:
            exercise.competencies.set(
                CompetencyUnit.objects.filter(code__in=spec.competencies)
            )
        return exercise


class ExerciseSettingsForm(_CompetencyChoices):
    """What an author may change on an exercise in a course."""

    class Meta:
        model = LabExercise
        fields = [
            "title_ko",
            "title_en",
            "order",
            "required",
            "positions_editable",
            "competencies",
        ]


def library_title(exercise_id: str) -> str:
    title = load_exercise(exercise_id).title
    return in_language(title.ko, title.en)
