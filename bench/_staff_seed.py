"""A consultation's responses sent in bulk through the consultation service's own intake, in this process: the
same rows and events a resident's response makes, without an HTTP request each. The running service's outbox
relay publishes the events and reporting's read model counts them, as it counts real responses."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Callable

from peel.cli.demo_data import AREAS, postcode, resident_answers
from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.consultation.adapters.response_intake import BatchedResponseIntake
from peel.consultation.adapters.unit_of_work import ConsultationUnitOfWork
from peel.consultation.domain.commands import SubmitResponse
from peel.consultation.service_layer import responses

WORKERS = 64


def response(consultation_id: uuid.UUID, number: int) -> SubmitResponse:
    rng = random.Random(number)
    area = rng.choice(list(AREAS))
    return SubmitResponse(consultation_id, resident_answers(rng, area), postcode=postcode(rng, area),
                          publishable=rng.random() < 0.5)


async def send_responses(dsn: str, topic_prefix: str, consultation_id: str, count: int,
                         progress: Callable[[str], None]) -> float:
    """``count`` responses to the consultation; returns responses per second."""
    pool = await create_pool(dsn, min_size=2, max_size=8)
    outbox = Outbox("/peel/consultation", topic_prefix)
    intake = BatchedResponseIntake(lambda: pool, outbox)
    numbers = iter(range(count))
    target = uuid.UUID(consultation_id)
    sent = 0

    async def worker() -> None:
        nonlocal sent
        for number in numbers:
            await responses.submit_response(response(target, number), ConsultationUnitOfWork(pool, outbox),
                                            intake=intake)
            sent += 1
            if sent % 10_000 == 0:
                progress(f"    {sent:,} of {count:,} responses sent")

    began = time.perf_counter()
    try:
        await asyncio.gather(*(worker() for _ in range(WORKERS)))
    finally:
        await pool.close()
    return count / (time.perf_counter() - began)
