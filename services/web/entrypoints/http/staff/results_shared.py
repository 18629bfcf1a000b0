"""What the consultation pages (the builder's and the results') share: a consultation's id checked before any call
(anything but an id is a 404 page, as another office's id is)."""

from __future__ import annotations

from peel.web.domain.staff import reading
from peel.web.service_layer.ports import NotFoundThere


def consultation_id_of(given: str) -> str:
    """The id in its usual form; a 404 for a path that cannot be a consultation's."""
    found = reading.id_of(given)
    if found is None:
        raise NotFoundThere(given)
    return found
