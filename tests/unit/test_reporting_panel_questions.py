"""Public questions to the Police and Crime Panel counted per meeting, checked on a small hand-worked example."""

import uuid
from datetime import UTC, date, datetime

from peel.reporting.domain.panel_export import PANEL_QUESTION_COLUMNS, panel_question_table
from peel.reporting.domain.panel_questions import PanelQuestion, ReasonCount, figures, local_date, report

MARCH, APRIL = uuid.UUID(int=1), uuid.UUID(int=2)
ACCEPTED = datetime(2030, 3, 4, 10, tzinfo=UTC)


def march(**progress: object) -> PanelQuestion:
    return PanelQuestion(MARCH, date(2030, 3, 28), **progress)


QUESTIONS = [
    # accepted on 4 March, due 18 March, answered on the 19th (15 days, late) and published
    march(accepted_at=ACCEPTED, answer_due=date(2030, 3, 18), answered_at=datetime(2030, 3, 19, 9, tzinfo=UTC),
          answered_on=date(2030, 3, 19), answered_late=True, published_at=datetime(2030, 3, 20, tzinfo=UTC)),
    # answered on the 15th (11 days), recorded later
    march(accepted_at=ACCEPTED, answer_due=date(2030, 3, 18), answered_at=datetime(2030, 3, 19, 9, tzinfo=UTC),
          answered_on=date(2030, 3, 15), answered_late=False),
    # accepted, due 19 March, not answered
    march(accepted_at=datetime(2030, 3, 5, 10, tzinfo=UTC), answer_due=date(2030, 3, 19)),
    march(rejection_reason="operational_matter"),
    march(rejection_reason="sub_judice"),
    march(rejection_reason="operational_matter"),
    march(),
    # answered at 23:30 UTC on 10 April, which is 11 April in England (BST): 10 days
    PanelQuestion(APRIL, date(2030, 4, 20), accepted_at=datetime(2030, 4, 1, 9, tzinfo=UTC),
                  answer_due=date(2030, 4, 15), answered_at=datetime(2030, 4, 10, 23, 30, tzinfo=UTC)),
]


def test_a_meetings_questions_are_counted_at_every_step_they_reached():
    found = figures(QUESTIONS[:7], date(2030, 3, 20), MARCH)
    assert (found.meeting_id, found.meeting_date) == (MARCH, date(2030, 3, 28))
    assert (found.received, found.awaiting_decision, found.accepted, found.rejected) == (7, 1, 3, 3)
    assert found.rejected_by_reason == (ReasonCount("operational_matter", 2), ReasonCount("sub_judice", 1))
    assert (found.answered, found.awaiting_answer, found.published) == (2, 1, 1)
    assert (found.overdue, found.answered_late) == (1, 1)
    assert found.median_days_to_answer == 13  # 15 and 11 days


def test_an_unanswered_question_is_overdue_only_once_its_due_date_has_passed():
    assert figures(QUESTIONS[:7], date(2030, 3, 19)).overdue == 0
    assert figures(QUESTIONS[:7], date(2030, 3, 20)).overdue == 1


def test_the_answer_date_is_the_day_in_england_when_none_was_given():
    assert local_date(datetime(2030, 4, 10, 23, 30, tzinfo=UTC)) == date(2030, 4, 11)
    assert QUESTIONS[7].days_to_answer == 10
    assert not QUESTIONS[7].was_late


def test_the_report_lists_meetings_by_date_with_totals_of_every_meeting():
    found = report(list(reversed(QUESTIONS)), date(2030, 4, 30))
    assert [m.meeting_id for m in found.meetings] == [MARCH, APRIL]
    assert (found.totals.meeting_id, found.totals.meeting_date) == (None, None)
    assert (found.totals.received, found.totals.accepted, found.totals.answered, found.totals.overdue) == (8, 4, 3, 1)
    assert found.totals.median_days_to_answer == 11  # 15, 11 and 10 days
    assert found.meetings[1].median_days_to_answer == 10


def test_no_answers_have_no_median():
    assert figures([march()], date(2030, 3, 20)).median_days_to_answer is None


def test_the_csv_has_a_row_per_figure_and_per_rejection_reason():
    rows = list(panel_question_table(report(QUESTIONS, date(2030, 3, 20))))
    assert all(len(row) == len(PANEL_QUESTION_COLUMNS) for row in rows)
    assert (str(MARCH), "2030-03-28", "", "received", 7) in rows
    assert (str(MARCH), "2030-03-28", "operational_matter", "rejected", 2) in rows
    assert ("all", "", "", "median_days_to_answer", 11) in rows
    assert (str(APRIL), "2030-04-20", "", "overdue", 0) in rows
