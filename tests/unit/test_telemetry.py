import json
import logging

import pytest
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from peel.common.telemetry import context_from_traceparent, current_traceparent
from peel.common.telemetry.logs import JsonFormatter
from peel.common.telemetry.tracing import observe_all


def test_log_lines_are_json_with_the_trace_and_span_ids():
    formatter = JsonFormatter("consultation")
    with trace.get_tracer("test").start_as_current_span("request") as span:
        record = logging.LogRecord("peel.x", logging.INFO, __file__, 1, "published %s", ("c-1",), None)
        record.consultation_id = "c-1"
        line = json.loads(formatter.format(record))
    context = span.get_span_context()
    assert line["message"] == "published c-1" and line["service"] == "consultation"
    assert line["trace_id"] == format(context.trace_id, "032x")
    assert line["span_id"] == format(context.span_id, "016x")
    assert line["consultation_id"] == "c-1" and line["level"] == "info"


def test_the_traceparent_written_with_an_event_restores_its_trace():
    with trace.get_tracer("test").start_as_current_span("request") as span:
        traceparent = current_traceparent()
    assert traceparent.startswith(f"00-{span.get_span_context().trace_id:032x}-{span.get_span_context().span_id:016x}-")
    restored = trace.get_current_span(context_from_traceparent(traceparent)).get_span_context()
    assert restored.trace_id == span.get_span_context().trace_id
    assert context_from_traceparent(None) is None


@pytest.mark.parametrize("count", [1, 3])
def test_one_gauge_observes_every_live_instance(count):
    reader = InMemoryMetricReader()
    provider = MeterProvider(metric_readers=[reader])

    class Thing:
        def __init__(self, value: int) -> None:
            self.value = value

    from opentelemetry.metrics import Observation

    from peel.common.telemetry import tracing

    original, tracing._METER = tracing._METER, provider.get_meter("test")  # noqa: SLF001
    try:
        live = observe_all(f"test.gauge.{count}", "test",
                           lambda thing: [Observation(thing.value, {"thing": thing.value})])
        things = [Thing(n) for n in range(count)]
        live.update(things)
        points = reader.get_metrics_data().resource_metrics[0].scope_metrics[0].metrics[0].data.data_points
    finally:
        tracing._METER = original  # noqa: SLF001
    assert sorted(point.value for point in points) == list(range(count))
