"""The committed JSON Schemas match the code; change a model and this fails."""

from typing import ClassVar

from peel.common.contracts import registry
from peel.common.contracts.consultation import ConsultationPublished
from peel.common.events import EventRegistry
from peel.common.events.schemas import drift, event_schema, render, write
from peel.common.settings import REPO_ROOT

COMMITTED = REPO_ROOT / "schemas" / "events"


def test_committed_schemas_match_the_code():
    assert drift(registry, COMMITTED) == [], "run `.venv/bin/peel schemas` and commit the result"


def test_drift_is_detected_when_a_model_changes(tmp_path):
    write(registry, tmp_path)

    class ConsultationPublishedWithExtra(ConsultationPublished):
        type_name: ClassVar[str] = ConsultationPublished.type_name
        extra_field: int = 0

    changed = EventRegistry()
    for model in registry:
        changed.register(ConsultationPublishedWithExtra if model is ConsultationPublished else model)
    assert drift(changed, tmp_path) == [f"{ConsultationPublished.type_name}.json: differs from the code"]


def test_orphan_and_missing_schemas_are_reported(tmp_path):
    (tmp_path / "peel.gone.thing.happened.v1.json").write_text("{}")
    problems = drift(registry, tmp_path)
    assert "peel.gone.thing.happened.v1.json: no event of that type in the code" in problems
    assert sum("not committed" in problem for problem in problems) == len(list(registry))


def test_schema_pins_the_type_and_describes_the_data():
    schema = event_schema(ConsultationPublished)
    assert schema["properties"]["type"] == {"const": ConsultationPublished.type_name, "title": "Type"}
    assert "consultation_id" in schema["properties"]["data"]["required"]
    assert render(schema).endswith("\n")


def _accepts_none(annotation: object) -> bool:
    return type(None) in getattr(annotation, "__args__", ())


def test_every_field_that_may_be_empty_has_a_default():
    """Envelopes leave empty (None) fields out, so a consumer can read them back only if they default."""
    required_but_nullable = [f"{model.type_name}.{field}" for model in registry
                             for field, info in model.model_fields.items()
                             if _accepts_none(info.annotation) and info.is_required()]
    assert required_but_nullable == []
