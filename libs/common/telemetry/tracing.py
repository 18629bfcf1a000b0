"""Tracer and meter providers, chosen by configuration: OTLP, console or none.

The W3C ``traceparent`` of the current span is captured when an outbox row is written
and restored by the consumer, so one trace runs HTTP request -> outbox -> Kafka -> consumer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal
from weakref import WeakSet

from opentelemetry import metrics, trace
from opentelemetry.context import Context
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import ConsoleMetricExporter, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

Exporter = Literal["otlp", "console", "none"]
_propagator = TraceContextTextMapPropagator()
INSTRUMENTATION = "peel"


def configure_telemetry(service: str, exporter: Exporter, endpoint: str) -> None:
    """Install global providers once per process; a provider already installed (tests) is kept."""
    if exporter == "none" or isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    resource = Resource.create({"service.name": f"peel-{service}", "service.namespace": "peel"})
    span_exporter, metric_exporter = _exporters(exporter, endpoint)
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter))
    trace.set_tracer_provider(tracer_provider)
    reader = PeriodicExportingMetricReader(metric_exporter, export_interval_millis=15_000)
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=[reader]))


def _exporters(exporter: Exporter, endpoint: str):  # noqa: ANN202 - exporter types differ by choice
    if exporter == "console":
        return ConsoleSpanExporter(), ConsoleMetricExporter()
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    base = endpoint.rstrip("/")
    return OTLPSpanExporter(endpoint=f"{base}/v1/traces"), OTLPMetricExporter(endpoint=f"{base}/v1/metrics")


_TRACER = trace.get_tracer(INSTRUMENTATION)  # follows the global provider once one is installed
_METER = metrics.get_meter(INSTRUMENTATION)


def tracing_enabled(exporter: Exporter) -> bool:
    """Trace when spans go somewhere: an exporter is configured, or a provider is installed (tests)."""
    return exporter != "none" or isinstance(trace.get_tracer_provider(), TracerProvider)


def tracer() -> trace.Tracer:
    return _TRACER


def meter() -> metrics.Meter:
    return _METER


def observe_all(name: str, description: str, observations: Callable[[object], Iterable[Observation]]) -> WeakSet:
    """One gauge per process, observing every live instance registered in the returned set."""
    live: WeakSet = WeakSet()

    def callback(_options: CallbackOptions) -> list[Observation]:
        return [observation for instance in list(live) for observation in observations(instance)]

    _METER.create_observable_gauge(name, callbacks=[callback], description=description)
    return live


def current_traceparent() -> str | None:
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier.get("traceparent")


def context_from_traceparent(traceparent: str | None) -> Context | None:
    return _propagator.extract({"traceparent": traceparent}) if traceparent else None
