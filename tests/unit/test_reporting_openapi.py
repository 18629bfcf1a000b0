"""The reporting API explains its figures in its OpenAPI document (/docs), which force systems read: the
docstring under a field of a response dataclass is that field's description."""

import ast
import dataclasses
import inspect
import itertools
import textwrap
import typing

import pytest
from fastapi.routing import APIRoute

from peel.reporting.bootstrap import create_app
from peel.reporting.read_models import registry

SCHEMAS = create_app().openapi()["components"]["schemas"]
EXPLAINED = [  # (schema, field): a few from every read model
    ("OptionResult", "count"),  # consultation results
    ("Group", "responses"),  # results broken down
    ("WeightedResults", "effective_sample_size"),
    ("PanelSummary", "rule"),
    ("SectionFigures", "answered"),  # the Panel summary's draft Plan
    ("PanelFigures", "overdue"),  # Panel questions
    ("SurgeryFigures", "utilisation"),
    ("MeetingReport", "areas"),
    ("CoverageFigures", "areas_uncovered"),
    ("Composition", "replies"),  # assemblies
    ("RecommendationState", "overdue"),
]


@pytest.mark.parametrize(("schema", "field"), EXPLAINED)
def test_the_figures_force_systems_read_are_explained(schema, field):
    assert SCHEMAS[schema]["properties"][field]["description"].strip()


def test_every_response_field_with_a_docstring_and_only_those_is_described():
    answered = {route.response_model for router in registry.routers() for route in router.routes
                if isinstance(route, APIRoute) and route.response_model}
    kinds = set().union(*map(_dataclasses_in, answered))
    assert {schema for schema, _ in EXPLAINED} <= {kind.__name__ for kind in kinds}
    for kind in kinds:
        properties = SCHEMAS[kind.__name__]["properties"]
        described = {name: field["description"] for name, field in properties.items() if "description" in field}
        assert described == _field_docstrings(kind), kind.__name__


def _dataclasses_in(hint: object) -> set[type]:
    if dataclasses.is_dataclass(hint):
        return {hint, *set().union(*map(_dataclasses_in, typing.get_type_hints(hint).values()))}
    return set().union(*map(_dataclasses_in, typing.get_args(hint)))


def _field_docstrings(kind: type) -> dict[str, str]:
    body = ast.parse(textwrap.dedent(inspect.getsource(kind))).body[0].body
    return {field.target.id: inspect.cleandoc(doc.value.value) for field, doc in itertools.pairwise(body)
            if isinstance(field, ast.AnnAssign) and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)}
