"""Surgeries: one-to-one surgery sessions and their bookings, attended or not, per area and quarter."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.surgeries.projection import PROJECTION
from peel.reporting.read_models.surgeries.routes import router
from peel.reporting.read_models.surgeries.store import SurgeryStore

READ_MODEL = ReadModel(name="surgeries", tables=("surgery_sessions", "surgery_bookings"), store=SurgeryStore,
                       projection=PROJECTION, routers=(router,))
