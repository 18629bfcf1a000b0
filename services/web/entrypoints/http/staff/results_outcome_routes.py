"""After a consultation closes: "we asked, you said, we did" in English and Welsh, published for residents; and,
at any time, a printable poster with its short address and a QR code for bus stops and libraries."""

from __future__ import annotations

from typing import Annotated

import segno
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from peel.web.adapters.translations import translations
from peel.web.domain.staff.consultation_results_poster import short_address
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import EDITORS, EVERYONE, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.entrypoints.http.staff.results_shared import consultation_id_of
from peel.web.service_layer.ports import InvalidAnswers, Json
from peel.web.service_layer.staff import consultation_results_after as use

router = APIRouter()
Anyone = Annotated[Staff, Depends(staff_page(*EVERYONE, section="consultations"))]
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="consultations"))]
AFTER_CLOSING = frozenset({"closed", "results_published"})
OUTCOME = "staff/consultation_results/outcome.html"


def _outcome_page(staff: Staff, consultation: Json, *, status_code: int = 200, **context: object) -> Response:
    written = consultation.get("outcome") or {}
    given = context.pop("given", None) or {"outcome_en": written.get("en") or "", "outcome_cy": written.get("cy") or ""}
    return staff.render(OUTCOME, status_code=status_code, consultation=consultation, given=given,
                        closed=consultation.get("status") in AFTER_CLOSING, published=bool(written),
                        back=staff.page.href("consultations", consultation.get("id", "")), **context)


@router.get("/staff/consultations/{consultation_id}/outcome")
async def outcome_page(consultation_id: str, staff: Anyone, published: str | None = None) -> Response:
    """What was published, or the form to write it (editors, once it has closed)."""
    consultation = await use.consultation(staff.apis, consultation_id_of(consultation_id))
    done = translations(staff.page.lang).gettext(N_("“We asked, you said, we did” is published")) if published else None
    return _outcome_page(staff, consultation, done=done)


@router.post("/staff/consultations/{consultation_id}/outcome")
async def publish_outcome(consultation_id: str, staff: Editor,
                          form: Form) -> Response:
    """Publishes it in English, with its Welsh where written; the service refuses it before closing, saying why."""
    consultation_id, given = consultation_id_of(consultation_id), fields(form)
    problems = {} if given.get("outcome_en") else {"outcome_en": N_("Enter what you did, in English")}
    if not problems:
        try:
            await use.publish_outcome(staff.apis, consultation_id, given["outcome_en"], given.get("outcome_cy", ""))
            return staff.redirect("consultations", consultation_id, "outcome", published="1")
        except InvalidAnswers as refusal:
            problems = {_outcome_field(name): message for name, message in refusal.errors.items()}
    consultation = await use.consultation(staff.apis, consultation_id)
    return _outcome_page(staff, consultation, status_code=422, given=given, errors=staff.error_summary(problems),
                         field_errors=problems)


def _outcome_field(name: str) -> str:
    return "outcome_cy" if name == "cy" else "outcome_en"


def public_base(request: Request) -> str:
    """Where residents reach the pages: the deployment's public address, else the address this page came from."""
    configured = request.app.state.settings.public_base_url
    return configured or str(request.base_url)


def qr_svg(address: str) -> Markup:
    """The address as a QR code in SVG (no XML declaration, sized by CSS), for printing at any size."""
    code = segno.make(address, error="m", micro=False)
    return Markup(code.svg_inline(scale=8, border=4, svgclass="peel-poster__qr-code", omitsize=True))


@router.get("/staff/consultations/{consultation_id}/poster")
async def poster_page(consultation_id: str, staff: Anyone, request: Request) -> Response:
    """A page to print on A4: the title, when it closes, the short address and its QR code."""
    consultation = await use.consultation(staff.apis, consultation_id_of(consultation_id))
    address = short_address(public_base(request), staff.user.tenant, str(consultation.get("id", consultation_id)))
    return staff.render("staff/consultation_results/poster.html", consultation=consultation, address=address,
                        qr=qr_svg(address), back=staff.page.href("consultations", consultation.get("id", "")))
