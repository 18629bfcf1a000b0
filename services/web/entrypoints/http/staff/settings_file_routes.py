"""The settings loaded from CSV files: the office's areas (the consultation service's postcode-district table) and
its population figures (the reporting service's). Each page shows the table as it stands and takes a new file,
which replaces the whole table; the service's refusals are listed by line and column."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.types import Message

from peel.web.domain.staff import reading
from peel.web.domain.staff import settings_files as files
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.csrf import refuse_foreign_origin
from peel.web.entrypoints.http.staff.context import ADMINS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import staff_form
from peel.web.service_layer.staff import settings as use
from peel.web.service_layer.staff.ports import UserApis

router = APIRouter(prefix="/staff/settings")
Admin = Annotated[Staff, Depends(staff_page(*ADMINS, section="settings"))]


async def upload_form(request: Request) -> FormData | None:
    """The posted form, its token checked; ``None`` when the request is too large to hold a file small enough (the
    web itself puts no limit on a request's size). A declared length too large is refused with the body unread; a
    body sent without one (chunked) is counted as it is read and refused once past the limit."""
    refuse_foreign_origin(request)
    declared = reading.whole(request.headers.get("content-length", ""))
    if declared is not None and declared > files.MOST_REQUEST_BYTES:
        return None
    within = await _read_within(request, files.MOST_REQUEST_BYTES)
    return None if within is None else await staff_form(within)


async def _read_within(request: Request, most: int) -> Request | None:
    """The request with its body read, no more than ``most`` bytes of it held (``None`` when there are more), so
    the form is parsed from what was counted."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > most:
            return None

    async def replay() -> Message:
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    return Request(request.scope, replay)


Form = Annotated[FormData | None, Depends(upload_form)]
Done = Annotated[str, Query(max_length=20)]
DONE = {"areas": N_("The areas are loaded"), "populations": N_("The population figures are loaded")}
READ = {"areas": use.areas, "populations": use.populations}
LOAD: dict[str, Callable[[UserApis, str], Awaitable[None]]] = {"areas": use.load_areas,
                                                              "populations": use.load_populations}


@router.get("/areas", response_class=HTMLResponse)
async def areas(staff: Admin, done: Done = "") -> HTMLResponse:
    return await _page(staff, files.AREAS, done=DONE.get(done) if done == "areas" else None)


@router.post("/areas", response_class=HTMLResponse)
async def load_areas(staff: Admin, form: Form) -> Response:
    return await _load(staff, files.AREAS, form)


@router.get("/areas/example.csv")
async def areas_example(staff: Admin) -> Response:
    return _example(files.AREAS)


@router.get("/populations", response_class=HTMLResponse)
async def populations(staff: Admin, done: Done = "") -> HTMLResponse:
    return await _page(staff, files.POPULATIONS, done=DONE.get(done) if done == "populations" else None)


@router.post("/populations", response_class=HTMLResponse)
async def load_populations(staff: Admin, form: Form) -> Response:
    return await _load(staff, files.POPULATIONS, form)


@router.get("/populations/example.csv")
async def populations_example(staff: Admin) -> Response:
    return _example(files.POPULATIONS)


async def _load(staff: Staff, kind: files.CsvFile, form: FormData | None) -> Response:
    """Sends the file to the service when it can be read; otherwise, or when the service refuses it, the page
    again with what is wrong (the table as it stands, since nothing was replaced)."""
    if form is None:
        return await _page(staff, kind, errors={files.FIELD: files.TOO_LARGE})
    checked = files.read_csv_file(await _uploaded(form.get(files.FIELD)))
    if checked.errors:
        return await _page(staff, kind, errors=checked.errors)
    try:
        await LOAD[kind.key](staff.apis, checked.value)
    except use.FileRefused as refused:
        return await _page(staff, kind, errors={files.FIELD: files.REFUSED}, problems=refused.problems)
    return staff.redirect("settings", kind.key, done=kind.key)


async def _uploaded(chosen: UploadFile | str | None) -> bytes | None:
    """The chosen file's bytes, read no further than one byte past the most allowed; ``None`` when none was chosen
    (a browser sends an empty part with no file name then)."""
    if not isinstance(chosen, UploadFile):
        return None
    content = await chosen.read(files.MOST_BYTES + 1)
    return None if not chosen.filename and not content else content


async def _page(staff: Staff, kind: files.CsvFile, *, errors: dict[str, str] | None = None,
                problems: list[files.FileProblem] | None = None, done: str | None = None) -> HTMLResponse:
    found: list[dict[str, Any]] = await READ[kind.key](staff.apis)
    shown, more = files.shown_problems(problems or [])
    return staff.render(f"staff/settings/{kind.key}.html", status_code=422 if errors else 200, rows=found,
                        kind=kind, problems=shown, more_problems=more, done=done,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        back=staff.page.href("settings"))


def _example(kind: files.CsvFile) -> Response:
    return Response(kind.example, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind.key}-example.csv"'})
