"""Taking part in a consultation through the consultation service's public API; its results from reporting.

Every page reads the consultation through the office's own address, so another office's consultation is not found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peel.web.domain.consultation_progress import Progress
from peel.web.service_layer.ports import InvalidAnswers, Json, NotFoundThere, ServiceUnavailable, WebPorts

SESSION_KEY = "consultations"


async def consultation(ports: WebPorts, tenant: str, consultation_id: str, resident: str) -> Json:
    return await ports.consultation.get(f"/v1/public/offices/{tenant}/consultations/{consultation_id}",
                                        resident=resident)


async def check_answers(ports: WebPorts, consultation_id: str, answers: Mapping[str, Any], resident: str) -> Json:
    """The service's verdict on the answers so far: ``errors``, ``next_question`` and ``all_answered``."""
    return await ports.consultation.post(f"/v1/public/consultations/{consultation_id}/check-answers",
                                         resident=resident, json={"answers": dict(answers)})


async def send(ports: WebPorts, consultation_id: str, body: Json, idempotency_key: str, resident: str) -> Json:
    """The response stored (once, however often it is sent with the same key): its id and withdrawal token."""
    return await ports.consultation.post(f"/v1/consultations/{consultation_id}/responses", resident=resident,
                                         json=body, headers={"Idempotency-Key": idempotency_key})


async def withdraw(ports: WebPorts, consultation_id: str, response_id: str, token: str, resident: str) -> bool:
    """Whether the response is withdrawn; False when the token does not open it."""
    try:
        await ports.consultation.post(f"/v1/consultations/{consultation_id}/responses/{response_id}/withdraw",
                                      resident=resident, json={"withdrawal_token": token})
    except (NotFoundThere, InvalidAnswers):
        return False
    return True


async def published_results(ports: WebPorts, consultation_id: str, resident: str) -> Json | None:
    """The results reporting publishes, or None while they are not published (or cannot be reached)."""
    try:
        return await ports.reporting.get(f"/v1/public/consultations/{consultation_id}/results", resident=resident)
    except (NotFoundThere, ServiceUnavailable):
        return None


def progress(session: Mapping[str, Any], consultation_id: str) -> Progress:
    return Progress.of(session.get(SESSION_KEY, {}).get(consultation_id))


def keep(session: dict[str, Any], consultation_id: str, progress: Progress) -> dict[str, Any]:
    session.setdefault(SESSION_KEY, {})[consultation_id] = progress.as_json()
    return session
