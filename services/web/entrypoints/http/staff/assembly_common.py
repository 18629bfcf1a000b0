"""What every staff assembly page shares: who may read and who may act, the posted form, and a form shown again
with its errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import Response

from peel.web.adapters.translations import translations
from peel.web.entrypoints.http.staff.context import EDITORS, EVERYONE, Staff, staff_page

SECTION = "assemblies"
Reader = Annotated[Staff, Depends(staff_page(*EVERYONE, section=SECTION))]
Organiser = Annotated[Staff, Depends(staff_page(*EDITORS, section=SECTION))]


def organises(staff: Staff) -> bool:
    """Organisers act and see registrants' details and access needs; every other role only reads."""
    return staff.page.may(*EDITORS)


def with_errors(staff: Staff, template: str, errors: Mapping[str, str], answers: Mapping[str, Any],
                **context: Any) -> Response:
    """The page again with status 422, the answers kept and each error by its field."""
    return staff.render(template, status_code=422, errors=staff.error_summary(errors), field_errors=dict(errors),
                        answers=dict(answers), **context)


def blank_form(context: Mapping[str, Any]) -> dict[str, Any]:
    """A page's context with its form empty unless answers and errors are given."""
    return {"answers": {}, "field_errors": {}} | dict(context)


def said(staff: Staff, message: str | None) -> str | None:
    """A success message (marked with ``N_``) in the page's language, for the layout's banner."""
    return translations(staff.page.lang).gettext(message) if message else None
