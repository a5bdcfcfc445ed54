from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from robocampus.cohorts.labels import STATUS
from robocampus.cohorts.models import Cohort, EnrolmentState
from robocampus.cohorts.rules.attendance import Status
from robocampus.cohorts.services.evidence import evidence_type

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "course",
            "name",
            "start_date",
            "end_date",
            "capacity",
            "instructors",
            "ncs_code",
            "funding",
            "hrd_course_id",
            "hrd_run",
            "grace_minutes",
            "minor_events_per_absence",
            "min_fraction_present",
            "required_attendance_rate",
            "at_risk_margin_sessions",
            "qr_step_seconds",
            "check_in_opens_minutes",
            "require_exercises",
            "min_final_score",
            "require_safety_education",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from robocampus.accounts.models import Role, User

        self.fields["instructors"].queryset = User.objects.filter(role=Role.INSTRUCTOR)
        self.fields["instructors"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["instructors"].choices
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The cohort must end after it starts."))
        return cleaned


WEEKDAYS = [
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
]


class SessionsForm(forms.Form):
    """Add one session, or a weekly series between two dates."""

    first_day = forms.DateField(label=_("First day"), widget=DATE)
    last_day = forms.DateField(
        label=_("Last day"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for a single session."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.TimeField(label=_("Starts"), widget=TIME)
    end = forms.TimeField(
        label=_("Ends"),
        widget=TIME,
        help_text=_("An end before the start means the next day (a night session)."),
    )
    room = forms.CharField(label=_("Room or lab cell"), max_length=120, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)

    MAX_SESSIONS = 400

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first, last = (
            cleaned["first_day"],
            cleaned.get("last_day") or cleaned["first_day"],
        )
        if last < first:
            raise forms.ValidationError(_("The last day is before the first day."))
        if first < self.cohort.start_date or last > self.cohort.end_date:
            raise forms.ValidationError(
                _("Sessions must fall between %(start)s and %(end)s.")
                % {"start": self.cohort.start_date, "end": self.cohort.end_date}
            )
        if cleaned["start"] == cleaned["end"]:
            raise forms.ValidationError(_("A session must not start and end at once."))
        span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        weekdays = cleaned["weekdays"] or []
        days = span if first == last else [d for d in span if d.weekday() in weekdays]
        if not days:
            raise forms.ValidationError(_("Pick at least one weekday."))
        if len(days) > self.MAX_SESSIONS:
            raise forms.ValidationError(_("That is more than 400 sessions."))
        cleaned["spans"] = [self._span(day, cleaned) for day in days]
        return cleaned

    @staticmethod
    def _span(day, cleaned):
        starts = timezone.make_aware(datetime.combine(day, cleaned["start"]))
        ends = timezone.make_aware(datetime.combine(day, cleaned["end"]))
        if ends <= starts:
            ends += timedelta(days=1)
        return starts, ends


class StateForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=EnrolmentState.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class FinalScoreForm(forms.Form):
    final_score = forms.DecimalField(
        label=_("Final assessment score"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
    )


class RosterRowForm(forms.Form):
    """One trainee's line on the roster; times are local to the session."""

    check_in = forms.DateTimeField(label=_("Check-in"), required=False, widget=DATETIME)
    check_out = forms.DateTimeField(
        label=_("Check-out"), required=False, widget=DATETIME
    )
    override = forms.ChoiceField(
        label=_("Set status"),
        required=False,
        choices=[("", _("from the times"))]
        + [
            (s.value, label)
            for s, label in STATUS.items()
            if s != Status.NOT_APPLICABLE
        ],
    )
    excused = forms.BooleanField(label=_("Official leave"), required=False)

    def clean(self):
        cleaned = super().clean()
        check_in, check_out = cleaned.get("check_in"), cleaned.get("check_out")
        if check_in and check_out and check_out < check_in:
            self.add_error("check_out", _("Check-out is before check-in."))
        return cleaned


class ExcuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        help_text=_("PDF, PNG or JPEG, at most 5 MB."),
    )

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        self.content_type = evidence_type(upload)
        return upload


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("approve")), ("0", _("reject"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
