"""Checking the answers given so far (one question a page) by the same rules and routing as a response."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.errors import Conflict, NotFound
from peel.consultation.domain.commands import CloseConsultation, CreateConsultation, PublishConsultation
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, ShowIf, Text
from peel.consultation.domain.routing import check_answers, check_answers_so_far
from peel.consultation.service_layer import handlers, responses
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
QUESTIONS = (
    Question("priority", QuestionType.SINGLE_CHOICE, Text("Which?"),
             options=(Option("asb", Text("ASB")), Option("roads", Text("Roads")))),
    Question("asb_where", QuestionType.FREE_TEXT, Text("Where?"), show_if=ShowIf("priority", "asb"), max_length=50),
    Question("roads_which", QuestionType.SINGLE_CHOICE, Text("Which road?"), show_if=ShowIf("priority", "roads"),
             options=(Option("a49", Text("A49")), Option("m6", Text("M6")))),
    Question("comments", QuestionType.FREE_TEXT, Text("Anything else?"), required=False, max_length=20),
)


def clock() -> datetime:
    return NOW


def locations(errors) -> list[tuple]:
    return [(error.location, error.code) for error in errors]


@pytest.mark.parametrize(("answers", "next_question"), [
    ({}, "priority"),
    ({"priority": "asb"}, "asb_where"),
    ({"priority": "roads"}, "roads_which"),
    ({"priority": "roads", "roads_which": "m6"}, "comments"),
    ({"priority": "asb", "asb_where": "Town centre", "comments": None}, None),
])
def test_the_next_question_follows_routing(answers, next_question):
    so_far = check_answers_so_far(QUESTIONS, answers)
    assert (so_far.errors, so_far.next_question) == ((), next_question)


def test_only_the_answers_given_are_checked_and_a_refused_one_is_asked_again():
    so_far = check_answers_so_far(QUESTIONS, {"priority": "dragons", "colour": "red"})
    assert locations(so_far.errors) == [(("answers", "colour"), "unknown_question"),
                                        (("answers", "priority"), "invalid")]
    assert so_far.next_question == "priority"
    blank = check_answers_so_far(QUESTIONS, {"priority": "asb", "asb_where": " ", "roads_which": "m6"})
    assert locations(blank.errors) == [(("answers", "asb_where"), "missing"), (("answers", "roads_which"), "not_asked")]
    assert blank.next_question == "asb_where"


@pytest.mark.parametrize("answers", [
    {"priority": "asb", "asb_where": None, "roads_which": "m6", "comments": "x" * 30},
    {"priority": "roads", "asb_where": "Park", "roads_which": "a1", "comments": None},
    {"priority": None, "asb_where": "Park", "roads_which": None, "comments": "Thanks"},
])
def test_with_every_question_given_it_finds_what_a_submission_finds(answers):
    assert check_answers_so_far(QUESTIONS, answers).errors == tuple(check_answers(QUESTIONS, answers)[1])


async def consultation(uow: FakeUnitOfWork, *, opens_at: datetime | None = None) -> uuid.UUID:
    created = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=9),
                           QUESTIONS, opens_at=opens_at), uow, clock)
    await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)
    return created.id


async def test_an_open_consultation_checks_answers_and_stores_nothing():
    uow = FakeUnitOfWork()
    consultation_id = await consultation(uow)
    published = len(uow.published)
    so_far = await responses.check_answers(consultation_id, {"priority": "roads"}, uow, clock)
    assert (so_far.errors, so_far.next_question) == ((), "roads_which")
    assert uow.responses.rows == [] and len(uow.published) == published


async def test_only_an_open_consultation_answers():
    uow = FakeUnitOfWork()
    scheduled = await consultation(uow, opens_at=NOW + timedelta(days=1))
    with pytest.raises(Conflict, match=r"is scheduled and takes no responses until it opens at 2027-01-11T09:00"):
        await responses.check_answers(scheduled, {}, uow, clock)
    closed = await consultation(uow)
    await handlers.close_consultation(CloseConsultation("cheshire", closed), uow, clock)
    with pytest.raises(Conflict, match=r"is closed .* can still be withdrawn"):
        await responses.check_answers(closed, {}, uow, clock)
    draft = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Draft"), ConsultationKind.SURVEY, NOW + timedelta(days=9), QUESTIONS),
        uow, clock)
    for unseen in (draft.id, uuid.uuid4()):
        with pytest.raises(NotFound):
            await responses.check_answers(unseen, {}, uow, clock)
