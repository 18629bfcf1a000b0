"""The rules behind the consultation pages: a form read as an answer and put back, the service's verdict put against
the field, the optional pages' order, the response body, and the running total."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from peel.web.domain.answers import form_values, posted_values, read_answer
from peel.web.domain.consultation_budget import consequence, running_total
from peel.web.domain.consultation_problems import problems_of, routed_away
from peel.web.domain.consultation_progress import Progress, read_email, read_postcode, response_body, stage
from tests.unit.web.consultation_fixtures import QUESTIONS, consultation

BY_KEY = {q["key"]: q for q in QUESTIONS}
BUDGET = BY_KEY["budget"]


def problem(key: str, kind: str, *part: str) -> dict:
    return {"loc": ["body", "answers", key, *part], "msg": "the service's words", "type": kind}


@pytest.mark.parametrize(("key", "form", "answer"), [
    ("priority", {"answer": ["roads"]}, "roads"),
    ("priority", {}, None),
    ("also", {"answer": ["asb", "rural"]}, ["asb", "rural"]),
    ("also", {"answer": []}, None),
    ("safety", {"answer": ["4"]}, 4),
    ("comments", {"answer": ["  More patrols.  "]}, "More patrols."),
    ("comments", {"answer": ["   "]}, None),
    ("years", {"answer": ["1,200"]}, 1200),
    ("years", {"answer": ["12.5"]}, 12.5),
    ("order", {"rank-1": ["roads"], "rank-2": ["asb"], "rank-3": [""]}, ["roads", "asb"]),
    ("budget", {"line-patrols": ["-5"], "line-cyber": [""], "precept-change": ["£2.50"]},
     {"changes_percent": {"patrols": -5, "cyber": 0}, "precept_change": 2.5}),
])
def test_a_form_is_read_as_the_answer_the_service_takes(key: str, form: dict, answer: object) -> None:
    reading = read_answer(BY_KEY[key], form)
    assert (reading.value, reading.problems) == (answer, ())


@pytest.mark.parametrize(("key", "form", "field"), [
    ("years", {"answer": ["twelve"]}, "answer"),
    ("order", {"rank-1": ["asb"], "rank-2": ["roads"], "rank-3": ["asb"]}, "rank-3"),
    ("budget", {"line-patrols": ["lots"], "line-cyber": ["0"]}, "line-patrols"),
    ("budget", {"line-patrols": ["0"], "line-cyber": ["0"], "precept-change": ["a fiver"]}, "precept-change"),
])
def test_what_a_form_cannot_say_is_refused_at_its_field(key: str, form: dict, field: str) -> None:
    reading = read_answer(BY_KEY[key], form)
    assert reading.value is None and [p.field for p in reading.problems] == [field]


@pytest.mark.parametrize(("key", "answer"), [
    ("priority", "roads"), ("also", ["asb"]), ("safety", 3), ("years", 12), ("comments", "Thanks"),
    ("order", ["rural", "roads", "asb"]),
    ("budget", {"changes_percent": {"patrols": -5.0, "cyber": 10}, "precept_change": 2.5}),
])
def test_an_answer_put_back_into_its_form_reads_as_the_same_answer(key: str, answer: object) -> None:
    values = form_values(BY_KEY[key], answer)
    form = {"answer": values["answer"] if isinstance(values.get("answer"), list) else [values.get("answer", "")]}
    form |= {name: [value] for name, value in values.get("ranks", {}).items()}
    form |= {name: [value] for name, value in values.get("changes", {}).items()}
    form |= {"precept-change": [values["precept-change"]]} if "precept-change" in values else {}
    assert read_answer(BY_KEY[key], form).value == answer


def test_the_posted_values_are_shown_again_as_entered() -> None:
    assert posted_values(BY_KEY["years"], {"answer": ["twelve"]}) == {"answer": "twelve"}
    assert posted_values(BY_KEY["budget"], {"line-cyber": ["x"], "precept-change": ["1"]}) == {
        "changes": {"line-cyber": "x"}, "precept-change": "1"}


@pytest.mark.parametrize(("key", "found", "field", "message"), [
    ("priority", problem("priority", "missing"), "answer", "Select an answer"),
    ("order", problem("order", "missing"), "rank-1", "Choose an option for each rank"),
    ("also", problem("also", "invalid"), "answer", "Select no more than %(high)s options"),
    ("comments", problem("comments", "invalid"), "answer", "Your answer must be %(max)s characters or fewer"),
    ("years", problem("years", "invalid"), "answer", "Enter a whole number between %(low)s and %(high)s"),
    ("budget", problem("budget", "unbalanced"), "line-patrols",
     "Your changes do not balance yet: change them until the total is within £%(tolerance)s of the target"),
    ("budget", problem("budget", "invalid", "changes_percent", "cyber"), "line-cyber",
     "Enter a change between %(low)s%% and %(high)s%%, in steps of %(step)s%%"),
    ("budget", problem("budget", "invalid", "precept_change"), "precept-change",
     "Enter an amount from £0 to £%(high)s a year, in whole pence"),
])
def test_the_services_verdict_is_put_against_the_field(key: str, found: dict, field: str, message: str) -> None:
    [said] = problems_of(BY_KEY[key], [found])
    assert (said.field, said.message, said.in_english) == (field, message, False)


def test_a_verdict_the_pages_have_no_words_for_is_shown_in_the_services_words() -> None:
    [said] = problems_of(BY_KEY["budget"], [problem("budget", "invalid", "surprise")])
    assert (said.message, said.in_english) == ("the service's words", True)


def test_only_the_questions_own_problems_count_and_routing_is_let_go() -> None:
    found = [problem("priority", "missing"), problem("rural", "not_asked"), problem("years", "invalid")]
    assert [p.field for p in problems_of(BY_KEY["years"], found)] == ["answer"]
    assert problems_of(BY_KEY["rural"], found) == []
    assert routed_away(found) == {"rural"}


def test_the_optional_pages_in_order() -> None:
    survey = consultation()
    quiet = Progress(answers={"priority": "asb", "comments": None})
    assert quiet.next_step(None, survey) == "postcode"
    assert quiet.next_step("email", survey) == "equality"  # no free text: nothing to publish
    assert quiet.next_step("equality", survey) is None  # no consent: no equality questions
    talkative = Progress(answers={"comments": "More patrols"}, details={"equality": "yes"})
    assert talkative.next_step("email", survey) == "publish"
    assert talkative.next_step("equality", survey) == "age_band"
    assert talkative.next_step("disability", survey) is None


def test_changing_an_answer_visits_only_pages_not_yet_seen() -> None:
    progress = Progress(details={"equality": "yes"}, visited=["postcode", "email", "equality"])
    assert progress.next_step("equality", consultation(), changing=True) == "age_band"
    progress.visited += ["age_band", "sex", "ethnicity", "disability"]
    assert progress.next_step("equality", consultation(), changing=True) is None


def test_the_question_answered_before() -> None:
    progress = Progress(answers={"priority": "asb", "also": None, "safety": 3})
    assert progress.previous_question("safety", consultation()) == "also"
    assert progress.previous_question("priority", consultation()) is None
    assert progress.previous_question(None, consultation()) == "safety"


def test_the_response_leaves_out_what_was_not_given() -> None:
    progress = Progress(answers={"priority": "asb", "also": None}, details={"email": None, "equality": "no",
                                                                             "age_band": "16_24"})
    assert response_body(consultation(), progress) == {"answers": {"priority": "asb"}}


def test_the_response_with_every_detail() -> None:
    progress = Progress(answers={"comments": "Thanks"}, details={
        "postcode": "CW1 2AB", "email": "a@example.com", "publish": "yes", "equality": "yes", "sex": "female"})
    assert response_body(consultation(), progress) == {
        "answers": {"comments": "Thanks"}, "postcode": "CW1 2AB", "email": "a@example.com",
        "publish_consent": True,
        "equality": {"consent": True, "age_band": None, "sex": "female", "ethnicity": None, "disability": None}}


@pytest.mark.parametrize(("given", "read"), [
    ("cw12ab", ("CW1 2AB", True)), (" sk10 1aa ", ("SK10 1AA", True)), ("CW1", ("CW1", True)), ("", (None, True)),
    ("not one", (None, False)), ("CW1 2ABC", (None, False)),
])
def test_postcodes(given: str, read: tuple) -> None:
    assert read_postcode(given) == read


@pytest.mark.parametrize(("given", "fine"), [("a@example.com", True), ("", True), ("not an email", False),
                                             ("a@b", False)])
def test_emails(given: str, fine: bool) -> None:
    assert read_email(given)[1] is fine


@pytest.mark.parametrize(("status", "closes", "outcome", "shown"), [
    ("scheduled", 1, None, "not_open"), ("open", 1, None, "open"), ("open", -1, None, "closed"),
    ("closed", -1, None, "closed"), ("closed", -1, {"en": "We did"}, "results"),
    ("results_published", -1, None, "results"),
])
def test_what_the_start_page_shows(status: str, closes: int, outcome: dict | None, shown: str) -> None:
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    found = consultation(status=status, closes_at=(now + timedelta(days=closes)).isoformat(), outcome=outcome)
    assert stage(found, now) == shown


def test_the_running_total_and_what_a_change_means() -> None:
    total = running_total(BUDGET["budget"], {"patrols": "-10", "cyber": "10"}, "5")
    assert (total.spend_change, total.precept_income) == (Decimal(-50_000), Decimal(10_000))
    assert total.still_to_find == Decimal(-10_000)  # 60,000 found against 50,000 needed
    patrols = BUDGET["budget"]["lines"][0]
    assert consequence(patrols, "-10") == {"en": "Two fewer patrols", "cy": "Dwy batrôl yn llai"}
    assert consequence(patrols, "-5") is None
