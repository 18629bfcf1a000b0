"""An office's home page list: open, upcoming and recently closed consultations in their order, with the time
residents last saw each change; never a draft, never another office's."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    EditConsultation,
    PublishConsultation,
    PublishOutcome,
    PublishResults,
)
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Question, QuestionType, Text
from peel.consultation.service_layer import handlers
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
QUESTIONS = (Question("comments", QuestionType.FREE_TEXT, Text("Anything to tell us?"), max_length=200),)


def at(days: float) -> datetime:
    return NOW + timedelta(days=days)


async def draft(uow: FakeUnitOfWork, title: str, closes: float, opens: float | None = None,
                office: str = "cheshire") -> uuid.UUID:
    command = CreateConsultation(office, Text(title), ConsultationKind.SURVEY, at(closes), QUESTIONS,
                                 opens_at=at(opens) if opens is not None else None)
    return (await handlers.create_consultation(command, uow, lambda: NOW)).id


async def published(uow: FakeUnitOfWork, title: str, closes: float, opens: float | None = None,
                    office: str = "cheshire") -> uuid.UUID:
    consultation_id = await draft(uow, title, closes, opens, office)
    await handlers.publish_consultation(PublishConsultation(office, consultation_id), uow, lambda: NOW)
    return consultation_id


async def closed(uow: FakeUnitOfWork, title: str, on: float) -> uuid.UUID:
    consultation_id = await published(uow, title, closes=60)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, lambda: at(on))
    return consultation_id


def titles(listed: tuple) -> list[str]:
    return [c.title.en for c in listed]


async def test_open_soonest_closing_upcoming_soonest_opening_closed_newest_without_drafts_or_other_offices():
    uow = FakeUnitOfWork()
    await published(uow, "Later", closes=30)
    await published(uow, "Sooner", closes=10)
    await published(uow, "Opens in a week", opens=7, closes=40)
    await published(uow, "Opens tomorrow", opens=1, closes=40)
    await closed(uow, "Closed first", on=2)
    await closed(uow, "Closed last", on=3)
    await draft(uow, "Still a draft", closes=20)
    await published(uow, "Another office's", closes=5, office="dyfed-powys")

    listing = await handlers.office_consultations("cheshire", uow)

    assert titles(listing.open) == ["Sooner", "Later"]
    assert titles(listing.upcoming) == ["Opens tomorrow", "Opens in a week"]
    assert titles(listing.closed) == ["Closed last", "Closed first"]
    assert titles((await handlers.office_consultations("dyfed-powys", uow)).open) == ["Another office's"]


async def test_only_the_twenty_most_recently_closed_are_listed():
    uow = FakeUnitOfWork()
    for day in range(22):
        await closed(uow, f"Closed on day {day}", on=day)

    listing = await handlers.office_consultations("cheshire", uow)

    assert titles(listing.closed) == [f"Closed on day {day}" for day in range(21, 1, -1)]


async def test_the_last_change_residents_saw_is_kept_with_each_consultation():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow, "Priorities", closes=10)
    assert uow.consultations.rows[consultation_id].updated_at == NOW
    correction = EditConsultation("cheshire", consultation_id, "officer-1", title=Text("Policing priorities"))
    await handlers.edit_consultation(correction, uow, lambda: at(1))
    assert uow.consultations.rows[consultation_id].updated_at == at(1)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, lambda: at(2))
    await handlers.publish_results(PublishResults("cheshire", consultation_id), uow, lambda: at(3))
    assert uow.consultations.rows[consultation_id].updated_at == at(3)
    outcome = PublishOutcome("cheshire", consultation_id, Text("You said roads; we added patrols"))
    await handlers.publish_outcome(outcome, uow, lambda: at(4))

    [listed] = (await handlers.office_consultations("cheshire", uow)).closed
    assert listed.updated_at == at(4) and listed.outcome is not None and listed.status == "results_published"


async def test_a_draft_edited_is_not_changed_for_residents():
    uow = FakeUnitOfWork()
    consultation_id = await draft(uow, "Priorities", closes=10)
    await handlers.edit_consultation(EditConsultation("cheshire", consultation_id, "officer-1",
                                                      title=Text("Policing priorities")), uow, lambda: at(1))
    assert uow.consultations.rows[consultation_id].updated_at is None
