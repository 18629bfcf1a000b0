"""How the reports' figures explain themselves in the API's documentation: a dataclass whose
``__pydantic_config__`` is ``DOCUMENTED`` has the docstring under each of its fields shown as that
field's description in OpenAPI (pydantic's attribute docstrings, set by a plain dict so that the domain
imports no pydantic)."""

from __future__ import annotations

DOCUMENTED = {"use_attribute_docstrings": True}
