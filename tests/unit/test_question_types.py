"""Question types: their answer rules, routing, whole-response checks, definitions, storage and bodies."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from peel.common.contracts.consultation import (
    BudgetAnswer,
    ChoiceAnswer,
    NumberAnswer,
    QuestionSpec,
    RankingAnswer,
    RatingAnswer,
    TextAnswer,
)
from peel.common.errors import InvalidInput
from peel.consultation.adapters.question_rows import question_from_json, question_to_json
from peel.consultation.domain.budget import Budget, BudgetLine, Consequence, PreceptLever
from peel.consultation.domain.questions import (
    AnswerRefused,
    NumberRange,
    Option,
    PointLabel,
    Question,
    QuestionType,
    Scale,
    ShowIf,
    Text,
)
from peel.consultation.domain.routing import check_answers, check_questions
from peel.consultation.entrypoints.http.question_schemas import QuestionCreate, QuestionPublic, questions_to_domain

T = QuestionType
YES_NO = (Option("yes", Text("Yes", "Ydw")), Option("no", Text("No", "Nac ydw")))
PRIORITIES = (Option("asb", Text("Anti-social behaviour")), Option("roads", Text("Road safety")),
              Option("burglary", Text("Burglary")), Option("drugs", Text("Drugs")))
SCALE = Scale(1, 5, labels=(PointLabel(1, Text("Very poor")), PointLabel(5, Text("Very good"))))
BUDGET = Budget(
    lines=(BudgetLine("patrols", Text("Patrols"), Decimal(1_000_000), Decimal(-10), Decimal(10), Decimal(5),
                      consequences=(Consequence(Decimal(-10), Text("Ten fewer officers")),)),),
    target_change=Decimal(-50_000), tolerance=Decimal(0),
    precept=PreceptLever(Decimal("250.00"), Decimal(14), Decimal(10_000)),
)


def ask(key: str, kind: QuestionType, **details) -> Question:
    return Question(key, kind, Text(f"{key}?"), **details)


SINGLE = ask("priority", T.SINGLE_CHOICE, options=PRIORITIES)
MULTI = ask("also", T.MULTI_CHOICE, options=PRIORITIES, min_selections=2, max_selections=3)
FREE = ask("comments", T.FREE_TEXT, max_length=10)
RATING = ask("confidence", T.RATING, scale=SCALE)
RANKING = ask("order", T.RANKING, options=PRIORITIES[:3])
TOP_TWO = ask("top", T.RANKING, options=PRIORITIES, min_ranked=2)
NUMBER = ask("age", T.NUMBER, range=NumberRange(16, 120, unit="years", integer_only=True))
SPEND = ask("spend", T.BUDGET_ALLOCATION, budget=BUDGET)
EVERY_TYPE = (SINGLE, MULTI, FREE, RATING, RANKING, TOP_TWO, NUMBER, SPEND)


def refusal(question: Question, value: object) -> str:
    with pytest.raises(AnswerRefused) as refused:
        question.answer(value)
    return str(refused.value)


# Each type's answers.

def test_valid_answers_of_every_type_become_the_contracts_answers():
    assert SINGLE.answer("roads") == ChoiceAnswer(question="priority", type="single_choice", options=("roads",))
    assert MULTI.answer(["asb", "drugs"]) == ChoiceAnswer(question="also", type="multi_choice",
                                                          options=("asb", "drugs"))
    assert FREE.answer("  Lights ", publishable=True) == TextAnswer(question="comments", type="free_text",
                                                                   text="Lights", publishable=True)
    assert RATING.answer(4) == RatingAnswer(question="confidence", type="rating", value=4)
    assert RATING.answer(5.0) == RatingAnswer(question="confidence", type="rating", value=5)
    assert RANKING.answer(["roads", "asb", "burglary"]).order == ("roads", "asb", "burglary")
    assert TOP_TWO.answer(["drugs", "asb"]) == RankingAnswer(question="top", type="ranking", order=("drugs", "asb"))
    assert NUMBER.answer(42) == NumberAnswer(question="age", type="number", value=42.0)
    assert SPEND.answer({"changes_percent": {"patrols": -5}}) == BudgetAnswer(
        question="spend", type="budget_allocation", changes_percent={"patrols": -5.0}, precept_change=0.0)


def test_free_text_is_not_publishable_without_consent():
    assert FREE.answer("Lights").publishable is False


@pytest.mark.parametrize(("question", "value", "reason"), [
    (SINGLE, "dragons", "'dragons' is not an option; choose from ['asb', 'roads', 'burglary', 'drugs']"),
    (SINGLE, ["asb"], "must be one option key, as a string"),
    (MULTI, ["asb"], "choose between 2 and 3 options, not 1"),
    (MULTI, ["asb", "roads", "burglary", "drugs"], "choose between 2 and 3 options, not 4"),
    (MULTI, ["asb", "asb"], "lists an option more than once"),
    (MULTI, "asb", "must be a list of option keys"),
    (FREE, "x" * 11, "is 11 characters long; the limit is 10"),
    (FREE, 7, "must be text"),
    (RATING, 6, "must be a whole number from 1 to 5, not 6"),
    (RATING, 0, "must be a whole number from 1 to 5, not 0"),
    (RATING, 3.5, "must be a whole number from 1 to 5, not 3.5"),
    (RATING, "4", 'must be a whole number from 1 to 5, not "4"'),
    (RATING, True, "must be a whole number from 1 to 5, not true"),
    (RANKING, ["roads", "asb"], "rank all 3 options; not ranked: 'burglary'"),
    (RANKING, ["roads", "asb", "drugs"], "'drugs' is not an option; choose from ['asb', 'roads', 'burglary']"),
    (RANKING, ["roads", "roads", "asb"], "lists an option more than once"),
    (TOP_TWO, ["drugs"], "rank at least 2 options, not 1; not ranked: 'asb', 'roads', 'burglary'"),
    (NUMBER, 121, "must be between 16 and 120 (years), not 121"),
    (NUMBER, 15, "must be between 16 and 120 (years), not 15"),
    (NUMBER, 30.5, "must be a whole number, not 30.5"),
    (NUMBER, "thirty", 'must be a number, not "thirty"'),
    (NUMBER, False, "must be a number, not false"),
    (SPEND, ["patrols"], 'must be an object: {"changes_percent": {line: per cent, ...}, "precept_change": £}'),
])
def test_invalid_answers_are_refused_with_the_reason(question, value, reason):
    assert refusal(question, value) == reason


def test_number_ranges_may_take_fractions_when_not_whole_numbers_only():
    weight = ask("weight", T.NUMBER, range=NumberRange(0.5, 2.5))
    assert weight.answer(1.25).value == 1.25
    assert refusal(weight, 2.6) == "must be between 0.5 and 2.5, not 2.6"


def test_a_ranking_may_list_more_than_its_minimum():
    assert TOP_TWO.answer(["drugs", "asb", "roads", "burglary"]).order == ("drugs", "asb", "roads", "burglary")


# Routing and whole responses.

VICTIM = ask("victim", T.SINGLE_CHOICE, options=YES_NO)
SATISFIED = ask("satisfied", T.RATING, scale=SCALE, show_if=ShowIf("victim", "yes"))
CONCERNS = ask("concerns", T.MULTI_CHOICE, options=PRIORITIES, required=False)
ROADS_DETAIL = ask("roads_detail", T.NUMBER, range=NumberRange(0, 10), show_if=ShowIf("concerns", "roads"))
SURVEY = (VICTIM, SATISFIED, CONCERNS, ROADS_DETAIL)


def reasons(questions, answers, **kwargs) -> dict:
    return {error.location: error.reason for error in check_answers(questions, answers, **kwargs)[1]}


def test_a_shown_question_takes_its_answer():
    accepted, errors = check_answers(SURVEY, {"victim": "yes", "satisfied": 4})
    assert errors == []
    assert [answer.question for answer in accepted] == ["victim", "satisfied"]


def test_a_required_question_hidden_by_routing_may_be_left_blank():
    accepted, errors = check_answers(SURVEY, {"victim": "no"})
    assert errors == [] and [answer.question for answer in accepted] == ["victim"]


def test_a_required_question_shown_by_routing_needs_an_answer():
    assert reasons(SURVEY, {"victim": "yes"}) == {("answers", "satisfied"): "this question needs an answer"}


def test_answering_a_hidden_question_is_refused():
    assert reasons(SURVEY, {"victim": "no", "satisfied": 4}) == {
        ("answers", "satisfied"): "not asked: shown only when 'victim' is 'yes'"}
    assert reasons(SURVEY, {"victim": "yes", "satisfied": 3, "roads_detail": 2}) == {
        ("answers", "roads_detail"): "not asked: shown only when 'concerns' includes 'roads'"}


def test_a_multi_choice_answer_shows_the_question_when_it_includes_the_option():
    accepted, errors = check_answers(SURVEY, {"victim": "no", "concerns": ["asb", "roads"], "roads_detail": 7})
    assert errors == [] and accepted[-1] == NumberAnswer(question="roads_detail", type="number", value=7.0)
    assert reasons(SURVEY, {"victim": "no", "concerns": ["asb", "roads"]}) == {
        ("answers", "roads_detail"): "this question needs an answer"}


def test_a_question_routed_from_a_hidden_question_is_hidden_too():
    victim_type = ask("victim_type", T.SINGLE_CHOICE, options=(Option("online", Text("Online")),
                                                               Option("street", Text("Street"))),
                      show_if=ShowIf("victim", "yes"))
    detail = ask("detail", T.NUMBER, range=NumberRange(0, 9), show_if=ShowIf("victim_type", "online"))
    questions = (VICTIM, victim_type, detail)
    assert reasons(questions, {"victim": "no"}) == {}
    assert reasons(questions, {"victim": "no", "detail": 3}) == {
        ("answers", "detail"): "not asked: shown only when 'victim_type' is 'online'"}
    assert reasons(questions, {"victim": "yes", "victim_type": "online"}) == {
        ("answers", "detail"): "this question needs an answer"}


def test_when_the_deciding_answer_is_refused_routed_questions_are_checked_only_by_their_own_rules():
    assert reasons(SURVEY, {"victim": "maybe", "satisfied": 9}) == {
        ("answers", "victim"): "'maybe' is not an option; choose from ['yes', 'no']",
        ("answers", "satisfied"): "must be a whole number from 1 to 5, not 9",
    }
    assert reasons(SURVEY, {"victim": "maybe"}) == {("answers", "victim"): "'maybe' is not an option; choose from "
                                                                           "['yes', 'no']"}


def test_check_answers_reports_every_failing_field_at_once():
    questions = (*SURVEY, FREE, RANKING, SPEND)
    answers = {"victim": "no", "satisfied": 2, "concerns": ["asb", "asb"], "comments": "x" * 11,
               "order": ["asb"], "spend": {"changes_percent": {"patrols": 3}}, "shoe_size": 9}
    _, errors = check_answers(questions, answers)
    assert {(e.location, e.reason, e.code) for e in errors} == {
        (("answers", "shoe_size"), "no such question", "unknown_question"),
        (("answers", "satisfied"), "not asked: shown only when 'victim' is 'yes'", "not_asked"),
        (("answers", "concerns"), "lists an option more than once", "invalid"),
        (("answers", "comments"), "is 11 characters long; the limit is 10", "invalid"),
        (("answers", "order"), "rank all 3 options; not ranked: 'roads', 'burglary'", "invalid"),
        (("answers", "spend", "changes_percent", "patrols"),
         "the change for 'patrols' (Patrols) must be in steps of 5% (such as 0% or +5%), not +3%", "invalid"),
    }


def test_check_answers_passes_publishing_consent_to_free_text():
    accepted, _ = check_answers((FREE,), {"comments": "Lights"}, publishable=True)
    assert accepted == (TextAnswer(question="comments", type="free_text", text="Lights", publishable=True),)


def test_blank_optional_questions_are_left_out():
    optional_comments = replace(FREE, required=False)
    assert check_answers((CONCERNS, optional_comments), {"concerns": [], "comments": "   "}) == ((), [])
    assert reasons((FREE,), {"comments": "   "}) == {("answers", "comments"): "this question needs an answer"}


# Definitions.

def definition_reasons(questions) -> dict:
    with pytest.raises(InvalidInput) as refused:
        check_questions(questions)
    return {error.location: error.reason for error in refused.value.errors}


def test_sound_questions_of_every_type_pass():
    check_questions((*EVERY_TYPE, VICTIM, SATISFIED, CONCERNS, ROADS_DETAIL))


def test_show_if_must_name_an_earlier_choice_question_and_one_of_its_options():
    questions = (
        ask("first", T.SINGLE_CHOICE, options=YES_NO, show_if=ShowIf("second", "yes")),
        ask("second", T.SINGLE_CHOICE, options=YES_NO, show_if=ShowIf("second", "yes")),
        ask("third", T.FREE_TEXT, show_if=ShowIf("nowhere", "yes")),
        ask("fourth", T.FREE_TEXT, show_if=ShowIf("third", "yes")),
        ask("fifth", T.FREE_TEXT, show_if=ShowIf("first", "maybe")),
    )
    assert definition_reasons(questions) == {
        ("questions", 0, "show_if", "question"): "must name an earlier question; 'second' comes at or after this one",
        ("questions", 1, "show_if", "question"): "must name an earlier question; 'second' comes at or after this one",
        ("questions", 2, "show_if", "question"): "must name an earlier question; 'nowhere' is not a question of "
                                                 "this consultation",
        ("questions", 3, "show_if", "question"): "'third' is a free_text question; routing needs a single or multi "
                                                 "choice question",
        ("questions", 4, "show_if", "equals"): "'maybe' is not an option of 'first'; choose from ['yes', 'no']",
    }


def test_each_types_definition_rules_are_located_and_explained():
    questions = (
        ask("ranked", T.RANKING, options=PRIORITIES[:1]),
        ask("ranked", T.RANKING, options=PRIORITIES, min_ranked=5),
        ask("rated", T.RATING, scale=Scale(5, 5)),
        ask("wide", T.RATING, scale=Scale(0, 11)),
        ask("labelled", T.RATING, scale=Scale(1, 5, labels=(PointLabel(7, Text("Seven")),))),
        ask("counted", T.NUMBER, range=NumberRange(10, 1)),
        ask("whole", T.NUMBER, range=NumberRange(0.2, 0.8, integer_only=True)),
        ask("no_scale", T.RATING),
        ask("picked", T.MULTI_CHOICE, options=YES_NO, max_selections=3),
        ask("same", T.SINGLE_CHOICE, options=(YES_NO[0], YES_NO[0])),
    )
    assert definition_reasons(questions) == {
        ("questions", 0, "options"): "a ranking question needs at least 2 options, not 1",
        ("questions", 1, "key"): "'ranked' is already the key of an earlier question",
        ("questions", 1, "min_ranked"): "must be from 1 to 4 (the number of options)",
        ("questions", 2, "scale", "maximum"): "must be more than the minimum (5)",
        ("questions", 3, "scale", "maximum"): "a scale has at most 11 points; 0 to 11 has 12",
        ("questions", 4, "scale", "labels", "7"): "7 is not a point of the scale 1 to 5",
        ("questions", 5, "range", "maximum"): "must be more than the minimum (10)",
        ("questions", 6, "range", "integer_only"): "no whole number lies between 0.2 and 0.8",
        ("questions", 7, "scale"): "a rating question needs a scale",
        ("questions", 8, "max_selections"): "need 1 <= min_selections <= max_selections <= 2 (the number of options)",
        ("questions", 9, "options"): "option keys must be unique within a question; repeated: ['yes']",
    }


def test_a_budget_questions_problems_are_located_inside_it():
    line = BUDGET.lines[0]
    bad = Budget(lines=(line, BudgetLine("patrols", Text("Again"), Decimal(5), Decimal(1), Decimal(5), Decimal(1))),
                 target_change=Decimal(0), tolerance=Decimal(0))
    assert definition_reasons((ask("spend", T.BUDGET_ALLOCATION, budget=bad),)) == {
        ("questions", 0, "budget", "lines", 1, "key"): "'patrols' is already the key of an earlier line",
        ("questions", 0, "budget", "lines", 1, "min_change_percent"): "must be 0 or less, so that leaving the line "
                                                                      "as it is is allowed",
    }


# The contract's spec.

def test_spec_fills_each_types_part():
    assert SINGLE.spec().options[0].key == "asb" and SINGLE.spec().type == "single_choice"
    assert RATING.spec().scale.model_dump() == {"minimum": 1, "maximum": 5, "labels": {
        "1": {"en": "Very poor", "cy": None}, "5": {"en": "Very good", "cy": None}}}
    assert NUMBER.spec().range.model_dump() == {"minimum": 16, "maximum": 120, "unit": "years"}
    assert SATISFIED.spec().show_if.model_dump() == {"question": "victim", "equals": "yes"}
    budget = SPEND.spec().budget
    assert budget.lines[0].current_spend == 1_000_000.0 and budget.lines[0].step_percent == 5.0
    assert budget.target_change == -50_000.0 and budget.precept.income_per_pound == 10_000.0
    assert all(isinstance(question.spec(), QuestionSpec) for question in EVERY_TYPE)


# Storage.

@pytest.mark.parametrize("question", [*EVERY_TYPE, SATISFIED, ask("welsh", T.SINGLE_CHOICE, options=YES_NO)],
                         ids=lambda q: q.key)
def test_every_question_type_survives_a_json_round_trip(question):
    stored = json.loads(json.dumps(question_to_json(question)))
    assert question_from_json(stored) == question


def test_budget_amounts_are_stored_as_exact_decimal_strings():
    stored = question_to_json(SPEND)["budget"]
    assert stored["lines"][0]["current_spend"] == "1000000" and stored["precept"]["band_d_current"] == "250.00"


def test_rows_written_before_the_new_types_still_read():
    old = {"key": "priority", "type": "single_choice", "text": {"en": "Which?"}, "required": True,
           "options": [{"key": "asb", "text": {"en": "ASB"}}], "max_length": None, "min_selections": None,
           "max_selections": None}
    assert question_from_json(old) == Question("priority", T.SINGLE_CHOICE, Text("Which?"),
                                               options=(Option("asb", Text("ASB")),))


# Request and response bodies.

BODY = TypeAdapter(QuestionCreate)
TEXT = {"en": "Question?", "cy": "Cwestiwn?"}
A_AND_B = [{"key": "a", "text": TEXT}, {"key": "b", "text": TEXT}]
BODIES = [
    {"type": "single_choice", "key": "q", "text": TEXT, "options": A_AND_B},
    {"type": "multi_choice", "key": "q", "text": TEXT, "options": A_AND_B, "max_selections": 2},
    {"type": "free_text", "key": "q", "text": TEXT, "max_length": 500, "required": False},
    {"type": "rating", "key": "q", "text": TEXT, "scale": {"minimum": 0, "maximum": 10, "labels": {"0": TEXT}}},
    {"type": "ranking", "key": "q", "text": TEXT, "options": A_AND_B, "min_ranked": 1},
    {"type": "number", "key": "q", "text": TEXT,
     "range": {"minimum": 0, "maximum": 100, "unit": "years", "integer_only": True}},
    {"type": "budget_allocation", "key": "q", "text": TEXT, "budget": {
        "lines": [{"key": "patrols", "text": TEXT, "current_spend": 1000000, "min_change_percent": -10,
                   "max_change_percent": 10, "step_percent": 2.5,
                   "consequences": [{"change_percent": -10, "text": TEXT}]}],
        "target_change": -50000, "tolerance": 1000,
        "precept": {"band_d_current": 250.5, "max_change": 14, "income_per_pound": 10000}}},
]


@pytest.mark.parametrize("body", BODIES, ids=lambda body: body["type"])
def test_a_body_of_every_type_becomes_its_question_and_shows_as_it_was_given(body):
    question = BODY.validate_json(json.dumps(body)).to_domain()
    assert question.type == body["type"] and question.text == Text("Question?", "Cwestiwn?")
    shown = json.loads(QuestionPublic.of(question).model_dump_json())
    for name, value in body.items():
        assert shown[name] == value, name


def test_budget_bodies_keep_amounts_exact():
    budget = BODY.validate_json(json.dumps(BODIES[-1])).to_domain().budget
    assert budget.lines[0].step_percent == Decimal("2.5") and budget.precept.band_d_current == Decimal("250.5")


def body_errors(body: dict) -> dict:
    with pytest.raises(ValidationError) as refused:
        BODY.validate_python(body)
    return {error["loc"]: error["msg"] for error in refused.value.errors()}


@pytest.mark.parametrize(("change", "location", "message"), [
    ({"key": "Bad Key"}, ("single_choice", "key"), "String should match pattern"),
    ({"options": [{"key": "a", "text": TEXT}]}, ("single_choice", "options"), "at least 2 items"),
    ({"type": "rating", "options": None, "scale": {"minimum": 3, "maximum": 1}}, ("rating",),
     "scale.maximum: must be more than the minimum (3)"),
    ({"type": "rating", "options": None, "scale": {"minimum": 0, "maximum": 11}}, ("rating",),
     "scale.maximum: a scale has at most 11 points"),
    ({"type": "rating", "options": None, "scale": {"minimum": 1, "maximum": 5, "labels": {"one": TEXT}}},
     ("rating", "scale", "labels", "one", "[key]"), "valid integer"),
    ({"type": "number", "options": None, "range": {"minimum": 5, "maximum": 5}}, ("number",),
     "range.maximum: must be more than the minimum (5)"),
    ({"type": "ranking", "options": [{"key": "a", "text": TEXT}, {"key": "a", "text": TEXT}]}, ("ranking",),
     "options: option keys must be unique within a question; repeated: ['a']"),
    ({"type": "multi_choice", "min_selections": 2, "max_selections": 1}, ("multi_choice",),
     "max_selections: need 1 <= min_selections <= max_selections <= 2"),
    ({"show_if": {"question": "q0"}}, ("single_choice", "show_if", "equals"), "Field required"),
    ({"type": "sliding_puzzle"}, (), "does not match any of the expected tags"),
])
def test_a_bad_body_names_the_field(change, location, message):
    body = {**BODIES[0], **change}
    body = {name: value for name, value in body.items() if value is not None}
    errors = body_errors(body)
    assert location in errors and message in errors[location], errors


@pytest.mark.parametrize(("line_change", "location", "message"), [
    ({"step_percent": 3}, ("budget_allocation",), "budget.lines.0.step_percent: must divide both limits "
                                                  "(-10% and +10%)"),
    ({"step_percent": 0}, ("budget_allocation", "budget", "lines", 0, "step_percent"), "greater than 0"),
    ({"min_change_percent": 5}, ("budget_allocation", "budget", "lines", 0, "min_change_percent"),
     "less than or equal to 0"),
    ({"current_spend": "12.345"}, ("budget_allocation", "budget", "lines", 0, "current_spend"), "2 decimal places"),
    ({"consequences": [{"change_percent": 3, "text": TEXT}]}, ("budget_allocation",),
     "budget.lines.0.consequences.0.change_percent: +3% is not a change residents can choose for this line"),
])
def test_a_bad_budget_body_names_the_line_and_field(line_change, location, message):
    body = json.loads(json.dumps(BODIES[-1]))
    body["budget"]["lines"][0].update(line_change)
    errors = body_errors(body)
    assert location in errors and message in errors[location], errors


def test_routing_across_bodies_is_checked_when_they_become_questions():
    first = {**BODIES[2], "key": "first", "show_if": {"question": "second", "equals": "a"}}
    second = {**BODIES[0], "key": "second"}
    bodies = [BODY.validate_python(first), BODY.validate_python(second)]
    with pytest.raises(InvalidInput) as refused:
        questions_to_domain(bodies)
    assert [(e.location, e.reason) for e in refused.value.errors] == [
        (("questions", 0, "show_if", "question"), "must name an earlier question; 'second' comes at or after this one")]
    assert [q.key for q in questions_to_domain(bodies[::-1])] == ["second", "first"]


@pytest.mark.parametrize("question", EVERY_TYPE, ids=lambda q: q.key)
def test_the_public_view_of_every_type_survives_a_dump_and_reload(question):
    shown = QuestionPublic.of(question)
    assert QuestionPublic.model_validate(shown.model_dump()) == shown
    assert json.loads(shown.model_dump_json())["type"] == question.type
