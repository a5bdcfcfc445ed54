"""Forms of the session pages and the proctor's actions. Times typed in a
form are wall-clock times of the center (``TIME_ZONE``, Asia/Seoul);
durations and extra time are whole minutes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from robocampus.accounts.models import User
from robocampus.certification.models import ExamSession, Level, Seat
from robocampus.certification.proctoring import MAX_EXTEND_MINUTES
from robocampus.certification.sessions import PROCTOR_ROLES
from robocampus.cohorts.models import Cohort

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _person(user: User) -> str:
    return f"{user.name or user.username} ({user.username}, {user.get_role_display()})"


class SessionForm(forms.Form):
    """Create or edit a session. The duration defaults to the level's."""

    level = forms.ModelChoiceField(label=_("Level"), queryset=Level.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        widget=LOCAL,
        input_formats=LOCAL_FORMATS,
        help_text=_("Candidates may start from this time (center's local time)."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        widget=LOCAL,
        input_formats=LOCAL_FORMATS,
        help_text=_("No attempt starts or runs past this time, plus extra time."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (min)"),
        required=False,
        min_value=1,
        help_text=_("Empty: the level's exam duration."),
    )
    allow_short_window = forms.BooleanField(
        label=_("Allow a window shorter than the duration"),
        required=False,
        help_text=_("Candidates would get less than the full duration."),
    )
    proctors = forms.ModelMultipleChoiceField(
        label=_("Proctors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Instructors and officers; officers and center admins may proctor "
            "every session anyway."
        ),
    )

    def __init__(self, *args, session: ExamSession | None = None, **kwargs):
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "level": session.level_id,
                "title": session.title,
                "room": session.room,
                "opens_at": session.opens_at,
                "closes_at": session.closes_at,
                "duration_minutes": session.duration_minutes,
                "proctors": list(session.proctors.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = Level.objects.select_related("scheme").order_by(
            "scheme__code", "order", "code"
        )
        proctors = self.fields["proctors"]
        proctors.queryset = User.objects.filter(
            role__in=PROCTOR_ROLES, is_active=True
        ).order_by("role", "name", "username")
        proctors.label_from_instance = _person


class SeatImportForm(forms.Form):
    usernames = forms.CharField(
        label=_("Usernames"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line, optionally followed by a comma and the seat label "
            "(e.g. “kim01, A-3”). One unknown username and nobody is seated."
        ),
    )


class CohortSeatForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("-start_date", "name"),
        help_text=_("Seats every trainee enrolled or in training."),
    )


class SeatForm(forms.Form):
    """A seat's label and accommodation."""

    label = forms.CharField(
        label=_("Seat"),
        max_length=Seat._meta.get_field("label").max_length,
        required=False,
    )
    extra_minutes = forms.IntegerField(label=_("Extra time (min)"), min_value=0)
    accommodation_note = forms.CharField(
        label=_("Accommodation"),
        max_length=Seat._meta.get_field("accommodation_note").max_length,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the attempt's log."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason: it is kept in the log."))
        return reason


class ExtendForm(ReasonForm):
    minutes = forms.IntegerField(
        label=_("Minutes to add"), min_value=1, max_value=MAX_EXTEND_MINUTES
    )
    field_order = ["minutes", "reason"]
