"""Assemblies: citizens' assemblies' pools, panels, selection runs and members' replies, and their
recommendations with the responses, progress and meetings held."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.assemblies.projection import PROJECTION
from peel.reporting.read_models.assemblies.routes import router
from peel.reporting.read_models.assemblies.store import AssemblyStore

READ_MODEL = ReadModel(
    name="assemblies",
    tables=("assemblies", "assembly_registrants", "assembly_panel", "assembly_selection_runs",
            "assembly_recommendations", "assembly_recommendation_progress", "assembly_meetings"),
    store=AssemblyStore, projection=PROJECTION, routers=(router,),
)
