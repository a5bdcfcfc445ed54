"""Forms of the facilities pages. Times typed in a form are wall-clock
times of the center (``TIME_ZONE``, Asia/Seoul)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from robocampus.accounts.access import STAFF
from robocampus.accounts.models import Role, User
from robocampus.cohorts.rules.safety import PRE_WORK_CHECKLIST
from robocampus.curriculum.bilingual import in_language
from robocampus.facilities.access import staff_cohorts
from robocampus.facilities.models import Booking, CellInspection, RobotCell
from robocampus.facilities.policies import local_zone
from robocampus.facilities.uploads import inspect_evidence

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _today():
    return timezone.localdate(timezone.now(), local_zone())


class BookingForm(forms.Form):
    """Book a cell: a day and a start and end time. Staff also choose a
    class (for one of their cohorts) or practice; a trainee books practice."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=Booking.Purpose.choices)
    cohort = forms.ModelChoiceField(
        label=_("Cohort (for a class)"), queryset=None, required=False
    )
    day = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == Role.TRAINEE:
            del self.fields["purpose"]
            del self.fields["cohort"]
        else:
            self.fields["cohort"].queryset = staff_cohorts(user)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("The end must be after the start."))
            else:
                zone = local_zone()
                data["starts_at"] = datetime.combine(day, start, tzinfo=zone)
                data["ends_at"] = datetime.combine(day, end, tzinfo=zone)
        if self.user.role == Role.TRAINEE:
            data["purpose"], data["cohort"] = Booking.Purpose.PRACTICE, None
        purpose, cohort = data.get("purpose"), data.get("cohort")
        if purpose == Booking.Purpose.CLASS and cohort is None:
            self.add_error("cohort", _("Choose the cohort the class is for."))
        if purpose == Booking.Purpose.PRACTICE and cohort is not None:
            self.add_error(
                "cohort", _("Practice is not for a cohort; leave the cohort empty.")
            )
        return data


class ChecklistForm(forms.Form):
    """Tick every pre-work checklist item; for a class, choose who does
    hands-on work (only trainees whose safety education allows it)."""

    items = forms.MultipleChoiceField(
        label=_("Pre-work checklist"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Trainees doing hands-on work"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, booking: Booking, eligible_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (item.id, f"{in_language(item.ko, item.en)} ({item.source})")
            for item in PRE_WORK_CHECKLIST
        ]
        if booking.purpose == Booking.Purpose.CLASS:
            field = self.fields["participants"]
            field.queryset = booking.cohort.trainees.filter(
                pk__in=list(eligible_ids)
            ).order_by("name", "username")
            field.label_from_instance = lambda user: user.name or user.username
        else:
            del self.fields["participants"]


class SafetyTrainingForm(forms.Form):
    """Hours of safety education given on one day to one or more trainees."""

    trainees = forms.ModelMultipleChoiceField(
        label=_("Trainees"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("12"),
        max_digits=4,
        decimal_places=2,
        help_text=_("Decimal hours: 1.5 is one hour and a half."),
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=200,
        help_text=_(
            "The robot's principle, structure and work method; emergency "
            "response; safety devices and standards; operating method and work "
            "sequence."
        ),
    )
    taught_by = forms.ModelChoiceField(
        label=_("Taught by"), queryset=None, required=False
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
    evidence = forms.FileField(
        label=_("Evidence (PDF, PNG or JPEG, at most 5 MB)"), required=False
    )

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.evidence_info = None
        self.fields["trainees"].queryset = trainees
        self.fields["trainees"].label_from_instance = lambda user: (
            user.name or user.username
        )
        self.fields["taught_by"].queryset = User.objects.filter(
            role__in=STAFF
        ).order_by("name")

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > _today():
            raise forms.ValidationError(
                _("Record education after it was given; this date is in the future.")
            )
        return held_on

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.evidence_info = inspect_evidence(upload)
        return upload


class CellForm(forms.ModelForm):
    class Meta:
        model = RobotCell
        fields = [
            "name",
            "robot_model",
            "serial_number",
            "location",
            "installed_on",
            "active",
            "note",
        ]
        widgets = {"installed_on": DATE}

    def clean_installed_on(self):
        installed_on = self.cleaned_data["installed_on"]
        if installed_on > _today():
            raise forms.ValidationError(_("The installation date is in the future."))
        if self.instance.pk:
            first = (
                self.instance.inspections.order_by("inspected_on")
                .values_list("inspected_on", flat=True)
                .first()
            )
            if first is not None and installed_on > first:
                raise forms.ValidationError(
                    _("An inspection on %(date)s is recorded before this date.")
                    % {"date": first.isoformat()}
                )
        return installed_on


class InspectionForm(forms.ModelForm):
    class Meta:
        model = CellInspection
        fields = ["inspected_on", "inspector", "result", "note"]
        widgets = {"inspected_on": DATE}

    def __init__(self, *args, cell: RobotCell, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell

    def clean_inspected_on(self):
        day = self.cleaned_data["inspected_on"]
        if day < self.cell.installed_on:
            raise forms.ValidationError(
                _("The cell was installed on %(date)s, after this date.")
                % {"date": self.cell.installed_on.isoformat()}
            )
        if day > _today():
            raise forms.ValidationError(
                _("Record an inspection once it is done; this date is in the future.")
            )
        return day


class ScoreForm(forms.Form):
    """Points per rubric criterion, each 0 to the criterion's points."""

    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
    booking = forms.ModelChoiceField(
        label=_("Done in the booking"), queryset=None, required=False
    )

    def __init__(self, *args, task, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = task.criteria
        criteria_fields = {
            self.field_name(c.id): forms.IntegerField(
                label=c.text,
                min_value=0,
                max_value=c.points,
                help_text=_("0 to %(max)d points") % {"max": c.points},
            )
            for c in self.criteria
        }
        self.fields = {**criteria_fields, **self.fields}
        self.fields["booking"].queryset = bookings
        self.fields["booking"].label_from_instance = str

    @staticmethod
    def field_name(criterion_id: str) -> str:
        return f"points_{criterion_id}"

    def points(self) -> dict[str, int]:
        return {c.id: self.cleaned_data[self.field_name(c.id)] for c in self.criteria}

    def add_score_errors(self, errors: dict[str, str]) -> None:
        for cid, message in errors.items():
            name = self.field_name(cid)
            self.add_error(name if name in self.fields else None, message)
