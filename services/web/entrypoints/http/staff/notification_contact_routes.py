"""Contacts recorded by staff: a resident's or a council officer's address from a paper form or a call, found again
by its id, with the consents they gave or withdrew and where."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import notifications_directory as directory
from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import NotFoundThere
from peel.web.service_layer.staff import notifications_directory as use

router = APIRouter(prefix="/staff/notifications/contacts")
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="notifications"))]
DONE = {"recorded": N_("Contact recorded"), "consent": N_("Consent recorded")}


@router.get("", response_class=HTMLResponse)
async def contacts(staff: Editor, contact: Annotated[str, Query(max_length=100)] = "") -> Response:
    """Recording a contact, and finding one by its id (``contact``)."""
    if contact and reading.is_id(contact.strip()):
        return staff.redirect("notifications", "contacts", contact.strip())
    errors = {"contact": N_("Enter a contact's id, as shown on their record")} if contact else None
    return _contacts_page(staff, directory.ContactForm(), errors=errors, found=contact)


def _contacts_page(staff: Staff, answers: directory.ContactForm, *, errors: dict[str, str] | None = None,
                   found: str = "") -> HTMLResponse:
    return staff.render("staff/notifications/contacts.html", status_code=422 if errors else 200, answers=answers,
                        languages=directory.LANGUAGES, found=found, field_errors=errors or {},
                        errors=staff.error_summary(errors) if errors else None, back=staff.page.href("notifications"))


@router.post("", response_class=HTMLResponse)
async def record_contact(staff: Editor, form: Form) -> Response:
    answers = directory.ContactForm.read(fields(form))
    errors = answers.errors()
    if errors:
        return _contacts_page(staff, answers, errors=errors)
    contact_id = await use.record_contact(staff.apis, answers.body())
    return staff.redirect("notifications", "contacts", contact_id, done="recorded")


@router.get("/{contact_id}", response_class=HTMLResponse)
async def contact(staff: Editor, contact_id: str, done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    return await _contact_page(staff, contact_id, done=DONE.get(done))


async def _contact_page(staff: Staff, contact_id: str, *, errors: dict[str, str] | None = None,
                        answers: dict[str, str] | None = None, done: str | None = None) -> HTMLResponse:
    if not reading.is_id(contact_id):
        raise NotFoundThere(contact_id)
    found, consents = await use.contact(staff.apis, contact_id)
    return staff.render("staff/notifications/contact.html", status_code=422 if errors else 200, contact=found,
                        consents=consents, languages=directory.LANGUAGES, sources=directory.CONSENT_SOURCES,
                        answers=answers or {"topic": "bulletin"}, done=done, field_errors=errors or {},
                        errors=staff.error_summary(errors) if errors else None,
                        back=staff.page.href("notifications", "contacts"))


@router.post("/{contact_id}/consents", response_class=HTMLResponse)
async def record_consent(staff: Editor, form: Form, contact_id: str) -> Response:
    answers = fields(form)
    entry, errors = directory.consent_body(answers)
    if errors:
        return await _contact_page(staff, contact_id, errors=errors, answers=answers)
    if not reading.is_id(contact_id):
        raise NotFoundThere(contact_id)
    await use.record_consent(staff.apis, contact_id, entry)
    return staff.redirect("notifications", "contacts", contact_id, done="consent")
