"""Neighbourhood meetings: the meetings with the office's attendance and the topics raised, and the
quarterly attendance plans staff confirmed."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.meetings.projection import PROJECTION
from peel.reporting.read_models.meetings.routes import router
from peel.reporting.read_models.meetings.store import MeetingStore

READ_MODEL = ReadModel(name="meetings", tables=("neighbourhood_meetings", "meeting_plans"), store=MeetingStore,
                       projection=PROJECTION, routers=(router,))
