"""The reporting consumer group: which events feed which projection."""

from __future__ import annotations

from peel.common.runtime import ConsumerSpec
from peel.reporting.service_layer.projections import read_model_handlers

CONSUMER = "reporting.read-models.v6"
SERVICES = ("consultation", "scheduling", "notifications")

READ_MODELS = ConsumerSpec(name=CONSUMER, services=SERVICES, handlers=read_model_handlers())
