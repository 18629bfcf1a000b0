"""The consultation lifecycle: scheduling, the clock, closing, results, outcome, Welsh, corrections."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.consultation import (
    ConsultationClosed,
    ConsultationClosingExtended,
    ConsultationOutcomePublished,
)
from peel.common.errors import Conflict, InvalidInput
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    EditConsultation,
    ExtendClosing,
    PublishConsultation,
    PublishOutcome,
    PublishResults,
    SubmitResponse,
)
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, Text
from peel.consultation.service_layer import handlers, responses
from tests.unit.fakes import FakeUnitOfWork

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def question(cy: str | None = None) -> Question:
    options = (Option("yes", Text("Yes", cy)), Option("no", Text("No", cy)))
    return Question("support", QuestionType.SINGLE_CHOICE, Text("Do you support it?", cy), options=options)


async def draft(uow: FakeUnitOfWork, clock: Clock, *, opens_in: timedelta | None = None, welsh: bool = False,
                cy: str | None = None) -> uuid.UUID:
    command = CreateConsultation(
        "cheshire", Text("Precept 2027", cy), ConsultationKind.SURVEY, START + timedelta(days=30), (question(cy),),
        opens_at=START + opens_in if opens_in else None, requires_welsh=welsh,
    )
    return (await handlers.create_consultation(command, uow, clock)).id


def events(uow: FakeUnitOfWork, kind: type) -> list:
    return [event for event, _ in uow.published if isinstance(event, kind)]


async def test_a_consultation_opening_later_is_scheduled_then_opened_and_closed_by_the_clock_once():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock, opens_in=timedelta(days=2))
    published = await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    assert published.status is ConsultationStatus.SCHEDULED
    with pytest.raises(Conflict, match="scheduled"):
        await responses.submit_response(SubmitResponse(consultation_id, {"support": "yes"}), uow, clock)
    clock.now = START + timedelta(days=2)
    assert await handlers.open_and_close_due(uow, clock) == 1
    assert uow.consultations.rows[consultation_id].status is ConsultationStatus.OPEN
    await responses.submit_response(SubmitResponse(consultation_id, {"support": "yes"}), uow, clock)
    clock.now = START + timedelta(days=30)
    assert await handlers.open_and_close_due(uow, clock) == 1
    assert await handlers.open_and_close_due(uow, clock) == 0
    assert len(events(uow, ConsultationClosed)) == 1
    assert uow.consultations.rows[consultation_id].status is ConsultationStatus.CLOSED


async def test_closing_stops_responses_and_results_then_outcome_follow():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock)
    await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="before it closes"):
        await handlers.publish_results(PublishResults("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="after it closes"):
        await handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, Text("We did")), uow, clock)
    closed = await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    assert closed.status is ConsultationStatus.CLOSED and closed.closed_at == START
    with pytest.raises(Conflict, match="is closed"):
        await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="takes no responses"):
        await responses.submit_response(SubmitResponse(consultation_id, {"support": "yes"}), uow, clock)
    results = await handlers.publish_results(PublishResults("cheshire", consultation_id), uow, clock)
    assert results.status is ConsultationStatus.RESULTS_PUBLISHED
    await handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, Text("We added patrols")), uow, clock)
    [outcome] = events(uow, ConsultationOutcomePublished)
    assert outcome.outcome.en == "We added patrols"


async def test_welsh_required_before_publishing_lists_what_is_missing():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock, welsh=True)
    with pytest.raises(Conflict, match=r"missing: title, questions\.support\.text, questions\.support\.options\.yes"):
        await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    bilingual = await draft(uow, clock, welsh=True, cy="Cymraeg")
    opened = await handlers.publish_consultation(PublishConsultation("cheshire", bilingual), uow, clock)
    assert opened.status is ConsultationStatus.OPEN


async def test_drafts_change_freely_and_published_ones_only_take_versioned_text_corrections():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock)
    later = START + timedelta(days=40)
    edited = await handlers.edit_consultation(EditConsultation("cheshire", consultation_id, "officer-1",
                                                               closes_at=later), uow, clock)
    assert edited.closes_at == later
    await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="only corrections of text"):
        await handlers.edit_consultation(EditConsultation("cheshire", consultation_id, "officer-1",
                                                          closes_at=START + timedelta(days=50)), uow, clock)
    before = uow.consultations.rows[consultation_id].version
    corrected = await handlers.edit_consultation(
        EditConsultation("cheshire", consultation_id, "officer-1", title=Text("Precept 2027-28"),
                         question_texts={"support": Text("Do you support this?")}), uow, clock)
    assert corrected.version == before + 1
    assert [c.field for c in uow.consultations.corrections] == ["title", "questions.support.text"]
    assert uow.consultations.corrections[0].before == Text("Precept 2027")


async def test_an_open_consultation_gets_a_later_closing_date_and_the_clock_follows_it():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock)
    await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    later = START + timedelta(days=45)
    extended = await handlers.extend_closing(ExtendClosing("cheshire", consultation_id, later), uow, clock)
    assert extended.closes_at == later
    [event] = events(uow, ConsultationClosingExtended)
    assert (event.closes_at, event.previous_closes_at, event.extended_at) == (later, START + timedelta(days=30), START)
    clock.now = START + timedelta(days=30)
    assert await handlers.open_and_close_due(uow, clock) == 0
    await responses.submit_response(SubmitResponse(consultation_id, {"support": "yes"}), uow, clock)
    clock.now = later
    assert await handlers.open_and_close_due(uow, clock) == 1
    assert uow.consultations.rows[consultation_id].status is ConsultationStatus.CLOSED


async def test_extending_needs_an_open_consultation_and_a_later_date():
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock)
    later = START + timedelta(days=45)
    with pytest.raises(Conflict, match="is draft: it cannot have its closing date extended before it opens; "
                                       "a draft can be changed in any way"):
        await handlers.extend_closing(ExtendClosing("cheshire", consultation_id, later), uow, clock)
    await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(InvalidInput) as refused:
        await handlers.extend_closing(ExtendClosing("cheshire", consultation_id, START + timedelta(days=29)), uow,
                                      clock)
    assert [e.location for e in refused.value.errors] == [("closes_at",)]
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="is closed: it has already closed; a closed consultation can have its results"):
        await handlers.extend_closing(ExtendClosing("cheshire", consultation_id, later), uow, clock)


@pytest.mark.parametrize(("steps", "refused", "message"), [
    (("publish", "close", "results"), "results",
     "is results_published: its results are already published; a consultation with published results can "
     "have its outcome published"),
    ((), "close", "is draft: it cannot close before it is published; a draft can be changed in any way, and published"),
    (("publish",), "publish", "is open: it is already open; only a draft can be published; an open consultation takes"),
    (("publish", "close"), "close", "is closed: it has already closed; a closed consultation can have its results"),
    ((), "outcome", "is draft: it cannot publish its outcome before it closes; a draft can be changed"),
])
async def test_every_refusal_says_the_state_and_what_it_allows(steps, refused, message):
    uow, clock = FakeUnitOfWork(), Clock()
    consultation_id = await draft(uow, clock)
    actions = {
        "publish": lambda: handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock),
        "close": lambda: handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock),
        "results": lambda: handlers.publish_results(PublishResults("cheshire", consultation_id), uow, clock),
        "outcome": lambda: handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, Text("We did")), uow,
                                                    clock),
    }
    for step in steps:
        await actions[step]()
    with pytest.raises(Conflict, match=message):
        await actions[refused]()
