"""The staff pages of an assembly at work: its meetings, who attended each, and its expert speakers."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from peel.web.domain.staff import assembly_work as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.assembly_common import Organiser, Reader, blank_form, organises, said, with_errors
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import NotFoundThere
from peel.web.service_layer.staff import assemblies, assembly_work
from peel.web.service_layer.staff.venues import venues

router = APIRouter()
DONE = {"meeting": N_("The meeting was added."), "attendance": N_("The attendance was recorded."),
        "speaker": N_("The speaker was added.")}


@router.get("/staff/assemblies/{assembly_id}/meetings", summary="An assembly's meetings and attendance")
async def meetings(assembly_id: uuid.UUID, staff: Reader, done: str = "") -> Response:
    return await _meetings(staff, str(assembly_id), done=said(staff, DONE.get(done)))


async def _meetings(staff: Staff, assembly_id: str, **context: object) -> Response:
    found = await assemblies.assembly(staff.apis, assembly_id)
    timetable = await assembly_work.meetings(staff.apis, assembly_id)
    places = await venues(staff.apis) if organises(staff) else []
    return staff.render("staff/assemblies/meetings.html", status_code=int(context.pop("status_code", 200)),
                        assembly=found, meetings=timetable, formats=rules.FORMATS, venues=places,
                        back=staff.page.href("assemblies", assembly_id), **blank_form(context))


@router.post("/staff/assemblies/{assembly_id}/meetings", summary="Add a meeting to the timetable")
async def plan_meeting(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    places = await venues(staff.apis)
    read = rules.read_meeting(answers, [str(venue["id"]) for venue in places])
    if read.errors:
        return await _meetings(staff, str(assembly_id), status_code=422, answers=answers,
                               errors=staff.error_summary(read.errors), field_errors=read.errors)
    await assembly_work.plan_meeting(staff.apis, str(assembly_id), read.body)
    return staff.redirect("assemblies", assembly_id, "meetings", done="meeting")


@router.get("/staff/assemblies/{assembly_id}/meetings/{meeting_id}/attendance",
            summary="Record who attended a meeting")
async def attendance_form(assembly_id: uuid.UUID, meeting_id: uuid.UUID, staff: Organiser) -> Response:
    return await _attendance(staff, str(assembly_id), str(meeting_id))


async def _attendance(staff: Staff, assembly_id: str, meeting_id: str, errors: dict[str, str] | None = None,
                      ticked: list[str] | None = None) -> Response:
    found, panel = await assembly_work.members(staff.apis, assembly_id)
    meeting = _meeting(await assembly_work.meetings(staff.apis, assembly_id), meeting_id)
    context = {"assembly": found, "meeting": meeting, "members": panel, "ticked": ticked or [],
               "back": staff.page.href("assemblies", assembly_id, "meetings")}
    if errors:
        return with_errors(staff, "staff/assemblies/attendance.html", errors, {}, **context)
    return staff.render("staff/assemblies/attendance.html", field_errors={}, **context)


def _meeting(timetable: list[dict], meeting_id: str) -> dict:
    for meeting in timetable:
        if str(meeting["id"]) == meeting_id:
            return meeting
    raise NotFoundThere(meeting_id)


@router.post("/staff/assemblies/{assembly_id}/meetings/{meeting_id}/attendance", summary="Record the attendance")
async def record_attendance(assembly_id: uuid.UUID, meeting_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    ticked = [value for value in form.getlist("attended") if isinstance(value, str)]
    _, panel = await assembly_work.members(staff.apis, str(assembly_id))
    attended = rules.attended_ids(ticked, [str(one["id"]) for one in panel])
    if attended is None:
        errors = {"attended": N_("Select only members of the panel")}
        return await _attendance(staff, str(assembly_id), str(meeting_id), errors, ticked)
    await assembly_work.record_attendance(staff.apis, str(assembly_id), str(meeting_id), attended)
    return staff.redirect("assemblies", assembly_id, "meetings", done="attendance")


@router.get("/staff/assemblies/{assembly_id}/speakers", summary="An assembly's expert speakers and declarations")
async def speakers(assembly_id: uuid.UUID, staff: Reader, done: str = "") -> Response:
    return await _speakers(staff, str(assembly_id), done=said(staff, DONE.get(done)))


async def _speakers(staff: Staff, assembly_id: str, **context: object) -> Response:
    found, listed = await assembly_work.speakers(staff.apis, assembly_id)
    timetable = await assembly_work.meetings(staff.apis, assembly_id)
    return staff.render("staff/assemblies/speakers.html", status_code=int(context.pop("status_code", 200)),
                        assembly=found, speakers=listed, meetings=timetable,
                        back=staff.page.href("assemblies", assembly_id), **blank_form(context))


@router.post("/staff/assemblies/{assembly_id}/speakers", summary="Add a speaker and their declaration of interests")
async def add_speaker(assembly_id: uuid.UUID, staff: Organiser, form: Form) -> Response:
    answers = fields(form)
    timetable = await assembly_work.meetings(staff.apis, str(assembly_id))
    read = rules.read_speaker(answers, [str(meeting["id"]) for meeting in timetable])
    if read.errors:
        return await _speakers(staff, str(assembly_id), status_code=422, answers=answers,
                               errors=staff.error_summary(read.errors), field_errors=read.errors)
    await assembly_work.add_speaker(staff.apis, str(assembly_id), read.body)
    return staff.redirect("assemblies", assembly_id, "speakers", done="speaker")
