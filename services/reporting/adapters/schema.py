"""Where the read models live, and the locks that keep a rebuild's swap apart from the live consumer.

The live read models are the tables of the schema ``read_models``. A rebuild fills copies
in ``read_models_next`` and swaps the schemas by renaming them. The live consumer takes
``SWAP_LOCK`` shared in every transaction that changes the read models, and queries hold it
shared while they read; the swap takes it exclusively.
"""

from __future__ import annotations

LIVE = "read_models"
NEXT = "read_models_next"
RETIRED = "read_models_retired"
SWAP_LOCK = 0x7065656C_72737770  # "peelrswp"
REBUILD_LOCK = 0x7065656C_72626C64  # "peelrbld": one rebuild at a time


def qualified(sql: str, schema: str, **names: str) -> str:
    """``sql`` with its ``{schema}`` placeholders naming ``schema`` (one of the constants above), and
    any other placeholders the given ``names`` (identifiers from the code, never from a request)."""
    if schema not in (LIVE, NEXT):
        raise ValueError(f"not a read-model schema: {schema!r}")
    return sql.format(schema=schema, **names)
