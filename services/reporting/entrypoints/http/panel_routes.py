"""For the Police and Crime Panel: precept and draft Plan summaries, and figures on public questions."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from peel.reporting.adapters.panel_questions import PanelReader
from peel.reporting.adapters.panel_summary import PanelSummaryReader
from peel.reporting.adapters.reader import reading
from peel.reporting.domain.panel_export import (
    PANEL_QUESTION_COLUMNS,
    SUMMARY_COLUMNS,
    meeting_rows,
    panel_question_table,
    summary_table,
)
from peel.reporting.domain.panel_questions import PanelFigures, PanelReport, local_date
from peel.reporting.domain.panel_summary import PanelSummary
from peel.reporting.entrypoints.http.panel_schemas import PanelFiguresPublic, PanelQuestionsPublic, PanelSummaryPublic
from peel.reporting.entrypoints.http.routes import ERRORS, Analyst, csv_response
from peel.reporting.service_layer.panel_questions import meeting_figures, panel_report
from peel.reporting.service_layer.panel_summary import consultation_panel_summary


def reporting_today() -> date:
    """Today in England and Wales, when overdue answers are counted."""
    return local_date(datetime.now(UTC))


Today = Annotated[date, Depends(reporting_today)]
router = APIRouter(prefix="/v1", tags=["panel"])
SUMMARY_ERRORS = {404: ERRORS[404], 409: {"description": "Embargoed, or not a precept or draft_plan consultation"}}
CSV_SUMMARY = {200: {"content": {"text/csv": {}}, "description": "One row per figure"}, **SUMMARY_ERRORS}
NO_MEETING = {404: {"description": "No Panel questions for this meeting for your tenant"}}
CSV = {200: {"content": {"text/csv": {}}, "description": "One row per figure"}}


async def _summary(request: Request, tenant: str, consultation_id: uuid.UUID) -> PanelSummary:
    async with reading(request.app.state.runtime.pool, PanelSummaryReader) as reader:
        return await consultation_panel_summary(reader, tenant, consultation_id)


async def _report(request: Request, tenant: str, today: date) -> PanelReport:
    async with reading(request.app.state.runtime.pool, PanelReader) as reader:
        return await panel_report(reader, tenant, today)


async def _meeting(request: Request, tenant: str, meeting_id: uuid.UUID, today: date) -> PanelFigures:
    async with reading(request.app.state.runtime.pool, PanelReader) as reader:
        return await meeting_figures(reader, tenant, meeting_id, today)


@router.get("/consultations/{consultation_id}/panel-summary", responses=SUMMARY_ERRORS,
            summary="A precept or draft Plan consultation summarised for the Police and Crime Panel")
async def get_panel_summary(consultation_id: uuid.UUID, principal: Analyst, request: Request) -> PanelSummaryPublic:
    found = await _summary(request, principal.tenant, consultation_id)
    return PanelSummaryPublic.model_validate(asdict(found))


@router.get("/consultations/{consultation_id}/panel-summary.csv", response_class=Response, responses=CSV_SUMMARY,
            summary="The Panel summary as CSV")
async def get_panel_summary_csv(consultation_id: uuid.UUID, principal: Analyst, request: Request) -> Response:
    found = await _summary(request, principal.tenant, consultation_id)
    return csv_response(SUMMARY_COLUMNS, summary_table(found), f"consultation-{consultation_id}-panel-summary.csv")


@router.get("/panel-questions", summary="Public questions to the Panel counted per meeting, with totals")
async def get_panel_questions(principal: Analyst, request: Request, today: Today) -> PanelQuestionsPublic:
    found = await _report(request, principal.tenant, today)
    return PanelQuestionsPublic.model_validate(asdict(found))


@router.get("/panel-questions.csv", response_class=Response, responses=CSV,
            summary="Public questions to the Panel per meeting as CSV")
async def get_panel_questions_csv(principal: Analyst, request: Request, today: Today) -> Response:
    found = await _report(request, principal.tenant, today)
    return csv_response(PANEL_QUESTION_COLUMNS, panel_question_table(found), "panel-questions.csv")


# Before the meeting's JSON route, which would otherwise take "<id>.csv" for its id.
@router.get("/panel-questions/meetings/{meeting_id}.csv", response_class=Response, responses={**CSV, **NO_MEETING},
            summary="One Panel meeting's questions counted, as CSV")
async def get_meeting_questions_csv(meeting_id: uuid.UUID, principal: Analyst, request: Request,
                                    today: Today) -> Response:
    found = await _meeting(request, principal.tenant, meeting_id, today)
    return csv_response(PANEL_QUESTION_COLUMNS, meeting_rows(found), f"panel-meeting-{meeting_id}-questions.csv")


@router.get("/panel-questions/meetings/{meeting_id}", responses=NO_MEETING,
            summary="One Panel meeting's public questions counted")
async def get_meeting_questions(meeting_id: uuid.UUID, principal: Analyst, request: Request,
                                today: Today) -> PanelFiguresPublic:
    found = await _meeting(request, principal.tenant, meeting_id, today)
    return PanelFiguresPublic.model_validate(asdict(found))
