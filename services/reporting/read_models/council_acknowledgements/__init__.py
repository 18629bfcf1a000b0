"""Council acknowledgements: the parish council cascade's coverage per area, from the notifications service's
council_included and acknowledged events."""

from __future__ import annotations

from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.council_acknowledgements.projection import PROJECTION
from peel.reporting.read_models.council_acknowledgements.routes import router
from peel.reporting.read_models.council_acknowledgements.store import CouncilAcknowledgementStore

READ_MODEL = ReadModel(name="council_acknowledgements", tables=("council_acknowledgements",),
                       store=CouncilAcknowledgementStore, projection=PROJECTION, routers=(router,))
