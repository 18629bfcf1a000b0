"""The dashboard's use case: ask the four services at once for what needs doing, each part on its own, so a
service that does not answer leaves only its own panel unavailable."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from peel.web.domain.staff import dashboard as rules
from peel.web.domain.staff.dashboard import AssemblyTask, ConsultationWork, PanelWork, Part, Week
from peel.web.domain.staff.identity import StaffRole, StaffUser
from peel.web.service_layer.ports import ServiceError
from peel.web.service_layer.staff.ports import UserApis

T = TypeVar("T")
log = logging.getLogger(__name__)
BULLETIN_ROLES = (StaffRole.ADMIN, StaffRole.ENGAGEMENT_OFFICER)  # notifications shows bulletins to these alone


@dataclass(frozen=True)
class Dashboard:
    consultations: Part[ConsultationWork]
    panel: Part[PanelWork]
    surgeries: Part[Week]
    assemblies: Part[list[AssemblyTask]]
    bulletins: Part[list[Any]] | None  # None: the user's roles do not see bulletins


async def todays_work(apis: UserApis, user: StaffUser, now: datetime) -> Dashboard:
    overview, sessions, assemblies, bulletins = await asyncio.gather(
        _part("consultations", lambda: apis.consultation.get("/v1/consultations/overview")),
        _part("surgeries", lambda: _surgeries(apis, now)),
        _part("assemblies", lambda: _assemblies(apis, now)),
        _part("bulletins", lambda: _bulletins(apis)) if user.may(BULLETIN_ROLES) else _nothing(),
    )
    return Dashboard(consultations=_from(overview, rules.consultation_work), panel=_from(overview, rules.panel_work),
                     surgeries=sessions, assemblies=assemblies, bulletins=bulletins)


async def _surgeries(apis: UserApis, now: datetime) -> Week:
    """Only this week's sessions are asked for, not every session the office ever held."""
    week = rules.week_of(now.date())
    found = await apis.scheduling.get("/v1/scheduling/sessions",
                                      {"from": week.starts.isoformat(), "to": week.ends.isoformat()})
    return rules.this_week(found, now.date())


async def _assemblies(apis: UserApis, now: datetime) -> list[AssemblyTask]:
    """One call: the staff list carries each assembly's unanswered offers and recommendations."""
    return rules.assembly_tasks(await apis.scheduling.get("/v1/scheduling/assemblies"), now)


async def _bulletins(apis: UserApis) -> list[Any]:
    return rules.awaiting_approval(await apis.notifications.get("/v1/bulletins"))


async def _nothing() -> None:
    return None


async def _part(name: str, work: Callable[[], Awaitable[T]]) -> Part[T]:
    """The part's value, or unavailable (logged) when its service failed or answered what it could not read."""
    try:
        return Part(await work())
    except (ServiceError, KeyError, TypeError, ValueError) as error:
        log.warning("a dashboard part is unavailable: %s", type(error).__name__, extra={"part": name})
        return Part.unavailable()


def _from(overview: Part[Any], rule: Callable[[Any], T]) -> Part[T]:
    if not overview.available:
        return Part.unavailable()
    try:
        return Part(rule(overview.value))
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("the consultations overview could not be read")
        return Part.unavailable()
