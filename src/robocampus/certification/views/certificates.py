"""Certificates: public verification (page, JSON, upload), the issuer's
profile, keys and status list, the level (achievement) pages; the holder's
certificates and downloads; the officer's list, detail and revocation.

Public URLs here end up inside signed credentials and on printed QR codes
(``robocampus.certification.links``): keep them stable.
"""

from __future__ import annotations

import json
import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import allow, public
from robocampus.accounts.models import Role
from robocampus.certification import issuer_keys, issuing, links, pdf, verification
from robocampus.certification.credentials import keys as credential_keys
from robocampus.certification.credentials.contexts import OB_V3P0, VC_V2
from robocampus.certification.credentials.timestamps import format_datetime
from robocampus.certification.models import Certificate, IssuerKey, Level

OFFICERS = (Role.OFFICER, Role.ADMIN)
MAX_UPLOAD_BYTES = 256 * 1024
"""The largest credential JSON the verify-by-upload page reads (bytes)."""


def _cors_json(data, status: int = 200, **kwargs) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}, **kwargs
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# -- public verification ---------------------------------------------------------------


@public
def verify(request, pk):
    """The page a certificate's QR code opens: every printed field and the
    status found by verifying the stored credential."""
    certificate = Certificate.objects.select_related("level__scheme").filter(pk=pk)
    certificate = certificate.first()
    if certificate is None:
        return render(
            request,
            "certification/certificate_verify.html",
            {"not_found": True, "certificate_id": pk},
            status=404,
        )
    result = verification.verify_certificate(certificate)
    return render(
        request,
        "certification/certificate_verify.html",
        {
            "certificate": certificate,
            "fields": certificate.fields,
            "result": result,
            "json_url": links.verification_url(certificate.pk).rstrip("/") + ".json",
        },
    )


@public
def verify_json(request, pk):
    """The verification as JSON (status, fields, checks, credential id),
    readable from any origin."""
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None:
        return _cors_json(
            {"status": verification.NOT_FOUND, "certificate_id": str(pk)}, status=404
        )
    result = verification.verify_certificate(certificate)
    data = {
        **result.as_json(),
        "certificate_id": str(certificate.pk),
        "fields": certificate.fields,
    }
    if result.status == verification.REVOKED:
        data["revocation"] = _revocation(certificate)
    return _cors_json(data)


def _revocation(certificate: Certificate) -> dict | None:
    if certificate.revoked_at is None:
        return None
    return {
        "revoked_at": certificate.revoked_at.isoformat(),
        "reason": certificate.revocation_reason,
    }


