"""The results pages' pure rules: figures as shown, channels in order, weighted rows beside unweighted, suppressed
groups, the short address, and assisted entry read as the consultation service takes a response."""

from __future__ import annotations

from datetime import date, timedelta

from peel.web.domain.staff.consultation_results import (
    channel_counts,
    chosen_channel,
    chosen_dimension,
    figure,
    group_rows,
    results_view,
)
from peel.web.domain.staff.consultation_results_entry import first_field, read_entry, service_problems
from peel.web.domain.staff.consultation_results_poster import is_code, resolve, short_address, short_code
from peel.web.domain.staff.result_charts import grouped_tables, weighted_questions
from tests.unit.web.staff.results_data import CONSULTATION, WEIGHTED, breakdown, consultation, results


def test_figures_are_whole_for_people_and_one_place_for_weights() -> None:
    assert (figure(1200), figure(52.25), figure(None)) == ("1,200", "52.2", "")


def test_channels_come_in_the_usual_order_with_the_chosen_one_marked() -> None:
    counted = channel_counts({"telephone": 2, "online": 90, "paper": 8}, "paper")
    assert [(c.channel, c.responses, c.chosen) for c in counted] == [
        ("online", 90, False), ("paper", 8, True), ("telephone", 2, False)]
    assert channel_counts(None, None) == ()
    assert (chosen_channel("event"), chosen_channel("carrier pigeon")) == ("event", None)


def test_a_rating_is_charted_by_its_points_and_free_text_is_summarised() -> None:
    view = results_view(results(), "cy")
    priority, safe, comments = view.questions
    assert priority.text == "Eich prif flaenoriaeth"
    assert [b.label for b in priority.chart.bars] == ["Burglary", "Speeding"]
    assert [b.label for b in safe.chart.bars] == ["1 \N{EN DASH} Unsafe", "5 \N{EN DASH} Safe"]
    assert comments.chart is None and comments.summary["publishable"] == 12


def test_weighted_rows_sit_beside_the_unweighted_with_the_margin_drawn() -> None:
    (question,) = weighted_questions(results(), WEIGHTED, "en")
    assert [(r.option, r.unweighted, r.weighted, r.margin) for r in question.rows] == [
        ("Burglary", "60.0%", "52.5%", "± 3.1%"), ("Speeding", "40.0%", "47.5%", "± 3.1%")]
    bar = question.chart.bars[0]
    assert round(bar.low, 4) == 0.4938 and round(bar.high, 4) == 0.5562


def test_suppressed_groups_have_no_figure_anywhere() -> None:
    groups = breakdown()["groups"]
    assert group_rows(groups, "Suppressed") == [("halton", 50, "50"), ("warrington", None, "Suppressed")]
    (table,) = grouped_tables(groups, "en")
    assert table.groups == ("halton", "warrington") and table.rows[0] == ("Burglary", ("30 (60.0%)", None))
    assert chosen_dimension("postcode") == "area"


def test_the_short_address_is_the_start_of_the_id() -> None:
    assert short_code(CONSULTATION) == "7c1e2d3a" and is_code("7C1E2D3A") and not is_code("7c1e-2d3")
    assert short_address("https://haveyoursay.example/", "cheshire", CONSULTATION) == (
        "https://haveyoursay.example/cheshire/c/7c1e2d3a")


def test_a_code_opens_only_the_one_listed_consultation_it_names() -> None:
    other = "7c1e2d3a-0000-4000-8000-000000000000"
    assert resolve("7c1e2d3a", {"open": [{"id": CONSULTATION}], "closed": []}) == CONSULTATION
    assert resolve("7c1e2d3a", {"open": [{"id": CONSULTATION}], "closed": [{"id": other}]}) is None
    assert resolve("00000000", {"open": [{"id": CONSULTATION}]}) is None


def test_an_entry_is_read_as_the_service_takes_a_response() -> None:
    entry = read_entry(consultation()["questions"], {"channel": ["event"], "priority--answer": ["speeding"],
                                                     "comments--answer": [""], "postcode": [""]})
    assert not entry.problems
    assert entry.body == {"channel": "event", "answers": {"priority": "speeding"}, "postcode": None,
                          "publish_consent": False}


def test_an_entry_received_tomorrow_is_refused() -> None:
    tomorrow = date.today() + timedelta(days=1)
    form = {"channel": ["paper"], "received-day": [str(tomorrow.day)], "received-month": [str(tomorrow.month)],
            "received-year": [str(tomorrow.year)]}
    assert set(read_entry([], form).problems) == {"received-day"}


def test_the_services_problems_go_to_their_questions_fields() -> None:
    questions = consultation()["questions"]
    assert first_field(questions[4]) == "order--rank-1"
    assert service_problems(questions, {"order": "rank every option", "received_on": "in the future", "": "odd"}) == {
        "order--rank-1": "rank every option", "received-day": "in the future", "channel": "odd"}


def test_bands_are_named_in_the_pages_words_and_areas_as_the_office_named_them() -> None:
    welsh = {"16 to 24": "16 i 24", "Not given": "Heb ei roi"}.get
    groups = [{"key": "16_24", "suppressed": False, "responses": 12}, {"key": "halton", "suppressed": True},
              {"key": "not_given", "suppressed": False, "responses": 30}]
    assert [label for label, _, _ in group_rows(groups, "-", lambda text: welsh(text) or text)] == [
        "16 i 24", "halton", "Heb ei roi"]
