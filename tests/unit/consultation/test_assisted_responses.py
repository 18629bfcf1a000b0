"""Responses staff key in on a resident's behalf: the same checks and routing as a resident's, their channel,
who keyed them in and when they were received; the event carries the channel and nothing about staff."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.contracts.consultation import ResponseSubmitted
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.consultation.domain.channels import KeyedIn
from peel.consultation.domain.commands import CloseConsultation, CreateConsultation, PublishConsultation, SubmitResponse
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, ShowIf, Text
from peel.consultation.service_layer import handlers, responses
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 23, 30, tzinfo=UTC)  # late evening; the UK keeps UTC in January: still the 10th
TODAY = date(2027, 1, 10)
OFFICER = "officer-7"


def clock() -> datetime:
    return NOW


QUESTIONS = (
    Question("priority", QuestionType.SINGLE_CHOICE, Text("Which?"),
             options=(Option("asb", Text("ASB")), Option("roads", Text("Roads")))),
    Question("roads_detail", QuestionType.FREE_TEXT, Text("Which roads?"), max_length=200,
             show_if=ShowIf("priority", "roads")),
)


async def open_consultation(uow: FakeUnitOfWork, tenant: str = "cheshire") -> uuid.UUID:
    created = await handlers.create_consultation(
        CreateConsultation(tenant, Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=9), QUESTIONS),
        uow, clock)
    await handlers.publish_consultation(PublishConsultation(tenant, created.id), uow, clock)
    return created.id


def keyed_in(consultation_id: uuid.UUID, answers: dict, channel: str = "paper", received_on: date | None = None,
             tenant: str = "cheshire") -> SubmitResponse:
    return SubmitResponse(consultation_id, answers, postcode="CW1 2AB", tenant=tenant,
                          keyed_in=KeyedIn(channel, OFFICER, received_on))


def submitted(uow: FakeUnitOfWork) -> list[ResponseSubmitted]:
    return [event for event, _ in uow.published if isinstance(event, ResponseSubmitted)]


async def test_a_paper_response_is_recorded_with_its_channel_who_keyed_it_and_when_it_was_received():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    receipt = await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "asb"},
                                                       received_on=TODAY - timedelta(days=3)), uow, clock)
    stored = uow.responses.rows[-1]
    assert (receipt.response_id, receipt.withdrawal_token) == (stored.id, None)
    assert (stored.channel, stored.keyed_in) == ("paper", KeyedIn("paper", OFFICER, TODAY - timedelta(days=3)))
    assert uow.responses.token_hashes[stored.id] is None  # the resident holds no withdrawal token
    [event] = submitted(uow)
    assert event.channel == "paper"
    assert OFFICER not in event.model_dump_json()


async def test_a_response_keyed_in_without_a_day_was_received_the_day_it_was_keyed_in_uk_time():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "asb"}, "telephone"), uow, clock)
    assert uow.responses.rows[-1].keyed_in.received_on == TODAY


async def test_residents_online_responses_are_online_and_keyed_in_by_nobody():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock)
    assert (uow.responses.rows[-1].channel, uow.responses.rows[-1].keyed_in) == ("online", None)
    assert [event.channel for event in submitted(uow)] == ["online"]


@pytest.mark.parametrize("answers", [{}, {"priority": "trains"}, {"priority": "asb", "roads_detail": "A49"}])
async def test_keyed_in_answers_are_refused_exactly_as_a_residents_are(answers):
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(InvalidInput) as resident:
        await responses.submit_response(SubmitResponse(consultation_id, answers), uow, clock)
    with pytest.raises(InvalidInput) as staff:
        await responses.submit_keyed_in(keyed_in(consultation_id, answers), uow, clock)
    assert staff.value.errors == resident.value.errors
    assert uow.responses.rows == []


async def test_routing_applies_to_keyed_in_answers():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "roads", "roads_detail": "A49"}), uow,
                                    clock)
    assert [a.question for a in uow.responses.rows[-1].answers] == ["priority", "roads_detail"]


async def test_a_day_received_in_the_future_is_refused_beside_the_answers_mistakes():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(InvalidInput) as refused:
        await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "trains"},
                                                 received_on=TODAY + timedelta(days=1)), uow, clock)
    assert [e.location for e in refused.value.errors] == [("answers", "priority"), ("received_on",)]


async def test_staff_cannot_key_in_an_online_response():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    with pytest.raises(InvalidInput) as refused:
        await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "asb"}, "online"), uow, clock)
    assert [e.location for e in refused.value.errors] == [("channel",)]


async def test_another_offices_consultation_is_not_found():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow, tenant="lancashire")
    with pytest.raises(NotFound):
        await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "asb"}), uow, clock)
    assert submitted(uow) == []


async def test_a_closed_consultation_takes_no_keyed_in_response_as_it_takes_none_online():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict) as refused:
        await responses.submit_keyed_in(keyed_in(consultation_id, {"priority": "asb"}), uow, clock)
    assert "is closed" in str(refused.value)


def test_an_event_without_a_channel_was_an_online_response():
    old = {"response_id": str(uuid.uuid4()), "consultation_id": str(uuid.uuid4()),
           "submitted_at": NOW.isoformat(), "answers": []}
    assert ResponseSubmitted.model_validate(old).channel == "online"
