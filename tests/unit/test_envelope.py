import json
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from peel.common.contracts import registry
from peel.common.contracts.consultation import ChoiceAnswer, ResponseSubmitted, TextAnswer
from peel.common.events import CONTENT_TYPE, Envelope, InvalidEnvelope, UnknownEventType

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def submitted() -> ResponseSubmitted:
    return ResponseSubmitted(
        response_id=uuid.uuid4(), consultation_id=uuid.uuid4(), submitted_at=datetime(2027, 1, 5, tzinfo=UTC),
        answers=(ChoiceAnswer(question="priority", type="single_choice", options=("asb",)),
                 TextAnswer(question="comments", type="free_text", text="More patrols")),
    )


def test_wrap_sets_cloudevents_attributes_and_subject_from_the_aggregate():
    event = submitted()
    envelope = Envelope.wrap(event, source="/peel/consultation", tenant="cheshire", traceparent=TRACEPARENT)
    assert envelope.specversion == "1.0"
    assert envelope.type == "peel.consultation.response.submitted.v1"
    assert envelope.subject == str(event.response_id)
    assert envelope.datacontenttype == "application/json"
    assert uuid.UUID(envelope.id)


def test_structured_mode_record_has_json_value_content_type_header_and_aggregate_key():
    envelope = Envelope.wrap(submitted(), source="/peel/consultation", tenant="cheshire", traceparent=TRACEPARENT)
    record = envelope.to_record("consultation.events")
    body = json.loads(record.value)
    assert record.key == envelope.subject.encode()
    assert ("content-type", CONTENT_TYPE.encode()) in record.headers
    assert body["tenant"] == "cheshire" and body["traceparent"] == TRACEPARENT
    assert body["data"]["answers"][0] == {"question": "priority", "type": "single_choice", "options": ["asb"]}


def test_round_trip_restores_the_typed_model():
    envelope = Envelope.wrap(submitted(), source="/peel/consultation", tenant="cheshire")
    decoded = Envelope.from_json(envelope.to_json(), registry)
    assert decoded == envelope
    assert isinstance(decoded.data, ResponseSubmitted)
    assert "traceparent" not in json.loads(envelope.to_json())


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"\xff\xfe not json", InvalidEnvelope),
        (b"[1, 2]", InvalidEnvelope),
        (b'{"type": "peel.nobody.thing.happened.v1"}', UnknownEventType),
    ],
)
def test_garbage_is_refused_with_a_reason(raw, error):
    with pytest.raises(error):
        Envelope.from_json(raw, registry)


def test_data_that_breaks_the_model_is_refused():
    body = json.loads(Envelope.wrap(submitted(), source="/peel/consultation", tenant="cheshire").to_json())
    body["data"]["answers"][0]["type"] = "telepathy"
    with pytest.raises(InvalidEnvelope, match=r"invalid peel\.consultation\.response\.submitted\.v1"):
        Envelope.from_json(json.dumps(body), registry)


def test_envelope_and_events_are_frozen():
    envelope = Envelope.wrap(submitted(), source="/peel/consultation", tenant="cheshire")
    with pytest.raises(ValidationError):
        envelope.tenant = "another"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        envelope.data.consultation_id = uuid.uuid4()


def test_tenant_must_be_a_slug():
    with pytest.raises(ValidationError, match="tenant"):
        Envelope.wrap(submitted(), source="/peel/consultation", tenant="Not A Slug")
