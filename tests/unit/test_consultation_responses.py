"""Responses: areas, idempotent submission, withdrawal, erasure, moderation, equality monitoring."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.consultation import EqualityBands, FreeTextModerated, ResponseErased, ResponseSubmitted
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.consultation.domain.areas import parse_area_rows, postcode_district
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    EraseResponse,
    LoadAreas,
    ModerateFreeText,
    PublishConsultation,
    SubmitResponse,
    WithdrawResponse,
)
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, Text
from peel.consultation.service_layer import areas, handlers, responses
from tests.unit.fakes import FakeIntake, FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


async def open_consultation(uow: FakeUnitOfWork) -> uuid.UUID:
    questions = (
        Question("priority", QuestionType.SINGLE_CHOICE, Text("Which?"),
                 options=(Option("asb", Text("ASB")), Option("roads", Text("Roads")))),
        Question("comments", QuestionType.FREE_TEXT, Text("Anything else?"), required=False, max_length=500),
    )
    created = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=9), questions),
        uow, clock)
    await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)
    await areas.load_areas(LoadAreas("cheshire", (("CW1", "cheshire_east", "Cheshire East"),)), uow)
    return created.id


def submitted(uow: FakeUnitOfWork) -> list[ResponseSubmitted]:
    return [event for event, _ in uow.published if isinstance(event, ResponseSubmitted)]


@pytest.mark.parametrize(("postcode", "district"),
                         [("cw1 2ab", "CW1"), ("CW12AB", "CW1"), ("SW1A 1AA", "SW1A"), ("CW1", "CW1"),
                          ("nonsense", None), (None, None)])
def test_postcode_districts(postcode, district):
    assert postcode_district(postcode) == district


def test_the_area_csv_is_checked_row_by_row():
    rows = parse_area_rows([["postcode_district", "area_key", "area_name"], ["cw1", "cheshire_east", "Cheshire East"]])
    assert rows == (("CW1", "cheshire_east", "Cheshire East"),)
    with pytest.raises(InvalidInput) as refused:
        parse_area_rows([["postcode_district", "area_key", "area_name"], ["99", "x", "X"], ["CW2", "Bad Key", "B"],
                         ["CW3"]])
    assert [e.location for e in refused.value.errors] == [("csv", 2, "postcode_district"), ("csv", 3, "area_key"),
                                                          ("csv", 4)]


async def test_the_postcode_becomes_an_area_and_only_area_and_bands_leave_the_service():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    bands = EqualityBands(age_band="25_34", sex="female")
    await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}, postcode="CW1 3XY",
                                                   email="resident@example.org", equality=bands), uow, clock)
    await responses.submit_response(SubmitResponse(consultation_id, {"priority": "roads"}, postcode="ZZ9 9ZZ"),
                                    uow, clock)
    first, second = submitted(uow)
    assert (first.area, first.equality, second.area, second.equality) == ("cheshire_east", bands, "unknown", None)
    assert "example.org" not in first.model_dump_json() and "CW1" not in first.model_dump_json()


async def test_the_same_idempotency_key_returns_the_first_response_and_counts_once():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    command = SubmitResponse(consultation_id, {"priority": "asb"}, idempotency_key="k-1", request_fingerprint=b"a")
    first = await responses.submit_response(command, uow, clock)
    again = await responses.submit_response(command, uow, clock)
    assert again == first and len(uow.responses.rows) == 1 and len(submitted(uow)) == 1
    other = SubmitResponse(consultation_id, {"priority": "roads"}, idempotency_key="k-1", request_fingerprint=b"b")
    with pytest.raises(Conflict, match="different submission"):
        await responses.submit_response(other, uow, clock)


async def test_withdrawal_needs_the_token_and_erases_every_copy_once():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    receipt = await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock)
    with pytest.raises(NotFound, match="withdrawal token"):
        await responses.withdraw_response(WithdrawResponse(consultation_id, receipt.response_id, "wrong-token"),
                                          uow, clock)
    for _ in range(2):
        await responses.withdraw_response(
            WithdrawResponse(consultation_id, receipt.response_id, receipt.withdrawal_token), uow, clock)
    assert uow.responses.rows == []
    [erased] = [event for event, _ in uow.published if isinstance(event, ResponseErased)]
    assert (erased.response_id, erased.reason) == (receipt.response_id, "withdrawn")


async def test_staff_erase_within_their_tenant_only():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    receipt = await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock)
    with pytest.raises(NotFound):
        await responses.erase_response(EraseResponse("dyfed-powys", consultation_id, receipt.response_id), uow, clock)
    await responses.erase_response(EraseResponse("cheshire", consultation_id, receipt.response_id), uow, clock)
    assert uow.responses.erased == {receipt.response_id: "erasure_request"}
    with pytest.raises(NotFound):
        await responses.erase_response(EraseResponse("cheshire", consultation_id, uuid.uuid4()), uow, clock)


async def test_only_free_text_the_respondent_agreed_to_publish_is_moderated_and_logged():
    uow = FakeUnitOfWork()
    consultation_id = await open_consultation(uow)
    consented = await responses.submit_response(
        SubmitResponse(consultation_id, {"priority": "asb", "comments": "More patrols"}, publishable=True), uow, clock)
    private = await responses.submit_response(
        SubmitResponse(consultation_id, {"priority": "asb", "comments": "Private"}), uow, clock)

    def moderate(receipt, question="comments"):
        return responses.moderate_free_text(ModerateFreeText("cheshire", consultation_id, receipt.response_id,
                                                             question, "redacted", "names a person", "officer-2"),
                                            uow, clock)

    await moderate(consented)
    with pytest.raises(Conflict, match="did not consent"):
        await moderate(private)
    with pytest.raises(NotFound, match="no free-text answer"):
        await moderate(consented, "priority")
    assert uow.responses.moderation == [(consented.response_id, "comments", "redacted", "names a person", "officer-2")]
    [event] = [e for e, _ in uow.published if isinstance(e, FreeTextModerated)]
    assert event.decision == "redacted"
    text = next(a for a in submitted(uow)[0].answers if a.question == "comments")
    assert text.publishable is True


async def test_once_a_consultation_is_known_open_responses_go_in_one_step():
    uow = FakeUnitOfWork()
    intake = FakeIntake(uow)
    consultation_id = await open_consultation(uow)
    for _ in range(3):
        await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock, intake=intake)
    assert intake.taken == 2 and len(submitted(uow)) == 3 and len(uow.responses.rows) == 3


async def test_a_change_since_the_definition_was_read_sends_the_response_the_checked_way():
    uow = FakeUnitOfWork()
    intake = FakeIntake(uow)
    consultation_id = await open_consultation(uow)
    await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock, intake=intake)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="is closed"):
        await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock,
                                        intake=intake)
    assert intake.taken == 0 and intake.known_open(consultation_id) is None


async def test_a_retried_key_and_bad_answers_are_answered_by_the_checked_way():
    uow = FakeUnitOfWork()
    intake = FakeIntake(uow)
    consultation_id = await open_consultation(uow)
    await responses.submit_response(SubmitResponse(consultation_id, {"priority": "asb"}), uow, clock, intake=intake)
    retry = SubmitResponse(consultation_id, {"priority": "roads"}, idempotency_key="k1", request_fingerprint=b"1")
    first = await responses.submit_response(retry, uow, clock, intake=intake)
    assert await responses.submit_response(retry, uow, clock, intake=intake) == first
    with pytest.raises(Conflict, match="different submission"):
        await responses.submit_response(replace(retry, request_fingerprint=b"2"), uow, clock, intake=intake)
    with pytest.raises(InvalidInput, match="not an option"):
        await responses.submit_response(SubmitResponse(consultation_id, {"priority": "dragons"}), uow, clock,
                                        intake=intake)
    assert intake.taken == 1 and len(submitted(uow)) == 2
