"""The reporting consumer group: every read model's projection, from the registry."""

from __future__ import annotations

from peel.common.runtime import ConsumerSpec
from peel.reporting.read_models import registry

CONSUMER = "reporting.read-models.v8"
SERVICES = ("consultation", "scheduling", "notifications")

READ_MODELS = ConsumerSpec(name=CONSUMER, services=SERVICES, handlers=registry.handlers())
