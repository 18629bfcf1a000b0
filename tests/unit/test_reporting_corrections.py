"""Corrections of a published consultation's text: each place named takes its new text; the rest stays."""

import copy

from peel.reporting.domain.corrections import corrected
from tests.support.reporting_events import QUESTIONS

PUBLISHED = {
    "title": {"en": "Policing priorites"},
    "questions": QUESTIONS,
    "sections": [{"key": "victims", "title": {"en": "Victms"}, "summary": {"en": "Support for victims"}}],
}
NEW = {"en": "Fixed", "cy": "Wedi'i gywiro"}


def test_every_place_the_results_show_takes_its_corrected_text():
    found = corrected(PUBLISHED, {
        "title": NEW, "questions.priority.text": NEW, "questions.priority.options.roads": NEW,
        "questions.safety.scale.5": NEW, "questions.safety.scale.3": NEW, "questions.budget.budget.cyber": NEW,
        "sections.victims.title": NEW, "sections.victims.summary": NEW,
    })
    questions = {q["key"]: q for q in found["questions"]}
    assert found["title"] == NEW
    assert questions["priority"]["text"] == NEW
    assert [o["text"] for o in questions["priority"]["options"]][1:] == [NEW, {"en": "Burglary"}]
    assert questions["safety"]["scale"]["labels"] == {"1": {"en": "Very unsafe"}, "3": NEW, "5": NEW}
    assert [line["text"] for line in questions["budget"]["budget"]["lines"]] == [{"en": "Patrols"}, NEW]
    assert found["sections"] == [{"key": "victims", "title": NEW, "summary": NEW}]


def test_places_the_results_do_not_show_or_the_consultation_lacks_are_left_alone():
    before = copy.deepcopy(PUBLISHED)
    found = corrected(PUBLISHED, {
        "summary": NEW, "questions.budget.budget.patrols.consequences.-5": NEW, "questions.missing.text": NEW,
        "questions.priority.options.missing": NEW, "questions.priority.scale.1": NEW, "sections.missing.title": NEW,
        "questions.comments.budget.patrols": NEW, "elsewhere": NEW,
    })
    assert found == before == PUBLISHED  # and the published text itself is not changed


def test_a_published_outcome_takes_its_corrected_text_and_one_not_yet_published_stays_unpublished():
    published = {**PUBLISHED, "outcome": {"en": "We heard you"}}
    assert corrected(published, {"outcome": NEW})["outcome"] == NEW
    assert "outcome" not in corrected(PUBLISHED, {"outcome": NEW})
    assert corrected({**PUBLISHED, "outcome": None}, {"outcome": NEW})["outcome"] is None
