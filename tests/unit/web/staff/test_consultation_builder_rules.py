"""The builder's pure rules: new drafts, the task list, the Welsh still missing, the referendum check, and each
question type's form read into the service's body, reordered, removed and routed."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from peel.web.domain.staff import consultation_builder as rules
from peel.web.domain.staff import consultation_question_form as question_form
from peel.web.domain.staff import consultation_questions as questions
from tests.unit.web.staff.test_consultation_builder_pages import SAFE, SETTINGS, WHY, a_draft

NOW = datetime(2026, 12, 8, 12, tzinfo=UTC)
def linked(*parts: str) -> str:
    return "/c/" + "/".join(parts)


DATE = {"closes-day": "31", "closes-month": "3", "closes-year": "2027"}


def test_a_key_is_made_from_english_words_and_kept_unique() -> None:
    assert rules.slug("Do you feel safe?") == "do_you_feel_safe"
    assert rules.slug("Do you feel safe?", {"do_you_feel_safe"}) == "do_you_feel_safe_2"
    assert rules.slug("2025 budget", fallback="question") == "question_2025_budget"
    assert rules.slug("¿?", fallback="option") == "option"


def test_the_closing_time_is_the_end_of_the_day_in_the_uk() -> None:
    assert rules.closing_time("31", "3", "2027") == datetime(2027, 3, 31, 22, 59, tzinfo=UTC)  # summer time
    assert rules.closing_time("31", "1", "2027") == datetime(2027, 1, 31, 23, 59, tzinfo=UTC)
    assert rules.closing_time("30", "2", "2027") is None and rules.closing_time("1", "1", "27") is None
    assert rules.opening_time("1", "7", "2027", "9") == datetime(2027, 7, 1, 8, tzinfo=UTC)
    assert rules.opening_time("1", "7", "2027", "24") is None


def test_each_kind_starts_with_what_the_service_needs() -> None:
    survey, problems = rules.new_draft({"kind": "survey", "title-en": "Safety", **DATE}, NOW)
    assert not problems and survey["questions"] == [rules.ANYTHING_ELSE] and survey["title"] == {"en": "Safety"}
    budget, _ = rules.new_draft({"kind": "budget_simulator", "title-en": "Budget", **DATE}, NOW)
    assert budget["questions"][0]["type"] == "budget_allocation"
    plan, problems = rules.new_draft({"kind": "draft_plan", "title-en": "Plan", **DATE}, NOW)
    assert problems == {"section-1-title-en": "Enter the first section's title and summary in English"}
    plan, problems = rules.new_draft({"kind": "draft_plan", "title-en": "Plan", "section-1-title-en": "Roads",
                                      "section-1-summary-en": "Safer roads", "section-1-summary-cy": "Ffyrdd",
                                      "section-3-title-en": "Roads", "section-3-summary-en": "Again", **DATE}, NOW)
    assert not problems and plan["sections"] == [
        {"key": "roads", "title": {"en": "Roads"}, "summary": {"en": "Safer roads", "cy": "Ffyrdd"}},
        {"key": "roads_2", "title": {"en": "Roads"}, "summary": {"en": "Again"}}]
    _, problems = rules.new_draft({"kind": "draft_plan", "title-en": "Plan", "section-1-title-en": "Roads",
                                   "section-1-summary-en": "Safer roads", "section-2-title-en": "Drugs", **DATE}, NOW)
    assert problems == {"section-2-title-en": "Enter each section's title and summary in English"}
    precept, problems = rules.new_draft({"kind": "precept", "title-en": "Tax", "options": "£0, 10, x", **DATE}, NOW)
    assert problems == {"options": "Enter at least two Band D changes, such as 0, 10, 14.99"}
    precept, problems = rules.new_draft({"kind": "precept", "title-en": "Tax", "options": "£0, 9.99", **DATE}, NOW)
    assert not problems and [o["change"] for o in precept["precept"]["options"]] == ["0.00", "9.99"]


def test_a_closing_date_in_the_past_is_refused() -> None:
    _, problems = rules.new_draft({"kind": "survey", "title-en": "A", "closes-day": "1", "closes-month": "1",
                                   "closes-year": "2020"}, NOW)
    assert problems == {"closes-day": "The closing date must be in the future"}


def test_the_task_list_follows_the_draft() -> None:
    href = linked
    statuses = {task.key: task.status for task in rules.tasks(a_draft(), href)}
    assert statuses == {"details": "in_progress", "questions": "completed", "routing": "completed",
                        "welsh": "in_progress", "preview": "not_started", "publish": "not_started"}
    starting = a_draft(questions=[rules.ANYTHING_ELSE], requires_welsh=True, title={"en": "Only English"})
    statuses = {task.key: task.status for task in rules.tasks(starting, href)}
    assert statuses["questions"] == "in_progress" and statuses["publish"] == "cannot_start"
    assert statuses["routing"] == "not_started"
    assert "precept" in {task.key for task in rules.tasks(a_draft(kind="precept"), href)}


def test_the_welsh_check_names_every_text_without_welsh() -> None:
    rating = {**WHY, "key": "score", "type": "rating", "show_if": None,
              "scale": {"minimum": 1, "maximum": 5, "labels": {"1": {"en": "Poor", "cy": None}}}}
    missing = rules.missing_welsh(a_draft(summary={"en": "About"}, questions=[SAFE, rating]))
    assert missing == [("summary", "About"), ("questions.score.text", "Why not?"), ("questions.score.scale.1", "Poor")]


def test_an_option_above_the_referendum_limit_is_flagged() -> None:
    checks = rules.precept_check([Decimal("14.00"), Decimal("14.01")], SETTINGS)
    assert [c.needs_referendum for c in checks] == [False, True]
    assert checks[0].new_band_d == Decimal("264.00") and checks[0].percent == Decimal("5.60")
    by_percent = {"band_d_current": 200, "referendum_limit": {"pounds": None, "percent": 2.99}}
    assert [c.needs_referendum for c in rules.precept_check([Decimal("5.98"), Decimal("6")], by_percent)] == [
        False, True]
    assert not rules.precept_check([Decimal(100)], {"ratios": {}})[0].needs_referendum


def test_a_choice_question_keeps_its_option_keys_when_reworded() -> None:
    form = {"text-en": "Do you feel safe at night?", "options-en": "Yes, mostly\nNo\nNot sure",
            "options-cy": "Ydw\n\nDdim yn siŵr", "required": "yes"}
    body, problems = question_form.read_question(form, "single_choice", SAFE, set())
    assert not problems and body["key"] == "safe"
    assert body["options"] == [{"key": "yes", "text": {"en": "Yes, mostly", "cy": "Ydw"}},
                               {"key": "no", "text": {"en": "No"}},
                               {"key": "not_sure", "text": {"en": "Not sure", "cy": "Ddim yn siŵr"}}]


def test_each_type_reads_its_own_fields() -> None:
    rating, _ = question_form.read_question({"text-en": "Score", "scale-min": "1", "scale-max": "5",
                                         "label-max-en": "Great", "label-max-cy": "Gwych"}, "rating", None, set())
    assert rating["scale"] == {"minimum": 1, "maximum": 5, "labels": {"5": {"en": "Great", "cy": "Gwych"}}}
    number, _ = question_form.read_question({"text-en": "Age", "range-min": "16", "range-max": "120", "unit": "years",
                                         "integer-only": "yes"}, "number", None, set())
    assert number["range"] == {"minimum": 16.0, "maximum": 120.0, "integer_only": True, "unit": "years"}
    free, _ = question_form.read_question({"text-en": "Tell us", "max-length": ""}, "free_text", None, set())
    assert free["max_length"] == 2000 and free["required"] is False
    _, problems = question_form.read_question({"text-en": "Pick", "options-en": "A\nB", "max-selections": "3"},
                                          "multi_choice", None, set())
    assert problems == {"max-selections": "Enter how many options a resident may choose, or leave it blank"}
    pick, problems = question_form.read_question({"text-en": "Pick", "options-en": "A\nB\nC", "min-selections": "2",
                                              "max-selections": "3"}, "multi_choice", None, set())
    assert not problems and (pick["min_selections"], pick["max_selections"]) == (2, 3)
    ranked, problems = question_form.read_question({"text-en": "Order", "options-en": "A\nB\nC", "min-ranked": "2"},
                                               "ranking", None, set())
    assert not problems and ranked["min_ranked"] == 2 and question_form.question_form(ranked)["min-ranked"] == "2"
    _, problems = question_form.read_question({"text-en": "Order", "options-en": "A\nB", "min-ranked": "3"},
                                          "ranking", None, set())
    assert set(problems) == {"min-ranked"}


def test_a_budget_question_reads_its_lines_and_leaves_blank_ones_out() -> None:
    form = {"text-en": "Balance it", "target": "-100000", "tolerance": "5000", "line-0-en": "Roads",
            "line-0-cy": "Ffyrdd", "line-0-spend": "1000000", "line-0-min": "-10", "line-0-max": "10",
            "line-0-step": "5", "line-1-en": ""}
    body, problems = question_form.read_question(form, "budget_allocation", None, set())
    assert not problems and body["budget"]["target_change"] == "-100000"
    assert body["budget"]["lines"] == [{"key": "roads", "text": {"en": "Roads", "cy": "Ffyrdd"},
                                        "current_spend": "1000000", "min_change_percent": "-10",
                                        "max_change_percent": "10", "step_percent": "5", "consequences": []}]
    _, problems = question_form.read_question(form | {"line-0-min": "5"}, "budget_allocation", None, set())
    assert set(problems) == {"line-0-spend", "line-0-en"}


def test_a_question_turns_back_into_its_form_and_its_body() -> None:
    form = question_form.question_form(SAFE)
    assert form["options-en"] == "Yes\nNo" and form["options-cy"] == "Ydw\nNac ydw" and form["required"] == "yes"
    body = questions.as_body(WHY)
    assert body == {"key": "why", "type": "free_text", "text": {"en": "Why not?"}, "required": False,
                    "max_length": 2000, "show_if": {"question": "safe", "equals": "no"}}


def test_reordering_keeps_routing_pointing_backwards() -> None:
    order = questions.moved([SAFE, WHY], "why", -1)
    assert [q["key"] for q in order] == ["why", "safe"]
    assert questions.routing_problem(order) is not None
    assert questions.routing_problem(questions.moved([SAFE, WHY], "why", 1)) is None


def test_a_question_is_removed_unless_others_depend_on_it_or_it_is_the_last() -> None:
    assert questions.removed([SAFE, WHY], "safe")[1] is not None
    assert questions.removed([SAFE], "safe")[1] is not None
    remaining, problem = questions.removed([SAFE, WHY], "why")
    assert problem is None and [q["key"] for q in remaining] == ["safe"]


def test_routing_offers_only_earlier_choice_answers() -> None:
    assert [value for value, _, _ in questions.routing_choices([SAFE, WHY], "why")] == ["safe:yes", "safe:no"]
    assert questions.routing_choices([SAFE, WHY], "safe") == []
    order, problem = questions.with_routing([SAFE, WHY], "why", "safe:yes")
    assert problem is None and order[1]["show_if"] == {"question": "safe", "equals": "yes"}
    assert questions.with_routing([SAFE, WHY], "safe", "why:x")[1] is not None


def test_a_rating_keeps_its_middle_labels_when_its_ends_change() -> None:
    support = {**WHY, "key": "roads_support", "type": "rating", "show_if": None, "scale": {
        "minimum": 1, "maximum": 5, "labels": {"1": {"en": "Oppose"}, "3": {"en": "Neither", "cy": "Dim un"}}}}
    body, _ = question_form.read_question({"text-en": "Support?", "scale-min": "1", "scale-max": "5",
                                       "label-min-en": "Strongly oppose"}, "rating", support, set())
    assert body["scale"]["labels"] == {"3": {"en": "Neither", "cy": "Dim un"}, "1": {"en": "Strongly oppose"}}


def test_only_the_changed_section_texts_are_corrected() -> None:
    roads = {"key": "roads", "title": {"en": "Roads", "cy": None}, "summary": {"en": "Safer roads", "cy": "Ffyrdd"}}
    form = {"section-roads-title-en": "Roads", "section-roads-title-cy": "Ffyrdd",
            "section-roads-summary-en": "Safer roads", "section-roads-summary-cy": "Ffyrdd"}
    assert rules.section_rewordings(form, [roads]) == {"sections.roads.title": {"en": "Roads", "cy": "Ffyrdd"}}
    assert rules.section_rewordings({}, [roads]) == {}


def test_a_budget_simulators_lines_task_leads_to_its_budget_question() -> None:
    simulator = a_draft(kind="budget_simulator", questions=[rules.FIRST_BUDGET])
    [task] = [t for t in rules.tasks(simulator, linked) if t.key == "budget"]
    assert task.href.endswith("budget") and task.status == "in_progress"


def test_a_kinds_own_questions_are_known_and_left_out_of_the_written_ones() -> None:
    plan = a_draft(kind="draft_plan", sections=[{"key": "roads"}], questions=[
        {**SAFE, "key": "roads_support"}, {**SAFE, "key": "roads_comment"}, WHY])
    assert questions.kind_keys(plan) == {"roads_support", "roads_comment"}
    assert [q["key"] for q in questions.written(plan)] == ["why"]
    assert questions.kind_keys(a_draft(kind="precept")) == {"precept_option"} and not questions.kind_keys(a_draft())
    assert questions.routing_problem([WHY], {"safe"}) is None
