import uuid

from peel.common.contracts.consultation import ChoiceAnswer, QuestionSpec, TextAnswer
from peel.reporting.domain.answers import ANSWERED, AnswerRow, answer_rows
from peel.reporting.domain.consultation_results import Consultation, assemble

CONSULTATION = Consultation(
    consultation_id=uuid.uuid4(),
    tenant="cheshire",
    title={"en": "Priorities"},
    kind="survey",
    questions=tuple(QuestionSpec.model_validate(q) for q in [
        {"key": "priority", "type": "single_choice", "text": {"en": "Which?"}, "required": True,
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
        {"key": "also", "type": "multi_choice", "text": {"en": "Else?"}, "required": False,
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
        {"key": "comments", "type": "free_text", "text": {"en": "Anything?"}, "required": False, "options": []},
    ]),
)


def test_answer_rows_count_each_option_and_each_answered_question():
    answers = [ChoiceAnswer(question="priority", type="single_choice", options=("asb",)),
               ChoiceAnswer(question="also", type="multi_choice", options=("asb", "roads")),
               TextAnswer(question="comments", type="free_text", text="hello")]
    assert answer_rows(answers) == [
        AnswerRow("priority", ANSWERED), AnswerRow("priority", "asb"), AnswerRow("also", ANSWERED),
        AnswerRow("also", "asb"), AnswerRow("also", "roads"), AnswerRow("comments", ANSWERED)]


def test_assemble_zero_fills_options_and_computes_shares_of_those_who_answered():
    counts = {("priority", ANSWERED): {None: 4}, ("priority", "asb"): {None: 3}, ("priority", "roads"): {None: 1},
              ("also", ANSWERED): {None: 2}, ("also", "roads"): {None: 2}, ("comments", ANSWERED): {None: 1}}
    results = assemble(CONSULTATION, 5, counts)
    priority, also, comments = results.questions
    assert results.responses == 5
    assert [(o.key, o.count, o.share) for o in priority.options] == [("asb", 3, 0.75), ("roads", 1, 0.25)]
    assert [(o.key, o.count, o.share) for o in also.options] == [("asb", 0, 0.0), ("roads", 2, 1.0)]
    assert (comments.answered, comments.options) == (1, ())


def test_a_consultation_without_responses_shows_zeros():
    results = assemble(CONSULTATION, 0, {})
    assert all(o.count == 0 and o.share == 0 for q in results.questions for o in q.options)
