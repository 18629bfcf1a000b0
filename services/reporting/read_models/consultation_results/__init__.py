"""Consultation results: consultations with their corrections, responses with their area and equality
bands, answers, free texts with their moderation, and erased responses; the results, breakdowns, weighted
results and Panel summaries computed from them."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.consultation_results.projection import PROJECTION
from peel.reporting.read_models.consultation_results.routes import panel, public, results, weighting
from peel.reporting.read_models.consultation_results.store import ConsultationStore

READ_MODEL = ReadModel(
    name="consultation_results",
    tables=("consultations", "consultation_corrections", "responses", "answers", "free_texts", "erased_responses"),
    store=ConsultationStore, projection=PROJECTION, routers=(results, public, weighting, panel),
)
