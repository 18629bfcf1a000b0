"""One trace runs HTTP request -> outbox -> Kafka -> consumer."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from tests.support.consultations import SURVEY
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_one_trace_spans_the_request_the_relay_and_the_consumer(
    platform: Platform, token, spans: InMemorySpanExporter
):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = (await platform.consultation.post("/v1/consultations", json=SURVEY, headers=officer)).json()["id"]
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    spans.clear()
    submitted = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                                 json={"answers": {"priority": "roads"}})
    assert submitted.status_code == 201

    async def reporting_consumed() -> list | None:
        found = [s for s in spans.get_finished_spans()
                 if s.kind is SpanKind.CONSUMER
                 and "reporting.read-models" in s.attributes.get("messaging.consumer.group.name", "")
                 and s.attributes.get("cloudevents.event_type") == "peel.consultation.response.submitted.v1"]
        return found or None

    [consumed] = await eventually(reporting_consumed)
    trace_id = consumed.context.trace_id
    in_trace = [s for s in spans.get_finished_spans() if s.context.trace_id == trace_id]
    kinds = {s.kind for s in in_trace}
    assert {SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER} <= kinds
    [server] = [s for s in in_trace if s.kind is SpanKind.SERVER and s.parent is None]
    assert server.name == "POST /v1/consultations/{consultation_id}/responses"
    [producer] = [s for s in in_trace if s.kind is SpanKind.PRODUCER]
    assert producer.parent.span_id == server.context.span_id, "the relay continues the request's trace"
    assert consumed.parent.span_id == server.context.span_id, "the consumer continues it from the envelope"
    assert any(s.name.startswith("INSERT") or "INSERT" in (s.attributes.get("db.statement") or "")
               for s in in_trace), "the database work belongs to the same trace"
