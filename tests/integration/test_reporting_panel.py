"""Reporting for the Police and Crime Panel on real PostgreSQL: Panel questions in any order, and
precept and draft Plan summaries read from the read models.

The Panel question event builders here are shared with the rebuild test.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from peel.common.contracts.consultation import (
    ChoiceAnswer,
    ConsultationPublished,
    EqualityBands,
    PanelQuestionAccepted,
    PanelQuestionAnswered,
    PanelQuestionPublished,
    PanelQuestionRejected,
    PanelQuestionSubmitted,
    RatingAnswer,
    TextAnswer,
)
from peel.common.errors import Conflict, NotFound
from peel.common.events import Envelope, LocalisedText
from peel.reporting.adapters.panel_questions import PanelReader
from peel.reporting.adapters.panel_summary import PanelSummaryReader
from peel.reporting.adapters.reader import reading
from peel.reporting.adapters.weighting import replace_population
from peel.reporting.domain.populations import PopulationFigure
from peel.reporting.service_layer.panel_questions import meeting_figures, panel_report
from peel.reporting.service_layer.panel_summary import consultation_panel_summary
from tests.integration.test_reporting_projections import (  # noqa: F401 - the project fixture
    T0,
    closed,
    moderated,
    project,
    published,
    submitted,
    wrapped,
)

pytestmark = pytest.mark.integration
MEETING_DAY = date(2027, 3, 25)


def panel_question(meeting_id: uuid.UUID, fate: str, *, tenant: str = "cheshire", late: bool = False,
                   question_id: uuid.UUID | None = None) -> list[Envelope]:
    """A question's events up to ``fate``: received, rejected:<reason>, accepted, answered or published.
    Accepted on T0 (due 14 days later); answered 10 days after acceptance, or 20 when ``late``."""
    question_id = question_id or uuid.uuid4()
    ids = {"question_id": question_id, "meeting_id": meeting_id}
    due = T0.date() + timedelta(days=14)
    answered_on = T0.date() + timedelta(days=20 if late else 10)
    steps = [PanelQuestionSubmitted(**ids, meeting_date=MEETING_DAY, submitted_at=T0 - timedelta(days=3), word_count=9)]
    if fate.startswith("rejected:"):
        steps.append(PanelQuestionRejected(**ids, rejected_at=T0, reason=fate.removeprefix("rejected:")))
    if fate in ("accepted", "answered", "published"):
        steps.append(PanelQuestionAccepted(**ids, accepted_at=T0, answer_due=due))
    if fate in ("answered", "published"):
        steps.append(PanelQuestionAnswered(**ids, answered_at=T0 + timedelta(days=21), answer_due=due, overdue=late,
                                           answered_on=answered_on))
    if fate == "published":
        steps.append(PanelQuestionPublished(**ids, published_at=T0 + timedelta(days=22)))
    return [wrapped(step, tenant) for step in steps]


def panel_stream(meeting_id: uuid.UUID, tenant: str = "cheshire") -> list[Envelope]:
    """Nine questions: 2 received, 3 rejected (2 operational), 1 accepted, 1 answered late, 2 published."""
    fates = ["received", "received", "rejected:operational_matter", "rejected:operational_matter",
             "rejected:sub_judice", "accepted", "answered", "published", "published"]
    return [envelope for i, fate in enumerate(fates)
            for envelope in panel_question(meeting_id, fate, tenant=tenant, late=i == 6)]


async def panel_figures(pool, tenant: str, today: date, meeting_id: uuid.UUID | None = None):  # noqa: ANN001, ANN201
    async with reading(pool, PanelReader) as reader:
        if meeting_id:
            return await meeting_figures(reader, tenant, meeting_id, today)
        return await panel_report(reader, tenant, today)


async def test_panel_questions_are_counted_whatever_order_and_however_often_their_events_come(project):
    in_order, shuffled = uuid.uuid4(), uuid.uuid4()
    await project(*panel_stream(in_order))
    events = panel_stream(shuffled)
    random.Random(5).shuffle(events)
    for start in range(0, len(events), 4):
        await project(*events[start:start + 4])
    await project(*events[:6])  # delivered again
    today = T0.date() + timedelta(days=15)  # the accepted question's answer was due yesterday
    first, second = [await panel_figures(project.pool, "cheshire", today, m) for m in (in_order, shuffled)]
    assert replace(first, meeting_id=shuffled) == second
    assert (first.received, first.awaiting_decision, first.accepted, first.rejected) == (9, 2, 4, 3)
    assert [(r.reason, r.count) for r in first.rejected_by_reason] == [("operational_matter", 2), ("sub_judice", 1)]
    assert (first.answered, first.awaiting_answer, first.overdue, first.answered_late, first.published) == (
        3, 1, 1, 1, 2)
    assert first.median_days_to_answer == 10  # 20, 10 and 10 days
    assert first.meeting_date == MEETING_DAY
    assert (await panel_figures(project.pool, "cheshire", T0.date())).totals.received == 18


async def test_another_tenants_panel_questions_are_neither_counted_nor_found(project):
    theirs = uuid.uuid4()
    await project(*panel_stream(theirs, tenant="dyfed-powys"))
    with pytest.raises(NotFound):
        await panel_figures(project.pool, "cheshire", T0.date(), theirs)
    assert (await panel_figures(project.pool, "cheshire", T0.date())).meetings == ()
    assert (await panel_figures(project.pool, "dyfed-powys", T0.date(), theirs)).received == 9


PRECEPT_SPEC = {"question": "precept_option", "band_d_current": 250.0, "referendum_limit_pounds": 14.0,
                "options": [{"key": key, "band_d_change": change, "percent_increase": change / 2.5,
                             "new_band_d": 250 + change, "triggers_referendum": change > 14,
                             "bands": [{"band": "D", "yearly": change, "weekly": round(change / 52, 2)}]}
                            for key, change in (("freeze", 0.0), ("plus14", 14.0), ("plus20", 20.0))]}
PRECEPT_QUESTIONS = [{"key": "precept_option", "type": "single_choice", "text": {"en": "Which change?"},
                      "required": True, "options": [{"key": o["key"], "text": {"en": o["key"]}}
                                                    for o in PRECEPT_SPEC["options"]]}]


def precept_published(consultation_id: uuid.UUID, *, embargoed: bool = False, tenant: str = "cheshire") -> Envelope:
    event = ConsultationPublished(
        consultation_id=consultation_id, title=LocalisedText(en="Policing precept 2027-28"), kind="precept",
        opens_at=T0, closes_at=T0 + timedelta(days=28), questions=PRECEPT_QUESTIONS, results_embargoed=embargoed,
        areas=("halton", "warrington"), precept=PRECEPT_SPEC)
    return wrapped(event, tenant)


def precept_choice(option: str) -> ChoiceAnswer:
    return ChoiceAnswer(question="precept_option", type="single_choice", options=(option,))


async def summary(pool, consultation_id: uuid.UUID, tenant: str = "cheshire"):  # noqa: ANN001, ANN201
    async with reading(pool, PanelSummaryReader) as reader:
        return await consultation_panel_summary(reader, tenant, consultation_id)


async def test_a_precept_summary_reads_the_published_options_counts_areas_and_weighting(project):
    consultation = uuid.uuid4()
    women, men = ["freeze"] * 4 + ["plus14"] * 2, ["plus14"] * 4 + ["plus20"] * 2
    responses = [submitted(consultation, [precept_choice(c)], area="halton", equality=EqualityBands(sex=sex))
                 for sex, chose in (("female", women), ("male", men)) for c in chose]
    responses += [submitted(consultation, [precept_choice("plus20")], area="unknown") for _ in range(10)]
    await project(precept_published(consultation, embargoed=True), *responses)
    with pytest.raises(Conflict, match="embargoed"):
        await summary(project.pool, consultation)
    await project(closed(consultation))
    found = (await summary(project.pool, consultation)).precept
    assert [(o.key, o.band_d_change, o.triggers_referendum, o.band_d_weekly, o.count, o.share)
            for o in found.options] == [("freeze", 0, False, 0, 4, 0.1818), ("plus14", 14, False, 0.27, 6, 0.2727),
                                        ("plus20", 20, True, 0.38, 12, 0.5455)]
    assert [(a.key, a.suppressed, a.responses) for a in found.by_area] == [
        ("halton", False, 12), ("warrington", True, None), ("unknown", False, 10)]
    assert found.weighting is None
    async with project.pool.acquire() as connection:
        await replace_population(connection, "cheshire", [PopulationFigure("halton", "sex", "female", 100),
                                                          PopulationFigure("halton", "sex", "male", 100)])
    weighted = (await summary(project.pool, consultation)).precept
    # halton's 6 women and 6 men are already as the population is; unknown has no figures
    assert (weighted.weighting.weighted_respondents, weighted.weighting.left_out) == (12, 10)
    assert [o.weighted_share for o in weighted.options] == [0.3333, 0.5, 0.1667]
    with pytest.raises(NotFound):
        await summary(project.pool, consultation, "dyfed-powys")


async def test_a_draft_plan_summary_counts_comments_approved_for_publishing(project):
    consultation = uuid.uuid4()
    questions = [{"key": "victims_support", "type": "rating", "text": {"en": "Support?"}, "required": False,
                  "scale": {"minimum": 1, "maximum": 5}},
                 {"key": "victims_comment", "type": "free_text", "text": {"en": "Comment?"}, "required": False}]
    plan = ConsultationPublished(consultation_id=consultation, title=LocalisedText(en="Draft Plan"), kind="draft_plan",
                                 opens_at=T0, closes_at=T0 + timedelta(days=28), questions=questions)
    said = [submitted(consultation, [RatingAnswer(question="victims_support", type="rating", value=v),
                                     TextAnswer(question="victims_comment", type="free_text", text=f"Comment {v}",
                                                publishable=v != 2)]) for v in (5, 4, 2, 1)]
    await project(wrapped(plan), *said, *[moderated(said[i], decision, question="victims_comment")
                                          for i, decision in ((0, "approved"), (2, "approved"), (1, "redacted"))])
    [victims] = (await summary(project.pool, consultation)).plan.sections
    assert (victims.answered, victims.supportive, victims.supportive_share, victims.mean) == (4, 2, 0.5, 3)
    # four comments; approved: the 5's (publishable) and the 2's (not agreed for publication)
    assert (victims.comments, victims.comments_approved) == (4, 1)
    survey = uuid.uuid4()
    await project(published(survey))
    with pytest.raises(Conflict, match="this one is a survey"):
        await summary(project.pool, survey)
