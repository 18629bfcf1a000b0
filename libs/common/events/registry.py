"""Maps CloudEvents ``type`` names to their event models and topics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

from peel.common.events.envelope import TYPE_PATTERN, Event, InvalidEnvelope

E = TypeVar("E", bound=type[Event])


class UnknownEventType(InvalidEnvelope):
    """The envelope names a type no model is registered for."""


class EventRegistry:
    def __init__(self) -> None:
        self._models: dict[str, type[Event]] = {}

    def register(self, model: E) -> E:
        """Class decorator: add an event model, checking its type name is well formed and new."""
        name = model.type_name
        if not re.fullmatch(TYPE_PATTERN, name):
            raise ValueError(f"{name!r} is not peel.<service>.<aggregate>.<past-tense>.v<N>")
        if name in self._models:
            raise ValueError(f"{name} is registered twice")
        if model.aggregate_field not in model.model_fields:
            raise ValueError(f"{name}: aggregate field {model.aggregate_field!r} is not a field")
        self._models[name] = model
        return model

    def model_for(self, type_name: str) -> type[Event]:
        try:
            return self._models[type_name]
        except KeyError:
            raise UnknownEventType(f"unknown event type {type_name!r}") from None

    def __contains__(self, type_name: object) -> bool:
        return type_name in self._models

    def __iter__(self) -> Iterator[type[Event]]:
        return iter(sorted(self._models.values(), key=lambda model: model.type_name))


def topic_for(service: str, prefix: str = "") -> str:
    """One topic per producing service: ``<service>.events``."""
    return f"{prefix}{service}.events"


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"
