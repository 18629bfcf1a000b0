"""Every refusal of a response-side request says what state things are in and what is still allowed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from peel.common.errors import Conflict
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    ModerateFreeText,
    PublishConsultation,
    PublishResults,
    SubmitResponse,
)
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Question, QuestionType, Text
from peel.consultation.service_layer import handlers, responses
from tests.unit.fakes import FakeIntake, FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
QUESTIONS = (Question("comments", QuestionType.FREE_TEXT, Text("Anything?"), max_length=200),)


def clock() -> datetime:
    return NOW


async def consultation(uow: FakeUnitOfWork, *, opens_at: datetime | None = None, publish: bool = True):
    created = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=9),
                           QUESTIONS, opens_at=opens_at), uow, clock)
    if publish:
        await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)
    return created.id


def submit(uow: FakeUnitOfWork, consultation_id, intake: FakeIntake | None = None, **extra):
    command = SubmitResponse(consultation_id, {"comments": "More patrols"}, **extra)
    return responses.submit_response(command, uow, clock, intake=intake)


async def test_a_draft_or_scheduled_consultation_says_when_it_will_take_responses():
    uow = FakeUnitOfWork()
    with pytest.raises(Conflict, match=r"is draft \(not yet published\) and takes no responses until it is published "
                                       "and open"):
        await submit(uow, await consultation(uow, publish=False))
    with pytest.raises(Conflict, match=r"is scheduled and takes no responses until it opens at 2027-01-12T09:00:00"
                                       r"\+00:00; it takes them from then until 2027-01-19T09:00:00\+00:00"):
        await submit(uow, await consultation(uow, opens_at=NOW + timedelta(days=2)))


async def test_a_closed_consultation_says_so_and_that_withdrawing_is_still_allowed():
    uow = FakeUnitOfWork()
    intake = FakeIntake(uow)
    consultation_id = await consultation(uow)
    await submit(uow, consultation_id, intake)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    for path in (None, intake):
        with pytest.raises(Conflict, match=r"is closed \(since 2027-01-10T09:00:00\+00:00\) and takes no responses; "
                                           "a response already given can still be withdrawn with its token"):
            await submit(uow, consultation_id, path)
    await handlers.publish_results(PublishResults("cheshire", consultation_id), uow, clock)
    with pytest.raises(Conflict, match="is closed, its results are published, and it takes no responses; a response "
                                       "already given can still be withdrawn"):
        await submit(uow, consultation_id)


async def test_past_its_closing_time_an_open_consultation_says_when_it_closed():
    uow = FakeUnitOfWork()
    consultation_id = await consultation(uow)
    late = SubmitResponse(consultation_id, {"comments": "Late"})
    with pytest.raises(Conflict, match=r"is closed \(since 2027-01-19T09:00:00\+00:00\)"):
        await responses.submit_response(late, uow, lambda: NOW + timedelta(days=10))


async def test_a_private_answer_says_it_needs_no_moderation_and_what_can_be_moderated():
    uow = FakeUnitOfWork()
    consultation_id = await consultation(uow)
    receipt = await submit(uow, consultation_id)
    command = ModerateFreeText("cheshire", consultation_id, receipt.response_id, "comments", "approved", "fine", "o-2")
    with pytest.raises(Conflict, match="is private: the respondent did not consent to publishing it, so it is never "
                                       "published and there is nothing to moderate; only answers given with consent "
                                       "to publish can be approved or redacted"):
        await responses.moderate_free_text(command, uow, clock)


async def test_a_reused_key_says_what_it_is_taken_by_and_what_to_do():
    uow = FakeUnitOfWork()
    consultation_id = await consultation(uow)
    await submit(uow, consultation_id, idempotency_key="k", request_fingerprint=b"1")
    with pytest.raises(Conflict, match="already used for a different submission; send that same submission again "
                                       "with it to get its receipt, or use a new key for this one"):
        await submit(uow, consultation_id, idempotency_key="k", request_fingerprint=b"2")
