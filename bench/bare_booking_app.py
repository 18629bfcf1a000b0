"""The baseline of the booking benchmark: FastAPI + asyncpg inserting the JSON body, nothing else but the
unique index that makes a second booking of a slot a 409 (the one guarantee a baseline must keep).

``uvicorn bench.bare_booking_app:app`` with ``PEEL_BENCH_BARE_DSN`` naming its database.
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


@asynccontextmanager
async def lifespan(app: FastAPI):  # noqa: ANN201
    app.state.pool = await asyncpg.create_pool(os.environ["PEEL_BENCH_BARE_DSN"], min_size=2, max_size=10)
    await app.state.pool.execute(
        "CREATE TABLE IF NOT EXISTS bare_bookings (id uuid PRIMARY KEY, session_id uuid, slot_id uuid, body jsonb);"
        "CREATE UNIQUE INDEX IF NOT EXISTS bare_bookings_one_per_slot ON bare_bookings (session_id, slot_id)"
    )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/v1/surgeries/{session_id}/bookings", status_code=201, response_model=None)
async def insert(session_id: uuid.UUID, request: Request) -> dict[str, str] | JSONResponse:
    body, booking_id = await request.json(), uuid.uuid4()
    try:
        await request.app.state.pool.execute(
            "INSERT INTO bare_bookings (id, session_id, slot_id, body) VALUES ($1, $2, $3, $4::jsonb)",
            booking_id, session_id, uuid.UUID(body["slot_id"]), json.dumps(body),
        )
    except asyncpg.UniqueViolationError:
        return JSONResponse({"detail": "the slot is taken"}, status_code=409)
    return {"id": str(booking_id)}
