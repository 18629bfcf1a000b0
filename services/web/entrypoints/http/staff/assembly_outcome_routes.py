"""The staff pages for an assembly's outcome: its recommendations, the office's response to each, and the progress
made on those accepted."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from peel.web.domain.staff import assembly_work as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.assembly_common import Organiser, Reader, blank_form, said
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.staff import assembly_work

router = APIRouter()
DONE = {"recommendation": N_("The recommendation was added."), "response": N_("The response was published."),
        "progress": N_("The progress update was published.")}
PAGE = "staff/assemblies/recommendations.html"


@router.get("/staff/assemblies/{assembly_id}/recommendations",
            summary="An assembly's recommendations, the office's responses and their progress")
async def recommendations(assembly_id: uuid.UUID, staff: Reader, done: str = "") -> Response:
    return await _recommendations(staff, str(assembly_id), done=said(staff, DONE.get(done)))


async def _recommendations(staff: Staff, assembly_id: str, **context: object) -> Response:
    found, made = await assembly_work.recommendations(staff.apis, assembly_id)
    return staff.render(PAGE, status_code=int(context.pop("status_code", 200)), assembly=found,
                        recommendations=made, decisions=rules.DECISIONS,
                        back=staff.page.href("assemblies", assembly_id), **blank_form(context))


async def _again(staff: Staff, assembly_id: str, read: rules.Read, answers: dict[str, str],
                 form_of: str = "") -> Response:
    """The page again with the form that was sent and its errors; a response's or progress form's fields are named
    after the recommendation answered (``form_of``), as the page has one such form for each."""
    errors = {f"{field}-{form_of}" if form_of else field: message for field, message in read.errors.items()}
    return await _recommendations(staff, assembly_id, status_code=422, answers=answers, form_of=form_of,
                                  errors=staff.error_summary(errors), field_errors=errors)


@router.post("/staff/assemblies/{assembly_id}/recommendations", summary="Add a recommendation the assembly made")
async def recommend(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    read = rules.read_recommendation(answers)
    if read.errors:
        return await _again(staff, str(assembly_id), read, answers)
    await assembly_work.recommend(staff.apis, str(assembly_id), read.body)
    return staff.redirect("assemblies", assembly_id, "recommendations", done="recommendation")


@router.post("/staff/assemblies/{assembly_id}/recommendations/{recommendation_id}/response",
             summary="Publish the office's response to a recommendation")
async def respond(assembly_id: uuid.UUID, recommendation_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    read = rules.read_response(answers)
    if read.errors:
        return await _again(staff, str(assembly_id), read, answers, str(recommendation_id))
    await assembly_work.respond(staff.apis, str(assembly_id), str(recommendation_id), read.body)
    return staff.redirect("assemblies", assembly_id, "recommendations", done="response")


@router.post("/staff/assemblies/{assembly_id}/recommendations/{recommendation_id}/progress",
             summary="Publish progress on an accepted recommendation")
async def progress(assembly_id: uuid.UUID, recommendation_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    read = rules.read_progress(answers)
    if read.errors:
        return await _again(staff, str(assembly_id), read, answers, str(recommendation_id))
    await assembly_work.report_progress(staff.apis, str(assembly_id), str(recommendation_id), read.body)
    return staff.redirect("assemblies", assembly_id, "recommendations", done="progress")
