"""OpenTelemetry traces and metrics, and JSON logs that carry the trace id."""

from peel.common.telemetry.logs import configure_logging
from peel.common.telemetry.tracing import (
    configure_telemetry,
    context_from_traceparent,
    current_traceparent,
    meter,
    tracer,
)

__all__ = [
    "configure_logging",
    "configure_telemetry",
    "context_from_traceparent",
    "current_traceparent",
    "meter",
    "tracer",
]
