"""Text PostgreSQL cannot store, found wherever a request carries it: a NUL character, or one half of a
UTF-16 surrogate pair, which no UTF-8 encoder accepts (JSON's ``"\\ud800"`` escape decodes into one, and so
do the bytes ``\\xed\\xa0\\x80``: they are not UTF-8, but ``json.loads`` lets them through).

Each finder answers the locations of the offending fields, as FastAPI names them (``("body", "answers", 0,
"text")``, ``("query", "area")``, ...). The ``suspicious_*`` checks are the cheap bytes scans that decide
whether a request needs looking at more closely; they may answer yes for text that turns out to be fine
(an escaped backslash before ``u0000``, say), never no for text that is not.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from operator import itemgetter
from urllib.parse import parse_qsl

Location = tuple[str | int, ...]

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_JSON_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")  # how U+D800-U+DFFF would begin in UTF-8, which forbids them
REASON = "contains a character that cannot be stored: a NUL character or an unpaired UTF-16 surrogate"
ERROR_TYPE = "string_unstorable"
PLACEHOLDER = "\ufffd"


def unstorable(text: str) -> bool:
    """Whether ``text`` holds a character PostgreSQL refuses (a valid surrogate pair is one character)."""
    return UNSTORABLE.search(text) is not None


def shown(text: str) -> str:
    """``text`` fit to appear in an error's location: each unstorable character replaced by U+FFFD."""
    return UNSTORABLE.sub(PLACEHOLDER, text)


def suspicious_body(body: bytes) -> bool:
    """Whether a request body may hold unstorable text: a JSON escape of NUL or of a surrogate, a surrogate
    encoded as UTF-8 bytes, a raw NUL byte, or a percent-encoded one (a form)."""
    escaped = b"\\u" in body and UNSTORABLE_JSON_ESCAPE.search(body) is not None
    encoded = b"\xed" in body and ENCODED_SURROGATE.search(body) is not None
    return escaped or encoded or b"\x00" in body or b"%00" in body


def in_value(value: object, location: Location = ()) -> list[Location]:
    """The locations of unstorable strings in decoded JSON, keys included, in document order."""
    found, waiting = [], [(location, value)]
    while waiting:
        here, item = waiting.pop()
        if isinstance(item, str) and unstorable(item):
            found.append(here)
        elif isinstance(item, list | dict):
            waiting.extend(reversed(_children(here, item)))
    return found


def _children(here: Location, item: list | dict) -> list[tuple[Location, object]]:
    """The items of a list, or the values of an object (a key that is unstorable itself stands in for its
    value, so that its location is reported)."""
    if isinstance(item, list):
        return [((*here, index), child) for index, child in enumerate(item)]
    return [((*here, shown(key)), key if unstorable(key) else child) for key, child in item.items()]


def in_json(body: bytes, location: Location = ("body",)) -> list[Location] | None:
    """The locations of unstorable strings in a JSON document; None when it is not JSON."""
    try:
        return in_value(json.loads(body), location)
    except (ValueError, RecursionError):
        return None


def in_pairs(pairs: Iterable[tuple[str, str]], location: Location) -> list[Location]:
    """The names whose name or value is unstorable, among a query string's or a form's pairs."""
    return [(*location, shown(name)) for name, value in pairs if unstorable(name) or unstorable(value)]


def in_query(query: bytes, location: Location = ("query",)) -> list[Location]:
    """The parameters of a raw query string (or a URL-encoded form) that decode to unstorable text,
    decoded as Starlette decodes them."""
    if b"%00" not in query and b"\x00" not in query:
        return []
    return in_pairs(parse_qsl(query.decode("latin-1"), keep_blank_values=True), location)


def in_csv(body: bytes, location: Location = ("body", "csv")) -> list[Location]:
    """The cells of a CSV file holding a NUL: line numbers count the header as line 1, and a cell below the
    header is named by its column. A file the csv module cannot read (a field over its size limit, say)
    is named as a whole when it holds a NUL."""
    try:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig", errors="replace"), newline="")))
    except csv.Error:
        return [location] if b"\x00" in body else []
    header = [shown(cell.strip().lower()) for cell in rows[0]] if rows else []
    return [_cell(location, line, header, column) for line, row in enumerate(rows, start=1)
            for column, cell in enumerate(row) if unstorable(cell)]


def _cell(location: Location, line: int, header: list[str], column: int) -> Location:
    named = line > 1 and column < len(header)
    return (*location, line, header[column]) if named else (*location, line)


def in_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[Location]:
    """The raw ASGI headers whose value holds a NUL (Starlette decodes the rest as Latin-1, all storable)."""
    headers = list(headers)
    if b"\x00" not in b"".join(map(itemgetter(1), headers)):
        return []
    return [("header", name.decode("latin-1")) for name, value in headers if b"\x00" in value]


def in_form(body: bytes) -> list[Location]:
    """The fields of a URL-encoded form holding unstorable text."""
    return in_query(body, ("body",))


READERS = {"application/x-www-form-urlencoded": in_form, "text/csv": in_csv}


def in_body(body: bytes, media_type: str) -> list[Location]:
    """The fields of a request body holding unstorable text: read as JSON whenever it parses as JSON (a route
    may parse it so whatever its media type says), and as the form or CSV file its media type names; the
    whole body when it is none of these and still holds a NUL."""
    as_json, read = in_json(body), READERS.get(media_type)
    if as_json is None and read is None:
        return [("body",)] if b"\x00" in body else []
    return list(dict.fromkeys((read(body) if read else []) + (as_json or [])))


def errors(locations: Iterable[Location]) -> Iterator[dict[str, object]]:
    """Each location as one of FastAPI's validation errors."""
    for location in locations:
        yield {"loc": list(location), "msg": REASON, "type": ERROR_TYPE}
