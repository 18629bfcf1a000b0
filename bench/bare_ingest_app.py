"""The baseline of the response-ingest benchmark: FastAPI + asyncpg inserting the JSON body, nothing else.

``uvicorn bench.bare_ingest_app:app`` with ``PEEL_BENCH_BARE_DSN`` naming its database.
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):  # noqa: ANN201
    app.state.pool = await asyncpg.create_pool(os.environ["PEEL_BENCH_BARE_DSN"], min_size=2, max_size=10)
    await app.state.pool.execute(
        "CREATE TABLE IF NOT EXISTS bare_responses (id uuid PRIMARY KEY, consultation_id uuid, body jsonb)"
    )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/v1/consultations/{consultation_id}/responses", status_code=201)
async def insert(consultation_id: uuid.UUID, request: Request) -> dict[str, str]:
    response_id = uuid.uuid4()
    await request.app.state.pool.execute(
        "INSERT INTO bare_responses (id, consultation_id, body) VALUES ($1, $2, $3::jsonb)",
        response_id, consultation_id, json.dumps(await request.json()),
    )
    return {"id": str(response_id)}
