"""An assembly at work: meetings and attendance, speakers, access needs, pay, recommendations and responses."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from peel.scheduling.assemblies.domain.assembly_meetings import Speaker
from peel.scheduling.assemblies.entrypoints.http.assembly_routes import AssemblyWork
from peel.scheduling.assemblies.entrypoints.http.assembly_work_schemas import (
    AccessNeeds,
    AttendanceRecord,
    ExpenseClaim,
    MeetingCreate,
    MeetingView,
    PayView,
    ProgressCreate,
    RecommendationCreate,
    RecommendationView,
    ResponseCreate,
    SpeakerCreate,
    SpeakerView,
)
from peel.scheduling.assemblies.service_layer import assembly_work as work
from peel.scheduling.assemblies.service_layer.assemblies import find_assembly
from peel.scheduling.http.dependencies import Now, PublicRateLimit, Reader, Staff

staff = APIRouter(prefix="/v1/scheduling/assemblies/{assembly_id}", tags=["Citizens' assemblies at work (staff)"])
public = APIRouter(prefix="/v1/public/assemblies/{assembly_id}", tags=["Citizens' assemblies (public)"],
                   dependencies=[PublicRateLimit])
MISSING = {404: {"description": "No such assembly, meeting or recommendation"}}


@staff.post("/meetings", status_code=status.HTTP_201_CREATED, responses=MISSING,
            summary="Add a meeting to the timetable (a workshop in person, or online)")
async def plan_meeting(assembly_id: uuid.UUID, body: MeetingCreate, principal: Staff, uow: AssemblyWork) -> MeetingView:
    return MeetingView.of(await work.plan_meeting(uow, principal.tenant, assembly_id, body.to_command()))


@staff.get("/meetings", responses=MISSING, summary="The timetable")
async def meetings(assembly_id: uuid.UUID, principal: Reader, uow: AssemblyWork) -> list[MeetingView]:
    async with uow:
        await find_assembly(uow, principal.tenant, assembly_id)
        return [MeetingView.of(m) for m in await uow.meetings.of_assembly(assembly_id)]


@staff.post("/meetings/{meeting_id}/attendance", responses=MISSING | {409: {"description": "Already recorded, "
            "or not yet started"}}, summary="Record who attended (the rest of the panel did not)")
async def attendance(assembly_id: uuid.UUID, meeting_id: uuid.UUID, body: AttendanceRecord, principal: Staff,
                     uow: AssemblyWork, clock: Now) -> MeetingView:
    return MeetingView.of(await work.record_attendance(uow, principal.tenant, assembly_id, meeting_id,
                                                       body.attended, clock))


@staff.post("/speakers", status_code=status.HTTP_201_CREATED, responses=MISSING,
            summary="An expert speaker and their declaration of interests")
async def add_speaker(assembly_id: uuid.UUID, body: SpeakerCreate, principal: Staff, uow: AssemblyWork) -> SpeakerView:
    speaker = Speaker(uuid.uuid4(), assembly_id, body.meeting_id, body.name, body.organisation, body.topic,
                      body.declaration)
    return SpeakerView.of(await work.add_speaker(uow, principal.tenant, speaker))


@staff.put("/members/{member_id}/access-needs", status_code=status.HTTP_204_NO_CONTENT, responses=MISSING,
           summary="A member's access needs (seen only by staff who organise)")
async def put_access_needs(assembly_id: uuid.UUID, member_id: uuid.UUID, body: AccessNeeds, principal: Staff,
                           uow: AssemblyWork, clock: Now) -> None:
    await work.set_access_needs(uow, principal.tenant, assembly_id, member_id, body.needs, body.details, clock)


@staff.get("/members/{member_id}/access-needs", responses=MISSING, summary="A member's access needs")
async def get_access_needs(assembly_id: uuid.UUID, member_id: uuid.UUID, principal: Staff,
                           uow: AssemblyWork) -> AccessNeeds:
    needs, details = await work.access_needs(uow, principal.tenant, assembly_id, member_id)
    return AccessNeeds(needs=needs, details=details)


@staff.post("/members/{member_id}/expenses", status_code=status.HTTP_201_CREATED, responses=MISSING | {
            409: {"description": "The member did not attend that meeting"}}, summary="Claim expenses for a meeting")
async def claim_expense(assembly_id: uuid.UUID, member_id: uuid.UUID, body: ExpenseClaim, principal: Staff,
                        uow: AssemblyWork, clock: Now) -> dict[str, uuid.UUID]:
    expense = await work.claim_expense(uow, principal.tenant, assembly_id, member_id, body.meeting_id,
                                       body.category, body.amount_pence, clock)
    return {"id": expense.id}


@staff.get("/payments", responses=MISSING, summary="Each member's honorarium (per meeting attended) and expenses")
async def payments(assembly_id: uuid.UUID, principal: Staff, uow: AssemblyWork) -> list[PayView]:
    return [PayView.of(owed) for owed in await work.payments(uow, principal.tenant, assembly_id)]


@staff.post("/recommendations", status_code=status.HTTP_201_CREATED, responses=MISSING,
            summary="A recommendation the assembly made, with the share of members supporting it")
async def recommend(assembly_id: uuid.UUID, body: RecommendationCreate, principal: Staff, uow: AssemblyWork,
                    clock: Now) -> RecommendationView:
    made = await work.make_recommendation(uow, principal.tenant, assembly_id, body.text_en, body.text_cy,
                                          body.support_share, clock)
    return RecommendationView.of(made)


@staff.post("/recommendations/{recommendation_id}/response", responses=MISSING | {409: {"description": "Already "
            "answered"}}, summary="The Commissioner's formal response, published")
async def respond(assembly_id: uuid.UUID, recommendation_id: uuid.UUID, body: ResponseCreate, principal: Staff,
                  uow: AssemblyWork, clock: Now) -> RecommendationView:
    return RecommendationView.of(await work.respond(uow, principal.tenant, assembly_id, recommendation_id,
                                                    body.decision, body.reasons, body.due, clock))


@staff.post("/recommendations/{recommendation_id}/progress", responses=MISSING | {409: {"description": "Not "
            "accepted, or already done"}}, summary="A progress update, until it is done")
async def progress(assembly_id: uuid.UUID, recommendation_id: uuid.UUID, body: ProgressCreate, principal: Staff,
                   uow: AssemblyWork, clock: Now) -> RecommendationView:
    return RecommendationView.of(await work.report_progress(uow, principal.tenant, assembly_id, recommendation_id,
                                                            body.note, body.done, clock))


@public.get("/speakers", responses=MISSING, summary="The expert speakers and their declarations of interest")
async def public_speakers(assembly_id: uuid.UUID, uow: AssemblyWork) -> list[SpeakerView]:
    async with uow:
        await find_assembly(uow, None, assembly_id)
        return [SpeakerView.of(s) for s in await uow.meetings.speakers(assembly_id)]


@public.get("/recommendations", responses=MISSING,
            summary="The recommendations, the Commissioner's responses and their progress")
async def public_recommendations(assembly_id: uuid.UUID, uow: AssemblyWork) -> list[RecommendationView]:
    async with uow:
        await find_assembly(uow, None, assembly_id)
        return [RecommendationView.of(r) for r in await uow.recommendations.of_assembly(assembly_id)]
