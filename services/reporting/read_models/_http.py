"""What every read model's routes share: who may read, the period and day asked about, CSV, and
reports declared once as a JSON route and its ``.csv`` twin."""

from __future__ import annotations

import csv
import inspect
import io
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.reporting.domain.panel_questions import local_date

Analyst = Annotated[
    Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST, scopes=("reporting:read",)))
]
NOT_FOUND = {"description": "No such consultation for your tenant (or not yet published)"}
EMBARGOED = {"description": "The results are embargoed until the consultation closes"}
ERRORS = {404: NOT_FOUND, 409: EMBARGOED}
NO_ASSEMBLY = {404: {"description": "No such assembly for your tenant"}}
PER_FIGURE = "One row per figure"
PER_AREA_AND_QUARTER = "One row per area and quarter, then per quarter"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def reporting_now() -> datetime:
    """The moment sessions are held by (those ended before it)."""
    return datetime.now(UTC)


def reporting_today() -> date:
    """Today in England and Wales, when overdue answers are counted."""
    return local_date(datetime.now(UTC))


Now = Annotated[datetime, Depends(reporting_now)]
Today = Annotated[date, Depends(reporting_today)]
From = Annotated[date | None, Query(alias="from", description="sessions starting on or after this day")]
To = Annotated[date | None, Query(alias="to", description="sessions starting on or before this day")]


def period(starts_on: From = None, ends_on: To = None) -> tuple[date | None, date | None]:
    """The days asked for, either open; 422 when they are the wrong way round."""
    if starts_on and ends_on and ends_on < starts_on:
        raise RequestValidationError([{"loc": ("query", "to"), "msg": "must not be before from",
                                       "type": "before_from"}])
    return starts_on, ends_on


Period = Annotated[tuple[date | None, date | None], Depends(period)]
ReportQuery = Callable[..., Awaitable[Any]]


def report(router: APIRouter, path: str, *, summary: str, csv_summary: str, columns: Callable[[Any], Sequence[str]],
           rows: Callable[[Any], Iterable[tuple]], filename: str, responses: dict | None = None,
           csv_rows: str = PER_FIGURE) -> Callable[[ReportQuery], ReportQuery]:
    """Declares a report once: ``path`` answers the query's result as JSON (its return type is the
    response model), and ``path.csv`` the same result as CSV, a header of ``columns`` then ``rows``, as
    ``filename`` (formatted with the request's parameters). The query's parameters are the routes'."""
    def declare(query: ReportQuery) -> ReportQuery:
        signature = inspect.signature(query, eval_str=True)
        as_json, as_csv = _json_route(query, signature), _csv_route(query, signature, columns, rows, filename)
        csv_responses = {200: {"content": {"text/csv": {}}, "description": csv_rows}, **(responses or {})}
        # The CSV twin first, lest the JSON route take "<id>.csv" for an id.
        router.get(f"{path}.csv", response_class=Response, responses=csv_responses, summary=csv_summary)(as_csv)
        router.get(path, responses=responses, summary=summary)(as_json)
        return query

    return declare


def _json_route(query: ReportQuery, signature: inspect.Signature) -> ReportQuery:
    async def as_json(**arguments: Any) -> Any:
        return await query(**arguments)

    as_json.__signature__ = signature  # type: ignore[attr-defined]
    as_json.__name__ = query.__name__
    return as_json


def _csv_route(query: ReportQuery, signature: inspect.Signature, columns: Callable[[Any], Sequence[str]],
               rows: Callable[[Any], Iterable[tuple]], filename: str) -> ReportQuery:
    async def as_csv(**arguments: Any) -> Response:
        found = await query(**arguments)
        return csv_response(columns(found), rows(found), filename.format(**arguments))

    as_csv.__signature__ = signature.replace(return_annotation=Response)  # type: ignore[attr-defined]
    as_csv.__name__ = f"{query.__name__}_csv"
    return as_csv


def csv_response(columns: Iterable[str], rows: Iterable[tuple], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(tuple(_cell(value) for value in row) for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _cell(value: object) -> object:
    """Text a spreadsheet would take for a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def fixed(columns: Sequence[str]) -> Callable[[Any], Sequence[str]]:
    """The same columns whatever the report."""
    return lambda _: columns
