"""Forms of the careers pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from robocampus.accounts.models import Organisation
from robocampus.careers.models import (
    CompanyProfile,
    JobPosting,
    Part,
    PostingState,
    Purpose,
)
from robocampus.careers.uploads import inspect_cv
from robocampus.curriculum.models import CompetencyUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CompanyProfileForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    robots_used = forms.CharField(
        label=_("Robots used"),
        required=False,
        max_length=500,
        help_text=_("Models or makers, separated by commas: RV-7FR, MELFA, UR10e"),
    )

    class Meta:
        model = CompanyProfile
        fields = [
            "industry",
            "district",
            "address",
            "size",
            "robots_used",
            "website",
            "description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["robots_used"] = ", ".join(self.instance.robots_used)

    def clean_robots_used(self) -> list[str]:
        text = self.cleaned_data["robots_used"]
        names = [name.strip() for name in text.split(",")]
        return list(dict.fromkeys(name for name in names if name))


class PostingForm(forms.ModelForm):
    class Meta:
        model = JobPosting
        fields = [
            "title",
            "occupation_code",
            "description",
            "location",
            "district",
            "employment_type",
            "salary_min_krw",
            "salary_max_krw",
            "deadline",
            "interview_slots",
        ]
        widgets = {"deadline": DATE}

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min_krw"), data.get("salary_max_krw")
        if low is not None and high is not None and low > high:
            self.add_error(
                "salary_max_krw",
                _("The top of the salary range is below its bottom."),
            )
        return data


class CompetencyRowForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Competency unit"),
        queryset=CompetencyUnit.objects.all(),
        required=False,
        to_field_name="code",
    )
    min_level = forms.IntegerField(
        label=_("Minimum level (1-8)"), min_value=1, max_value=8, required=False
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("competency") and data.get("min_level") is None:
            unit = data["competency"]
            if unit.level:
                data["min_level"] = unit.level
            else:
                self.add_error("min_level", _("Give the minimum level (1-8)."))
        return data


class CertificateRowForm(forms.Form):
    level = forms.ModelChoiceField(
        label=_("Certificate"), queryset=None, required=False
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from robocampus.certification.models import Level

        self.fields["level"].queryset = Level.objects.select_related("scheme")


class _RowFormSet(forms.BaseFormSet):
    key = ""

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            value = form.cleaned_data.get(self.key)
            if value is None:
                continue
            if value in seen:
                raise forms.ValidationError(
                    _("%(item)s is listed twice.") % {"item": value},
                    code="duplicate",
                )
            seen.add(value)


class CompetencyRows(_RowFormSet):
    key = "competency"

    def rows(self) -> list[tuple]:
        return [
            (
                f.cleaned_data["competency"],
                f.cleaned_data["min_level"],
                f.cleaned_data["required"],
            )
            for f in self.forms
            if f.cleaned_data.get("competency")
        ]


class CertificateRows(_RowFormSet):
    key = "level"

    def rows(self) -> list[tuple]:
        return [
            (f.cleaned_data["level"], f.cleaned_data["required"])
            for f in self.forms
            if f.cleaned_data.get("level")
        ]


CompetencyFormSet = forms.formset_factory(
    CompetencyRowForm, formset=CompetencyRows, extra=3, max_num=30
)
CertificateFormSet = forms.formset_factory(
    CertificateRowForm, formset=CertificateRows, extra=2, max_num=10
)


def posting_formsets(data=None, posting: JobPosting | None = None):
    """The requirement rows of ``posting`` (or empty ones), bound to ``data``."""
    competency_initial = certificate_initial = None
    if posting is not None and data is None:
        competency_initial = [
            {
                "competency": r.competency.code,
                "min_level": r.min_level,
                "required": r.required,
            }
            for r in posting.competency_rows.select_related("competency")
        ]
        certificate_initial = [
            {"level": r.level_id, "required": r.required}
            for r in posting.certificate_rows.all()
        ]
    return (
        CompetencyFormSet(data, prefix="competency", initial=competency_initial),
        CertificateFormSet(data, prefix="certificate", initial=certificate_initial),
    )


class PostingStateForm(forms.Form):
    to = forms.ChoiceField(choices=PostingState.choices)


class CareerProfileForm(forms.Form):
    headline = forms.CharField(
        label=_("Headline"),
        max_length=120,
        required=False,
        help_text=_("One line, e.g. robot maintenance, MELFA programming"),
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=3000, required=False, widget=forms.Textarea
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    cv = forms.FileField(label=_("CV (PDF or Word, at most 5 MB)"), required=False)
    remove_cv = forms.BooleanField(label=_("Remove the stored CV"), required=False)

    cv_info = None

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if upload:
            self.cv_info = inspect_cv(upload)
        return upload


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    company = forms.ModelChoiceField(
        label=_("Company (for one company only)"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY),
        required=False,
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts to share"),
        choices=Part.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if data.get("purpose") == Purpose.COMPANY and not data.get("company"):
            self.add_error(
                "company", _("Choose the company to share your profile with.")
            )
        return data


class JobFairForm(forms.Form):
    slot_count = forms.IntegerField(
        label=_("Interview time slots"), min_value=1, max_value=24, initial=6
    )
    max_per_candidate = forms.IntegerField(
        label=_("Interviews per candidate at most"),
        min_value=1,
        max_value=12,
        initial=2,
    )
    eligible_only = forms.BooleanField(
        label=_("Only candidates who meet every required item"),
        required=False,
        initial=True,
    )
    min_score = forms.IntegerField(
        label=_("Lowest match score (0-100)"), min_value=0, max_value=100, initial=50
    )
