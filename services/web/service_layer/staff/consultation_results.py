"""Which API each results page calls: the reporting service's figures (results and their weighting together, so the
page waits for one round trip), its CSVs, and the consultation service's publishing of results.

Every call carries the user's own token: the services decide what their office and roles may read."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from peel.web.service_layer.ports import Json, Refused
from peel.web.service_layer.staff.ports import UserApis

CSV_FILES = {
    "results": "consultation-{id}-results.csv",
    "breakdown": "consultation-{id}-results-by-{by}.csv",
    "panel-summary": "consultation-{id}-panel-summary.csv",
}


@dataclass(frozen=True)
class ResultsAndWeighting:
    """The results, and their weighting when the office's population figures allow it (else why not)."""

    results: Json
    weighted: Json | None
    not_weighted: str | None = None


def results_path(consultation_id: str, tail: str = "") -> str:
    return f"/v1/consultations/{consultation_id}/results{tail}"


async def results_and_weighting(apis: UserApis, consultation_id: str, channel: str | None) -> ResultsAndWeighting:
    """Both asked at once. The results' refusal (embargoed) is the page's; the weighting's only leaves it out.

    Weighting has no channel filter: shown beside a single channel's figures it would mislead, so it is only asked
    for when every channel is shown."""
    results_call = apis.reporting.get(results_path(consultation_id), {"channel": channel} if channel else None)
    if channel:
        return ResultsAndWeighting(await results_call, None)
    results, weighted = await asyncio.gather(results_call, apis.reporting.get(results_path(consultation_id,
                                                                                           "/weighted")),
                                             return_exceptions=True)
    if isinstance(results, BaseException):
        raise results
    if isinstance(weighted, Refused):
        return ResultsAndWeighting(results, None, _words(weighted.detail))
    if isinstance(weighted, BaseException):
        raise weighted
    return ResultsAndWeighting(results, weighted)


def _words(detail: Any) -> str:
    return detail if isinstance(detail, str) else ""


async def breakdown(apis: UserApis, consultation_id: str, by: str) -> Json:
    return await apis.reporting.get(results_path(consultation_id, "/breakdown"), {"by": by})


async def publish_results(apis: UserApis, consultation_id: str) -> Json:
    return await apis.consultation.post(f"/v1/consultations/{consultation_id}/results/publish")


async def download(apis: UserApis, consultation_id: str, report: str, **params: str) -> tuple[bytes, str]:
    """A report's CSV as reporting writes it, and the file name to save it as."""
    paths = {"results": results_path(consultation_id, ".csv"),
             "breakdown": results_path(consultation_id, "/breakdown.csv"),
             "panel-summary": f"/v1/consultations/{consultation_id}/panel-summary.csv"}
    wanted = {key: value for key, value in params.items() if value}
    body = await apis.reporting.get_bytes(paths[report], wanted or None)
    return body, CSV_FILES[report].format(id=consultation_id, by=params.get("by", ""))
