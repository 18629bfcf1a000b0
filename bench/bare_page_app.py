"""The baseline of the resident-journey benchmark: FastAPI rendering the single-choice question page through the
web service's own Jinja set-up, with a fixed context: no session, no service call.

``uvicorn bench.bare_page_app:app`` with ``PEEL_BENCH_BARE_CONSULTATION`` naming a file holding the consultation
as the consultation service's public API shows it.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from peel.web.domain.tenants import default_display
from peel.web.entrypoints.http.pages import Page, shared_pages


def read(path: str) -> str:
    return Path(path).read_text()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.consultation = json.loads(read(os.environ["PEEL_BENCH_BARE_CONSULTATION"]))
    app.state.pages = shared_pages()
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/{lang}/{tenant}/consultations/{consultation_id}/questions/{key}")
async def question(request: Request, lang: str, tenant: str, consultation_id: str, key: str) -> HTMLResponse:
    consultation = request.app.state.consultation
    page = Page(lang=lang, tenant=tenant, display=default_display(tenant), nonce="bench-nonce",
                csrf="bench-csrf-token", path=request.url.path)
    return request.app.state.pages.render(
        page, "consultations/question.html", consultation=consultation, question=consultation["questions"][0],
        values={}, problems=[], total=None, section=None, back=page.href("consultations", consultation_id))
