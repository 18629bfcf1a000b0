from decimal import Decimal

import pytest

from peel.common.errors import InvalidInput
from peel.consultation.domain.kinds import PlanSection, check_budget_simulator, plan_questions, precept_question
from peel.consultation.domain.precept import PreceptOption, PreceptProposal, ReferendumLimit
from peel.consultation.domain.questions import QuestionType, Text
from peel.consultation.domain.routing import check_answers


def test_each_plan_section_gets_a_support_rating_and_a_comment():
    sections = (PlanSection("victims", Text("Putting victims first", "Rhoi dioddefwyr yn gyntaf"), Text("...")),
                PlanSection("roads", Text("Safer roads"), Text("...")))
    questions = plan_questions(sections)
    assert [(q.key, q.type) for q in questions] == [
        ("victims_support", QuestionType.RATING), ("victims_comment", QuestionType.FREE_TEXT),
        ("roads_support", QuestionType.RATING), ("roads_comment", QuestionType.FREE_TEXT)]
    assert questions[0].text.cy.endswith("Rhoi dioddefwyr yn gyntaf?") and questions[2].text.cy is None
    accepted, errors = check_answers(questions, {"victims_support": 5, "roads_support": 2, "roads_comment": "Yes"})
    assert errors == [] and len(accepted) == 3
    _, errors = check_answers(questions, {"victims_support": 6, "roads_support": 2})
    assert [e.location for e in errors] == [("answers", "victims_support")]


def test_the_precept_question_offers_each_option_with_its_band_d_change():
    proposal = PreceptProposal(Decimal("250.00"), (PreceptOption("freeze", Decimal("0")),
                                                   PreceptOption("plus14", Decimal("14")),
                                                   PreceptOption("plus20", Decimal("20"))),
                               referendum_limit=ReferendumLimit(pounds=Decimal("14")))
    question = precept_question(proposal)
    assert [o.text.en for o in question.options] == [
        "No change for Band D", "£14.00 a year more for Band D (£0.27 a week)",
        "£20.00 a year more for Band D (£0.38 a week)"]
    assert [e.triggers_referendum for e in proposal.effects()] == [False, False, True]


def test_a_budget_simulator_must_ask_for_an_allocation():
    with pytest.raises(InvalidInput, match="budget_allocation"):
        check_budget_simulator(plan_questions((PlanSection("a", Text("A"), Text("A")),)))
