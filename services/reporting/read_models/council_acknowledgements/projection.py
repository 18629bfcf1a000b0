"""Projects the parish council cascade into the council acknowledgements read model: inclusions once per
bulletin and council, acknowledgements by their furthest state, then the latest."""

from __future__ import annotations

from peel.common.contracts.notifications.cascade import BulletinAcknowledged, CouncilIncluded
from peel.common.events import Envelope
from peel.reporting.read_models._projection import Projection, rows_of
from peel.reporting.read_models.council_acknowledgements.store import CouncilAcknowledgementStore

RANKS = {"received": 1, "shared": 2, "on_agenda": 3}


def _acknowledged(envelope: Envelope) -> tuple:
    """The furthest state wins, then the latest (its rank and time come first after the key)."""
    data = envelope.data
    return (data.bulletin_id, data.organisation_id, envelope.tenant, data.area, RANKS.get(data.state, 1),
            data.acknowledged_at, data.agenda_date)


PROJECTION: dict[str, Projection] = {
    CouncilIncluded.type_name: rows_of(CouncilAcknowledgementStore.included, lambda e: (
        e.data.bulletin_id, e.data.organisation_id, e.tenant, e.data.area, e.data.sent_at), width=2),
    BulletinAcknowledged.type_name: rows_of(CouncilAcknowledgementStore.acknowledged, _acknowledged, at=4, width=2),
}
