"""Bulk user import from CSV or XLSX: every row is checked first, and nothing
is imported unless every row is valid.

Columns (first row, any order, case-insensitive): ``username``, ``name``,
``email``, ``role`` (trainee, instructor, officer, company, admin),
``organisation`` (an organisation's short name, optional) and ``password``
(optional; without one the user sets it by password reset). CSV files may be
UTF-8 (with or without BOM) or CP949, as Korean spreadsheet programs save them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from robocampus.accounts.models import Organisation, Role, User

COLUMNS = ("username", "name", "email", "role", "organisation", "password")
REQUIRED = ("username", "name", "email", "role")
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    row: int
    """1-based row number in the file (the header is row 1)."""
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not a row's fault)."""


def read_rows(name: str, data: bytes) -> list[dict[str, str]]:
    """Return the file's data rows as dicts keyed by lower-case column name."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif lower.endswith(".csv"):
        table = _csv_table(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [str(cell or "").strip().lower() for cell in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s")
            % {"columns": ", ".join(missing)}
        )
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)}
        )
    rows = []
    for values in table[1:]:
        cells = [str(v).strip() if v is not None else "" for v in values]
        if not any(cells):
            rows.append({})
            continue
        rows.append(
            {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        )
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("At most %(n)d rows at a time.") % {"n": MAX_ROWS})
    return rows


def _csv_table(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is neither UTF-8 nor CP949 text."))
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": err}
        ) from err


def _xlsx_table(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The XLSX file cannot be read.")) from err
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()  # a read-only workbook keeps its file open until closed


def validate_rows(rows: list[dict[str, str]]) -> tuple[list[RowError], list[dict]]:
    """Check every row; return (errors, cleaned rows). Blank rows are skipped."""
    errors: list[RowError] = []
    cleaned: list[dict] = []
    organisations = {o.slug: o for o in Organisation.objects.all()}
    seen_usernames: dict[str, int] = {}
    existing = set(
        User.objects.filter(
            username__in=[r.get("username", "") for r in rows if r]
        ).values_list("username", flat=True)
    )
    for index, row in enumerate(rows, start=2):
        if not row:
            continue
        row_errors = _row_errors(index, row, organisations, seen_usernames, existing)
        errors.extend(row_errors)
        if not row_errors:
            cleaned.append(
                {
                    "username": row["username"],
                    "name": row["name"],
                    "email": row["email"],
                    "role": row["role"].lower(),
                    "organisation": organisations.get(row.get("organisation", "")),
                    "password": row.get("password", ""),
                }
            )
    if not errors and not cleaned:
        errors.append(RowError(2, "-", _("The file has no data rows.")))
    return errors, cleaned


def _row_errors(index, row, organisations, seen_usernames, existing) -> list[RowError]:
    errors = []
    for column in REQUIRED:
        if not row.get(column):
            errors.append(RowError(index, column, _("required")))
    username = row.get("username", "")
    if username:
        try:
            User.username_validator(username)
        except ValidationError as err:
            errors.append(RowError(index, "username", " ".join(err.messages)))
        if username in existing:
            errors.append(
                RowError(
                    index, "username", _("a user with this username already exists")
                )
            )
        if username in seen_usernames:
            errors.append(
                RowError(
                    index,
                    "username",
                    _("the same username is on row %(row)d")
                    % {"row": seen_usernames[username]},
                )
            )
        seen_usernames.setdefault(username, index)
    if row.get("email"):
        try:
            validate_email(row["email"])
        except ValidationError:
            errors.append(RowError(index, "email", _("not a valid e-mail address")))
    role = row.get("role", "").lower()
    if role and role not in Role.values:
        errors.append(
            RowError(
                index,
                "role",
                _("unknown role %(role)r; use one of: %(roles)s")
                % {"role": row["role"], "roles": ", ".join(Role.values)},
            )
        )
    slug = row.get("organisation", "")
    if slug and slug not in organisations:
        errors.append(
            RowError(
                index, "organisation", _("no organisation %(slug)r") % {"slug": slug}
            )
        )
    if row.get("password"):
        candidate = User(
            username=username, email=row.get("email", ""), name=row.get("name", "")
        )
        try:
            validate_password(row["password"], candidate)
        except ValidationError as err:
            errors.append(RowError(index, "password", " ".join(err.messages)))
    return errors


@transaction.atomic
def create_users(cleaned: list[dict]) -> list[User]:
    """Create the users of already validated rows, all or none."""
    created = []
    for row in cleaned:
        user = User(
            username=row["username"],
            name=row["name"],
            email=row["email"],
            role=row["role"],
            organisation=row["organisation"],
        )
        if row["password"]:
            user.set_password(row["password"])
        else:
            user.set_unusable_password()
        user.save()
        created.append(user)
    return created
