"""An office's consultations as its home page and Atom feed show them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.listing import OfficeListing, last_changed
from peel.consultation.domain.model import Consultation
from peel.consultation.entrypoints.http.question_schemas import LocalisedText


class ConsultationListed(BaseModel):
    """A published consultation in a list: what a home page and a feed entry need, no questions."""

    id: uuid.UUID
    office: str = Field(description="The office (tenant id) running it")
    kind: str = Field(description="survey, draft_plan, precept or budget_simulator")
    status: str = Field(description="scheduled, open, closed or results_published")
    title: LocalisedText
    summary: LocalisedText | None = Field(default=None, description="What it is about, if staff wrote it")
    opens_at: datetime | None = Field(description="When it opens or opened (an Atom entry's <published>)")
    closes_at: datetime
    closed_at: datetime | None = Field(description="When it closed; null until then")
    results_published: bool = Field(description="Its results are published for anyone to read")
    outcome_published: bool = Field(description='Its "we asked, you said, we did" is published')
    updated_at: datetime = Field(description="When residents last saw it change: published, opened, text corrected, "
                                             "closing extended, closed, results or outcome published "
                                             "(an Atom entry's <updated>)")

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationListed:
        c = consultation
        return cls(
            id=c.id, office=c.tenant, kind=c.kind, status=c.status, title=LocalisedText.of(c.title),
            summary=LocalisedText.of(c.summary) if c.summary else None, opens_at=c.opens_at, closes_at=c.closes_at,
            closed_at=c.closed_at, results_published=c.status is ConsultationStatus.RESULTS_PUBLISHED,
            outcome_published=c.outcome is not None, updated_at=last_changed(c),
        )


class OfficeConsultations(BaseModel):
    office: str = Field(description="The office (tenant id) whose consultations these are")
    open: list[ConsultationListed] = Field(description="Taking responses, soonest closing first")
    upcoming: list[ConsultationListed] = Field(description="Scheduled to open, soonest opening first")
    closed: list[ConsultationListed] = Field(description="Closed, most recently closed first; at most 20")
    updated_at: datetime | None = Field(description="The latest updated_at of those listed (an Atom feed's "
                                                    "<updated>); null when none is listed")

    @classmethod
    def of(cls, office: str, listing: OfficeListing) -> OfficeConsultations:
        lists = {name: [ConsultationListed.of(c) for c in getattr(listing, name)]
                 for name in ("open", "upcoming", "closed")}
        listed = [entry.updated_at for entries in lists.values() for entry in entries]
        return cls(office=office, **lists, updated_at=max(listed, default=None))
