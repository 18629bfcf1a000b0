import uuid

from peel.reporting.domain.consultation_results import ANSWERED, assemble, tally

CONSULTATION = {
    "consultation_id": uuid.uuid4(),
    "title": {"en": "Priorities"},
    "kind": "survey",
    "questions": [
        {"key": "priority", "type": "single_choice", "text": {"en": "Which?"},
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
        {"key": "also", "type": "multi_choice", "text": {"en": "Else?"},
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
        {"key": "comments", "type": "free_text", "text": {"en": "Anything?"}, "options": []},
    ],
}


def test_tally_counts_each_option_and_each_answered_question():
    answers = [{"question": "priority", "type": "single_choice", "options": ["asb"]},
               {"question": "also", "type": "multi_choice", "options": ["asb", "roads"]},
               {"question": "comments", "type": "free_text", "text": "hello"}]
    assert tally(answers) == [("priority", ANSWERED), ("priority", "asb"), ("also", ANSWERED), ("also", "asb"),
                              ("also", "roads"), ("comments", ANSWERED)]


def test_assemble_zero_fills_options_and_computes_shares_of_those_who_answered():
    counts = {("priority", ANSWERED): 4, ("priority", "asb"): 3, ("priority", "roads"): 1,
              ("also", ANSWERED): 2, ("also", "roads"): 2, ("comments", ANSWERED): 1}
    results = assemble(CONSULTATION, 5, counts)
    priority, also, comments = results.questions
    assert results.responses == 5
    assert [(o.key, o.count, o.share) for o in priority.options] == [("asb", 3, 0.75), ("roads", 1, 0.25)]
    assert [(o.key, o.count, o.share) for o in also.options] == [("asb", 0, 0.0), ("roads", 2, 1.0)]
    assert (comments.answered, comments.options) == (1, ())


def test_a_consultation_without_responses_shows_zeros():
    results = assemble(CONSULTATION, 0, {})
    assert all(o.count == 0 and o.share == 0 for q in results.questions for o in q.options)
