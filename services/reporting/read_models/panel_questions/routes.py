"""Figures on public questions to the Police and Crime Panel, per meeting and in all, for staff of the tenant."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter, Request

from peel.common.errors import NotFound
from peel.reporting.domain import panel_questions as questions
from peel.reporting.domain.panel_export import PANEL_QUESTION_COLUMNS, meeting_rows, panel_question_table
from peel.reporting.domain.panel_questions import PanelFigures, PanelReport
from peel.reporting.read_models._http import Analyst, Today, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.panel_questions.store import PanelQuestionStore

router = APIRouter(prefix="/v1", tags=["panel"])
NO_MEETING = {404: {"description": "No Panel questions for this meeting for your tenant"}}


async def panel_report(store: PanelQuestionStore, tenant: str, today: date) -> PanelReport:
    return questions.report(await store.panel_questions(tenant), today)


async def meeting_figures(store: PanelQuestionStore, tenant: str, meeting_id: uuid.UUID, today: date) -> PanelFigures:
    """One meeting's figures; not found when the tenant has no question for it."""
    asked = await store.panel_questions(tenant, meeting_id)
    if not asked:
        raise NotFound(f"no Panel questions for meeting {meeting_id}")
    return questions.figures(asked, today, meeting_id)


@report(router, "/panel-questions",
        summary="Public questions to the Panel counted per meeting, with totals",
        csv_summary="Public questions to the Panel per meeting as CSV", columns=fixed(PANEL_QUESTION_COLUMNS),
        rows=panel_question_table, filename="panel-questions.csv")
async def get_panel_questions(principal: Analyst, request: Request, today: Today) -> PanelReport:
    async with reading(request.app.state.runtime.pool, PanelQuestionStore) as store:
        return await panel_report(store, principal.tenant, today)


@report(router, "/panel-questions/meetings/{meeting_id}", responses=NO_MEETING,
        summary="One Panel meeting's public questions counted",
        csv_summary="One Panel meeting's questions counted, as CSV", columns=fixed(PANEL_QUESTION_COLUMNS),
        rows=meeting_rows, filename="panel-meeting-{meeting_id}-questions.csv")
async def get_meeting_questions(meeting_id: uuid.UUID, principal: Analyst, request: Request,
                                today: Today) -> PanelFigures:
    async with reading(request.app.state.runtime.pool, PanelQuestionStore) as store:
        return await meeting_figures(store, principal.tenant, meeting_id, today)