class UploadForm(forms.Form):
    """A credential pasted as text or uploaded as a file."""

    text = forms.CharField(
        label=gettext_lazy("Credential JSON"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    file = forms.FileField(label=gettext_lazy("or a file"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = (data.get("text") or "").strip()
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %(kb)d KB; a credential is smaller.")
                    % {"kb": MAX_UPLOAD_BYTES // 1024}
                )
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("The file is not UTF-8 text; a credential is JSON text.")
                ) from None
        if not text.strip():
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        if len(text.encode()) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The text is larger than %(kb)d KB; a credential is smaller.")
                % {"kb": MAX_UPLOAD_BYTES // 1024}
            )
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s (line %(line)d, column %(col)d).")
                % {"error": error.msg, "line": error.lineno, "col": error.colno}
            ) from None
        if not isinstance(document, dict):
            raise forms.ValidationError(
                _("A credential is a JSON object ({...}), not a list or a value.")
            )
        data["document"] = document
        return data


@public
@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Check a credential JSON someone holds against this site's keys and
    status list."""
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    certificate = None
    if request.method == "POST" and form.is_valid():
        result = verification.verify_document(form.cleaned_data["document"])
        certificate = result.certificate
    return render(
        request,
        "certification/certificate_verify_upload.html",
        {
            "form": form,
            "result": result,
            "certificate": certificate,
            "fields": certificate.fields if certificate else None,
        },
        status=400 if form.errors else 200,
    )


# -- the issuer, its keys, the status list, the levels ---------------------------------


def _key_document() -> dict:
    """Every public key of the issuer, old ones included (a retired key
    carries ``revoked``: its retirement time; it verifies what it signed
    before)."""
    return credential_keys.controller_document(
        links.issuer_url(),
        [
            (
                links.verification_method(key.key_id),
                key.public_key_multibase,
                format_datetime(key.retired_at) if key.retired_at else None,
            )
            for key in IssuerKey.objects.order_by("created_at", "pk")
        ],
    )


@public
def issuer_profile(request):
    """The issuer's Open Badges 3.0 Profile, which is also its controller
    document: the credentials' ``issuer.id`` and the base of their
    verification method URLs (``issuer.json#<key id>``)."""
    keys = _key_document()
    profile = {
        "@context": [VC_V2, OB_V3P0, *keys["@context"]],
        "id": links.issuer_url(),
        "type": ["Profile"],
        "name": settings.ISSUER_NAME["ko"] or settings.ISSUER_NAME["en"],
        "url": settings.SITE_URL,
    }
    if settings.ISSUER_NAME["en"]:
        profile["description"] = settings.ISSUER_NAME["en"]
    profile["verificationMethod"] = keys["verificationMethod"]
    profile["assertionMethod"] = keys["assertionMethod"]
    return _cors_json(profile)


@public
def issuer_keys_document(request):
    """The issuer's keys alone (the same controller document, id = the
    issuer id)."""
    return _cors_json(_key_document())


@public
def status_list(request):
    """The signed revocation status list credential."""
    try:
        credential = issuing.status_list_credential()
    except issuer_keys.NoIssuerKeyError:
        return _cors_json({"error": "no issuer key yet"}, status=503)
    response = _cors_json(credential)
    response["Cache-Control"] = "public, max-age=300"
    return response


@public
def achievement(request, pk: int):
    """What a level means and how it is passed (the credentials'
    achievement)."""
    level = get_object_or_404(Level.objects.select_related("scheme"), pk=pk)
    return render(
        request,
        "certification/certificate_achievement.html",
        {
            "level": level,
            "scheme": level.scheme,
            "description": level.scheme.text("description"),
            "subjects": level.scheme.subjects.all(),
            "rules": level.rules.select_related("subject"),
        },
    )


# -- the holder ------------------------------------------------------------------------


@allow(Role.TRAINEE)
def mine(request):
    """The trainee's own certificates."""
    certificates = Certificate.objects.filter(holder=request.user).select_related(
        "level__scheme"
    )
    return render(
        request,
        "certification/certificate_mine.html",
        {"rows": [_row(c) for c in certificates]},
    )


def _own_or_any(request, pk) -> Certificate:
    """A trainee's own certificate, or any certificate for officers; else 404."""
    found = Certificate.objects.filter(pk=pk)
    if request.user.role == Role.TRAINEE:
        found = found.filter(holder=request.user)
    certificate = found.first()
    if certificate is None:
        raise Http404
    return certificate


@allow(Role.TRAINEE, *OFFICERS)
def certificate_pdf(request, pk):
    """The printable PDF (Korean and English on one page)."""
    certificate = _own_or_any(request, pk)
    data = pdf.certificate_pdf(
        certificate.fields, links.verification_url(certificate.pk)
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.pk}.pdf"'
    )
    return response


@allow(Role.TRAINEE, *OFFICERS)
def certificate_credential(request, pk):
    """The signed Open Badges 3.0 credential, to keep in a wallet."""
    certificate = _own_or_any(request, pk)
    response = HttpResponse(
        json.dumps(certificate.credential, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.pk}.json"'
    )
    return response


# -- the officer -----------------------------------------------------------------------


def _row(certificate: Certificate, today=None) -> dict:
    """A certificate with its recorded state (from the database, for lists;
    the verification page verifies the credential itself)."""
    today = today or timezone.localdate()
    if certificate.revoked_at:
        state = verification.REVOKED
    elif certificate.valid_until and certificate.valid_until < today:
        state = verification.EXPIRED
    else:
        state = verification.VALID
    return {
        "certificate": certificate,
        "fields": certificate.fields,
        "state": state,
        "state_label": verification.STATUS_LABELS[state],
    }


class ListFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name or certificate id"), required=False)
    level = forms.ModelChoiceField(
        label=gettext_lazy("Level"), queryset=Level.objects.none(), required=False
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            (verification.VALID, verification.STATUS_LABELS[verification.VALID]),
            (verification.EXPIRED, verification.STATUS_LABELS[verification.EXPIRED]),
            (verification.REVOKED, verification.STATUS_LABELS[verification.REVOKED]),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = Level.objects.select_related("scheme")


@allow(*OFFICERS)
def certificates(request):
    """Every certificate, searchable by holder name or id, filtered by level
    and status."""
    form = ListFilter(request.GET or None)
    found = Certificate.objects.select_related("level__scheme", "holder")
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"].strip()
        if query:
            match = Q(holder__name__icontains=query) | Q(
                holder__username__icontains=query
            )
            match |= Q(fields__holder_name__icontains=query)
            try:
                match |= Q(pk=uuid.UUID(query))
            except ValueError:
                match |= Q(fields__certificate_id__istartswith=query)
            found = found.filter(match)
        if data["level"]:
            found = found.filter(level=data["level"])
        today = timezone.localdate()
        state = data["state"]
        if state == verification.REVOKED:
            found = found.filter(revoked_at__isnull=False)
        elif state == verification.EXPIRED:
            found = found.filter(revoked_at__isnull=True, valid_until__lt=today)
        elif state == verification.VALID:
            found = found.filter(revoked_at__isnull=True).filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=today)
            )
    return render(
        request,
        "certification/certificate_list.html",
        {"form": form, "rows": [_row(c) for c in found[:500]]},
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the verification page)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _detail_page(request, certificate, form, status=200):
    return render(
        request,
        "certification/certificate_detail.html",
        {
            "certificate": certificate,
            "fields": certificate.fields,
            "row": _row(certificate),
            "result": verification.verify_certificate(certificate),
            "form": form,
        },
        status=status,
    )


@allow(*OFFICERS)
def certificate(request, pk):
    """One certificate as the officer sees it, with the revocation form."""
    found = get_object_or_404(
        Certificate.objects.select_related("level__scheme", "holder", "revoked_by"),
        pk=pk,
    )
    return _detail_page(request, found, RevokeForm())


@allow(*OFFICERS)
@require_POST
def certificate_revoke(request, pk):
    """Revoke a certificate; the reason is required and recorded."""
    found = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, found, form, status=400)
    try:
        issuing.revoke(found, request.user, form.cleaned_data["reason"])
    except issuing.IssuingError as error:
        form.add_error(None, str(error))
        return _detail_page(request, found, form, status=400)
    messages.success(request, _("Certificate revoked."))
    return redirect("certification:certificate", pk=found.pk)


urlpatterns = [
    path("verify/", verify_upload, name="verify_upload"),
    path("verify/<uuid:pk>/", verify, name="verify"),
    path("verify/<uuid:pk>.json", verify_json, name="verify_json"),
    path("issuer.json", issuer_profile, name="issuer_profile"),
    path("issuer/keys.json", issuer_keys_document, name="issuer_keys"),
    path("status/revocation.json", status_list, name="status_list"),
    path("achievements/<int:pk>/", achievement, name="achievement"),
    path("certificates/mine/", mine, name="certificates_mine"),
    path("certificates/", certificates, name="certificates"),
    path("certificates/<uuid:pk>/", certificate, name="certificate"),
    path(
        "certificates/<uuid:pk>/revoke/",
        certificate_revoke,
        name="certificate_revoke",
    ),
    path("certificates/<uuid:pk>/pdf/", certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<uuid:pk>/credential.json",
        certificate_credential,
        name="certificate_credential",
    ),
]
