import uuid
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.consultation import ConsultationPublished, ResponseSubmitted
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.consultation.domain.commands import CreateConsultation, PublishConsultation, SubmitResponse
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, Text
from peel.consultation.service_layer import handlers, responses
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def questions() -> tuple[Question, ...]:
    options = (Option("asb", Text("Anti-social behaviour")), Option("roads", Text("Road safety")),
               Option("burglary", Text("Burglary")))
    return (
        Question("priority", QuestionType.SINGLE_CHOICE, Text("Which matters most?"), options=options),
        Question("also", QuestionType.MULTI_CHOICE, Text("What else?"), required=False, options=options,
                 max_selections=2),
        Question("comments", QuestionType.FREE_TEXT, Text("Anything else?"), required=False, max_length=20),
    )


async def open_consultation(uow: FakeUnitOfWork, tenant: str = "cheshire") -> uuid.UUID:
    command = CreateConsultation(tenant, Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=30),
                                 questions())
    created = await handlers.create_consultation(command, uow, clock)
    await handlers.publish_consultation(PublishConsultation(tenant, created.id), uow, clock)
    return created.id


async def test_create_makes_a_draft_and_publishes_nothing():
    uow = FakeUnitOfWork()
    command = CreateConsultation("cheshire", Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=1),
                                 questions())
    created = await handlers.create_consultation(command, uow, clock)
    assert created.status is ConsultationStatus.DRAFT
    assert uow.consultations.rows[created.id].status is ConsultationStatus.DRAFT
    assert uow.published == []


async def test_publish_opens_and_emits_the_published_event():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    assert uow.consultations.rows[consultation_id].status is ConsultationStatus.OPEN
    [(event, tenant)] = uow.published
    assert isinstance(event, ConsultationPublished) and tenant == "cheshire"
    assert [q.key for q in event.questions] == ["priority", "also", "comments"]
    assert event.opens_at == NOW


async def test_publishing_twice_or_another_tenants_consultation_is_refused():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(Conflict, match="already open"):
        await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(NotFound):
        await handlers.publish_consultation(PublishConsultation("dyfed-powys", consultation_id), uow, clock)


async def test_a_consultation_whose_closing_time_has_passed_cannot_be_published():
    uow = FakeUnitOfWork()
    command = CreateConsultation("cheshire", Text("Late"), ConsultationKind.SURVEY, NOW - timedelta(minutes=1),
                                 questions())
    created = await handlers.create_consultation(command, uow, clock)
    with pytest.raises(Conflict, match="has passed"):
        await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)


async def test_a_valid_response_is_stored_and_emitted_without_blank_optional_answers():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    answers = {"priority": "asb", "also": ["roads", "burglary"], "comments": "  "}
    receipt = await responses.submit_response(SubmitResponse(consultation_id, answers), uow, clock)
    assert [r.id for r in uow.responses.rows] == [receipt.response_id]
    event, tenant = uow.published[-1]
    assert isinstance(event, ResponseSubmitted) and tenant == "cheshire"
    assert [(a.question, a.options) for a in event.answers] == [("priority", ("asb",)), ("also", ("roads", "burglary"))]


async def test_every_failing_answer_is_named_with_its_reason_and_nothing_is_stored():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    answers = {"also": ["roads", "roads"], "comments": "x" * 21, "mood": "happy"}
    with pytest.raises(InvalidInput) as refused:
        await responses.submit_response(SubmitResponse(consultation_id, answers), uow, clock)
    reasons = {error.location: error.reason for error in refused.value.errors}
    assert reasons == {
        ("answers", "mood"): "no such question",
        ("answers", "priority"): "this question needs an answer",
        ("answers", "also"): "lists an option more than once",
        ("answers", "comments"): "is 21 characters long; the limit is 20",
    }
    assert uow.responses.rows == [] and len(uow.published) == 1


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("dragons", "'dragons' is not an option"),
        (["asb"], "must be one option key"),
        (7, "must be one option key"),
    ],
)
async def test_single_choice_rules(answer, reason):
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(InvalidInput, match=reason):
        await responses.submit_response(SubmitResponse(consultation_id, {"priority": answer}), uow, clock)


async def test_multi_choice_respects_the_maximum():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(InvalidInput, match="choose between 1 and 2 options, not 3"):
        await responses.submit_response(
            SubmitResponse(consultation_id, {"priority": "asb", "also": ["asb", "roads", "burglary"]}), uow, clock)


async def test_drafts_closed_and_unknown_consultations_take_no_responses():
    uow = FakeUnitOfWork()
    draft = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Draft"), ConsultationKind.SURVEY, NOW + timedelta(days=1), questions()),
        uow, clock)
    with pytest.raises(Conflict, match="is draft"):
        await responses.submit_response(SubmitResponse(draft.id, {"priority": "asb"}), uow, clock)
    consultation_id = await open_consultation(uow)
    later = lambda: NOW + timedelta(days=31)  # noqa: E731
    with pytest.raises(Conflict, match="is closed"):
        await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, later)
    with pytest.raises(NotFound):
        await responses.submit_response(SubmitResponse(uuid.uuid4(), {"priority": "asb"}), uow, clock)
