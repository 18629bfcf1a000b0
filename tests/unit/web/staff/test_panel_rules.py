"""The Panel questions' rules as staff see them: what each status allows, the queue's counts, the answer form."""

from __future__ import annotations

from peel.web.domain.staff.panel import AnswerForm, actions_for, counts, rejection_errors
from peel.web.domain.staff.reading import is_id


def test_each_status_allows_the_next_step_only() -> None:
    assert actions_for({"status": "received"}) == ("accept", "reject")
    assert actions_for({"status": "accepted"}) == ("answer",)
    assert actions_for({"status": "answered"}) == ("publish",)
    assert actions_for({"status": "rejected"}) == actions_for({"status": "published"}) == ()


def test_the_queue_counts_each_status_and_the_overdue() -> None:
    found = counts([{"status": "accepted", "overdue": True}, {"status": "accepted", "overdue": False},
                    {"status": "received"}])
    assert (found["accepted"], found["received"], found["published"], found["overdue"]) == (2, 1, 0, 1)


def test_an_answer_needs_english_and_a_real_date() -> None:
    assert set(AnswerForm.read({"answered_on": "2027-02-30"}).errors) == {"response_en", "answered_on"}
    given = AnswerForm.read({"response_en": "Yes.", "response_cy": "Ydy."})
    assert not given.errors and given.body() == {"response": {"en": "Yes.", "cy": "Ydy."}}
    assert AnswerForm.read({"response_en": "Yes.", "answered_on": "2027-03-01"}).body() == {
        "response": {"en": "Yes."}, "answered_on": "2027-03-01"}


def test_a_rejection_reason_must_be_one_of_the_offices() -> None:
    assert rejection_errors("sub_judice", ["sub_judice"]) == {}
    assert set(rejection_errors("made_up", ["sub_judice"])) == set(rejection_errors("", [])) == {"reason"}


def test_only_an_id_can_name_a_question() -> None:
    assert is_id("0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b") and not is_id("../meetings") and not is_id("")
