"""Reporting for the Police and Crime Panel on real PostgreSQL: Panel questions in any order, and
precept and draft Plan summaries read from the read models.

The Panel question event builders are in tests/support/reporting_events.py.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from peel.common.contracts.consultation import (
    ConsultationPublished,
    EqualityBands,
    RatingAnswer,
    TextAnswer,
)
from peel.common.errors import Conflict, NotFound
from peel.common.events import Envelope, LocalisedText
from peel.reporting.domain.populations import PopulationFigure
from peel.reporting.read_models._population import replace_population
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.reports import consultation_panel_summary
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from peel.reporting.read_models.panel_questions.routes import meeting_figures, panel_report
from peel.reporting.read_models.panel_questions.store import PanelQuestionStore
from tests.support import reporting_projector
from tests.support.reporting_events import (
    MEETING_DAY,
    T0,
    closed,
    moderated,
    panel_question,
    precept_choice,
    precept_published,
    published,
    submitted,
    wrapped,
)

pytestmark = pytest.mark.integration
project = reporting_projector.project  # the fixture


def panel_stream(meeting_id: uuid.UUID, tenant: str = "cheshire") -> list[Envelope]:
    """Nine questions: 2 received, 3 rejected (2 operational), 1 accepted, 1 answered late, 2 published."""
    fates = ["received", "received", "rejected:operational_matter", "rejected:operational_matter",
             "rejected:sub_judice", "accepted", "answered", "published", "published"]
    return [envelope for i, fate in enumerate(fates)
            for envelope in panel_question(meeting_id, fate, tenant=tenant, late=i == 6)]


async def panel_figures(pool, tenant: str, today: date, meeting_id: uuid.UUID | None = None):
    async with reading(pool, PanelQuestionStore) as reader:
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


async def summary(pool, consultation_id: uuid.UUID, tenant: str = "cheshire"):
    async with reading(pool, ConsultationStore) as reader:
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
