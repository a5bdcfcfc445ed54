from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from robocampus.curriculum.models import LabExercise
from robocampus.sim.grading.spec import ExerciseFileError, parse_exercise

MAX_SPEC_BYTES = 256 * 1024


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
