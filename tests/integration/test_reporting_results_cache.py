"""Results kept between requests are never stale: right after the projection writes a response, an erasure, a
moderation decision or a correction of the consultation, the next read counts it."""

from __future__ import annotations

import uuid

import pytest

from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.cache import ResultsCache
from peel.reporting.read_models.consultation_results.reports import consultation_results
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from tests.support import reporting_projector
from tests.support.reporting_events import choice, comment, corrected, erased, moderated, published, submitted

pytestmark = pytest.mark.integration
project = reporting_projector.project  # the fixture


async def kept_results(project, cache: ResultsCache, consultation: uuid.UUID, channel: str | None = None):
    async with reading(project.pool, ConsultationStore) as store:
        return await consultation_results(store, "cheshire", consultation, channel, cache)


def comments(results):
    return next(q for q in results.questions if q.key == "comments").summary


async def test_results_change_right_after_each_write_the_projection_makes(project):
    consultation, cache = uuid.uuid4(), ResultsCache()
    first = submitted(consultation, [choice("priority", "asb"), comment("More patrols")])
    await project(published(consultation), first)
    assert (await kept_results(project, cache, consultation)).responses == 1
    assert (await kept_results(project, cache, consultation)).responses == 1
    second = submitted(consultation, [choice("priority", "roads")])
    await project(second)
    assert (await kept_results(project, cache, consultation)).responses == 2
    await project(moderated(first, "approved"))
    assert comments(await kept_results(project, cache, consultation)).approved == ("More patrols",)
    await project(erased(second))
    assert (await kept_results(project, cache, consultation)).responses == 1
    await project(corrected(consultation, 2, {"title": "Policing priorities 2027"}))
    assert (await kept_results(project, cache, consultation)).title == {"en": "Policing priorities 2027"}


async def test_every_write_gives_the_consultation_a_new_change_stamp(project):
    consultation = uuid.uuid4()
    response = submitted(consultation, [choice("priority", "asb"), comment("Lighting")])
    stamps = []
    for envelope in (published(consultation), response, moderated(response, "approved"), erased(response)):
        await project(envelope)
        stamps.append(await project.pool.fetchval(
            "SELECT changes FROM read_models.consultations WHERE consultation_id = $1", consultation))
    assert stamps == sorted(set(stamps))  # each one new, and never one given before


async def test_a_channels_results_are_kept_apart_from_every_channels(project):
    consultation, cache = uuid.uuid4(), ResultsCache()
    await project(published(consultation), submitted(consultation, [choice("priority", "asb")]))
    assert (await kept_results(project, cache, consultation, "paper")).responses == 0
    assert (await kept_results(project, cache, consultation)).responses == 1
