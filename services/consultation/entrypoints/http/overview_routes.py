"""The staff overview: an office's consultations with their counts, and the Panel questions needing attention."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from peel.consultation.adapters.overview import PostgresOverview
from peel.consultation.domain.overview import AnswerOwed, ConsultationCounts, Overview
from peel.consultation.entrypoints.http.dependencies import Reader
from peel.consultation.entrypoints.http.question_schemas import LocalisedText
from peel.consultation.service_layer.overview import LISTED, staff_overview

router = APIRouter(prefix="/v1/consultations", tags=["consultations (staff)"])


class ConsultationCountsView(BaseModel):
    id: uuid.UUID
    title: LocalisedText
    kind: str
    status: str = Field(description="draft, scheduled, open, closed or results_published")
    opens_at: datetime | None
    closes_at: datetime
    responses: int = Field(description="Responses kept (withdrawn and erased ones are gone), every channel")
    awaiting_moderation: int = Field(description="Free-text answers meant for publishing with no decision yet")

    @classmethod
    def of(cls, counts: ConsultationCounts) -> ConsultationCountsView:
        c = counts
        return cls(id=c.id, title=LocalisedText.of(c.title), kind=c.kind, status=c.status, opens_at=c.opens_at,
                   closes_at=c.closes_at, responses=c.responses, awaiting_moderation=c.awaiting_moderation)


class PanelQuestionOwed(BaseModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    meeting_title: LocalisedText
    status: str
    answer_due: date

    @classmethod
    def of(cls, owed: AnswerOwed) -> PanelQuestionOwed:
        return cls(id=owed.id, meeting_id=owed.meeting_id, meeting_title=LocalisedText.of(owed.meeting_title),
                   status=owed.status, answer_due=owed.answer_due)


class PanelCounts(BaseModel):
    awaiting_decision: int = Field(description="Questions received, for the clerk to accept or reject")
    due: list[PanelQuestionOwed] = Field(description="Accepted, unanswered, due today or later; soonest first")
    overdue: list[PanelQuestionOwed] = Field(description="Accepted, unanswered, past their due day; oldest first")


class OverviewView(BaseModel):
    consultations: list[ConsultationCountsView] = Field(description=f"The office's {LISTED} newest, newest first")
    panel: PanelCounts

    @classmethod
    def of(cls, overview: Overview) -> OverviewView:
        panel = overview.panel
        return cls(consultations=[ConsultationCountsView.of(c) for c in overview.consultations],
                   panel=PanelCounts(awaiting_decision=panel.awaiting_decision,
                                     due=[PanelQuestionOwed.of(q) for q in panel.due],
                                     overdue=[PanelQuestionOwed.of(q) for q in panel.overdue]))


@router.get("/overview", summary="What needs attention: consultations with their counts, and Panel questions")
async def get_overview(principal: Reader, request: Request) -> OverviewView:
    """For every staff role, scoped to the office. Each consultation's responses (every channel) and its free-text
    answers awaiting moderation; Panel questions *awaiting decision* (received: the clerk accepts or rejects them),
    and accepted questions the Commissioner has yet to answer: *due* until the end of their due day (the
    answer_working_days-th working day after acceptance, UK time) and *overdue* from the day after, the rule the
    Panel's own question lists use for `overdue`."""
    pool = request.app.state.runtime.pool
    async with pool.acquire() as connection, connection.transaction(isolation="repeatable_read", readonly=True):
        return OverviewView.of(await staff_overview(principal.tenant, PostgresOverview(connection)))
