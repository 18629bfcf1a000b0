"""The published event contracts of every service: the models other services consume.

Each producing service owns one module here; its JSON Schemas are committed under
``schemas/events/`` and ``tests/unit/test_event_schemas.py`` fails when they drift.
"""

from peel.common.events import EventRegistry

registry = EventRegistry()

# Importing the modules registers their events.
from peel.common.contracts import assemblies, consultation, meetings, notifications, scheduling  # noqa: E402,F401

__all__ = ["registry"]
