from typing import ClassVar

import pytest

from peel.common.contracts import registry
from peel.common.events import Event, EventRegistry
from peel.common.events.registry import dead_letter_topic, topic_for


def make_event(type_name: str, aggregate: str = "thing_id") -> type[Event]:
    return type("Thing", (Event,), {"__annotations__": {"thing_id": str, "type_name": ClassVar[str],
                                                        "aggregate_field": ClassVar[str]},
                                    "type_name": type_name, "aggregate_field": aggregate})


@pytest.mark.parametrize(
    "name",
    ["consultation.published", "peel.consultation.published.v1", "peel.Consultation.x.published.v1",
     "peel.consultation.consultation.published.v0", "peel.consultation.consultation.published"],
)
def test_malformed_type_names_are_refused(name):
    with pytest.raises(ValueError, match="is not peel"):
        EventRegistry().register(make_event(name))


def test_a_type_is_registered_once():
    local = EventRegistry()
    local.register(make_event("peel.test.thing.happened.v1"))
    with pytest.raises(ValueError, match="registered twice"):
        local.register(make_event("peel.test.thing.happened.v1"))


def test_the_aggregate_field_must_exist():
    with pytest.raises(ValueError, match="aggregate field"):
        EventRegistry().register(make_event("peel.test.thing.happened.v1", aggregate="nope"))


def test_every_contract_is_registered_and_resolvable():
    names = [model.type_name for model in registry]
    assert "peel.consultation.consultation.published.v1" in names
    assert all(registry.model_for(name).type_name == name for name in names)
    assert all(name in registry for name in names)


def test_topics_are_per_producing_service_with_dead_letters_beside_them():
    assert topic_for("consultation") == "consultation.events"
    assert topic_for("consultation", prefix="test.") == "test.consultation.events"
    assert dead_letter_topic("consultation.events") == "consultation.events.dlq"
