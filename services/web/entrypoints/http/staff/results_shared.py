"""What the results pages share: a consultation's id checked before any call (anything but an id is a 404 page, as
another office's id is)."""

from __future__ import annotations

import uuid

from peel.web.service_layer.ports import NotFoundThere


def consultation_id_of(given: str) -> str:
    """The id in its usual form; a 404 for a path that cannot be a consultation's."""
    try:
        return str(uuid.UUID(given))
    except ValueError:
        raise NotFoundThere(given) from None
