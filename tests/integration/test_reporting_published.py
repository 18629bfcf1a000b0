"""What residents and staff see of a consultation after it opens, on real PostgreSQL: corrected text and an
extended closing date in any order, the outcome with the results, and the results for the public.

The event builders are in tests/support/reporting_events.py, the ``project`` fixture in
tests/support/reporting_projector.py.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from peel.common.contracts.consultation import ConsultationOutcomePublished, ConsultationPublished, RatingAnswer
from peel.common.errors import NotFound
from peel.common.events import LocalisedText
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.reports import (
    consultation_panel_summary,
    consultation_results,
    published_results,
)
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from tests.support import reporting_projector
from tests.support.reporting_events import (
    T0,
    choice,
    closed,
    corrected,
    extended,
    outcome,
    published,
    results_published,
    submitted,
    wrapped,
)

pytestmark = pytest.mark.integration
project = reporting_projector.project  # the fixture


async def staff_results(project, consultation: uuid.UUID, tenant: str = "cheshire"):
    async with reading(project.pool, ConsultationStore) as reader:
        return await consultation_results(reader, tenant, consultation)


async def public_results(project, consultation: uuid.UUID):
    async with reading(project.pool, ConsultationStore) as reader:
        return await published_results(reader, consultation)


async def test_each_place_shows_its_latest_correction_whichever_order_they_arrive_in(project):
    consultation = uuid.uuid4()
    await project(published(consultation), submitted(consultation, [choice("priority", "roads")]))
    latest = {"title": "Policing priorities 2027", "questions.priority.options.roads": "Road safety"}
    earlier = {"title": "Policing priorites", "questions.priority.text": "What matters?"}
    await project(corrected(consultation, 3, latest), corrected(consultation, 2, earlier))
    await project(corrected(consultation, 4, {"questions.safety.scale.5": "Very safe indeed"}, tenant="dyfed-powys"))
    results = await staff_results(project, consultation)
    questions = {q.key: q for q in results.questions}
    assert results.title == {"en": "Policing priorities 2027"}
    assert questions["priority"].text == {"en": "What matters?"}
    assert [o.text["en"] for o in questions["priority"].options] == ["Anti-social behaviour", "Road safety", "Burglary"]
    assert questions["safety"].summary.distribution[-1].label == {"en": "Very safe"}  # another tenant's is ignored
    await project(published(consultation, at=T0 + timedelta(hours=1)))  # published again: corrections still count
    assert (await staff_results(project, consultation)).title == {"en": "Policing priorities 2027"}


async def test_the_latest_closing_date_extension_is_shown_even_after_a_later_publication(project):
    consultation = uuid.uuid4()
    await project(published(consultation))
    assert (await staff_results(project, consultation)).closes_at == T0 + timedelta(days=42)
    await project(extended(consultation, 56), extended(consultation, 49))  # 49 was decided earlier: 56 stands
    await project(published(consultation, at=T0 + timedelta(days=40)))
    assert (await staff_results(project, consultation)).closes_at == T0 + timedelta(days=56)


async def test_a_draft_plans_sections_show_their_corrected_titles(project):
    consultation = uuid.uuid4()
    plan = ConsultationPublished(
        consultation_id=consultation, title=LocalisedText(en="Draft Plan"), kind="draft_plan", opens_at=T0,
        closes_at=T0 + timedelta(days=28), sections=[{"key": "victims", "title": {"en": "Victms first"},
                                                      "summary": {"en": "Support for victims"}}],
        questions=[{"key": "victims_support", "type": "rating", "text": {"en": "Support?"}, "required": False,
                    "scale": {"minimum": 1, "maximum": 5}}])
    rating = RatingAnswer(question="victims_support", type="rating", value=4)
    await project(wrapped(plan), submitted(consultation, [rating]),
                  corrected(consultation, 2, {"sections.victims.title": "Victims first"}))
    async with reading(project.pool, ConsultationStore) as reader:
        [victims] = (await consultation_panel_summary(reader, "cheshire", consultation)).plan.sections
    assert (victims.key, victims.title, victims.answered) == ("victims", {"en": "Victims first"}, 1)


async def test_the_outcome_is_shown_with_the_results_which_the_public_see_once_published(project):
    consultation = uuid.uuid4()
    chosen = ["asb"] * 14 + ["roads"] * 6 + ["burglary"] * 4
    await project(published(consultation), *[submitted(consultation, [choice("priority", key)]) for key in chosen])
    await project(closed(consultation), outcome(consultation))
    staff = await staff_results(project, consultation)
    assert staff.outcome.text == {"en": "We heard you: more patrols at weekends."}
    with pytest.raises(NotFound, match="no published results"):
        await public_results(project, consultation)
    await project(results_published(consultation))
    public = await public_results(project, consultation)
    assert (public.responses, public.outcome, public.rule is not None) == (24, staff.outcome, True)
    # roads (6) and burglary (4) are under ten; two are withheld, so neither can be worked out
    assert [(o.key, o.count) for o in public.questions[0].options] == [("asb", 14), ("roads", None),
                                                                        ("burglary", None)]
    with pytest.raises(NotFound):
        await public_results(project, uuid.uuid4())


async def test_the_outcome_shows_its_corrected_words_until_it_is_published_again(project):
    consultation = uuid.uuid4()
    words = {"outcome": "We heard you: patrols at weekends and at night."}
    fixed = corrected(consultation, 55, words)
    await project(published(consultation), closed(consultation), fixed, outcome(consultation),
                  results_published(consultation))
    staff, public = await staff_results(project, consultation), await public_results(project, consultation)
    assert staff.outcome.text == public.outcome.text == {"en": "We heard you: patrols at weekends and at night."}
    again = ConsultationOutcomePublished(consultation_id=consultation, outcome=LocalisedText(en="We did more"),
                                         published_at=T0 + timedelta(days=60))
    await project(wrapped(again))
    await project(corrected(consultation, 55, words))  # again, as a new event: it corrected the earlier one
    assert (await public_results(project, consultation)).outcome.text == {"en": "We did more"}
    await project(corrected(consultation, 61, {"outcome": "We did much more"}))
    assert (await staff_results(project, consultation)).outcome.text == {"en": "We did much more"}
