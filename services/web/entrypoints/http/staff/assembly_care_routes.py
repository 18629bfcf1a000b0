"""The staff pages for caring for an assembly's members: their access needs and their pay.

Both are for organisers alone: access needs are health and family details, shown to no one who does not organise
(the scheduling service refuses them to every other role too), and pay needs the members' names."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from peel.web.domain.staff import assembly_work as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.assembly_common import Organiser, blank_form, said
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.staff import assembly_work

router = APIRouter()


@router.get("/staff/assemblies/{assembly_id}/members/{member_id}/access-needs",
            summary="A member's access needs (organisers only)")
async def access_needs(assembly_id: uuid.UUID, member_id: uuid.UUID, staff: Organiser, done: str = "") -> Response:
    needs = await assembly_work.access_needs(staff.apis, str(assembly_id), str(member_id))
    answers = {"needs": needs.get("needs", []), "details": needs.get("details", "")}
    saved = N_("The access needs were saved.") if done == "saved" else None
    return await _access_needs(staff, str(assembly_id), str(member_id), answers=answers, done=said(staff, saved))


async def _access_needs(staff: Staff, assembly_id: str, member_id: str, **context: object) -> Response:
    found, panel = await assembly_work.members(staff.apis, assembly_id)
    member = next((one for one in panel if str(one["id"]) == member_id), {"id": member_id, "name": None})
    return staff.render("staff/assemblies/access_needs.html", status_code=int(context.pop("status_code", 200)),
                        assembly=found, member=member, kinds=rules.ACCESS_NEEDS,
                        back=staff.page.href("assemblies", assembly_id), **blank_form(context))


@router.post("/staff/assemblies/{assembly_id}/members/{member_id}/access-needs", summary="Save a member's access needs")
async def save_access_needs(assembly_id: uuid.UUID, member_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    needs = [value for value in form.getlist("needs") if isinstance(value, str)]
    details = fields(form).get("details", "")
    read = rules.read_access_needs(needs, details)
    if read.errors:
        return await _access_needs(staff, str(assembly_id), str(member_id), status_code=422,
                                   answers={"needs": needs, "details": details},
                                   errors=staff.error_summary(read.errors), field_errors=read.errors)
    await assembly_work.set_access_needs(staff.apis, str(assembly_id), str(member_id), read.body)
    return staff.redirect("assemblies", assembly_id, "members", member_id, "access-needs", done="saved")


@router.get("/staff/assemblies/{assembly_id}/payments", summary="Each member's honorarium and expenses")
async def payments(assembly_id: uuid.UUID, staff: Organiser, done: str = "") -> Response:
    claimed = N_("The expense was claimed.") if done == "claimed" else None
    return await _payments(staff, str(assembly_id), done=said(staff, claimed))


async def _payments(staff: Staff, assembly_id: str, **context: object) -> Response:
    found, panel = await assembly_work.members(staff.apis, assembly_id)
    owed = rules.pay_rows(await assembly_work.payments(staff.apis, assembly_id), assembly_work.names_of(panel))
    timetable = await assembly_work.meetings(staff.apis, assembly_id)
    return staff.render("staff/assemblies/payments.html", status_code=int(context.pop("status_code", 200)),
                        assembly=found, payments=owed, members=panel, meetings=timetable, categories=rules.EXPENSES,
                        back=staff.page.href("assemblies", assembly_id), **blank_form(context))


@router.post("/staff/assemblies/{assembly_id}/expenses", summary="Claim a member's expenses for a meeting")
async def claim_expense(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    _, panel = await assembly_work.members(staff.apis, str(assembly_id))
    timetable = await assembly_work.meetings(staff.apis, str(assembly_id))
    read = rules.read_expense(answers, [str(one["id"]) for one in panel], [str(one["id"]) for one in timetable])
    if read.errors:
        return await _payments(staff, str(assembly_id), status_code=422, answers=answers,
                               errors=staff.error_summary(read.errors), field_errors=read.errors)
    await assembly_work.claim_expense(staff.apis, str(assembly_id), answers["member_id"], read.body)
    return staff.redirect("assemblies", assembly_id, "payments", done="claimed")
