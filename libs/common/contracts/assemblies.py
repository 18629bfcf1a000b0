"""Citizens' assembly events, published by the scheduling service on ``scheduling.events``.

They carry ids, the features the quotas use (bands such as age bracket or area, given for
selection) and selection figures: never a registrant's name, contact details or address.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from peel.common.contracts import registry
from peel.common.events import Event


class QuotaSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    feature: str
    value: str
    min: int
    max: int


class _AssemblyEvent(Event):
    aggregate_field: ClassVar[str] = "assembly_id"

    assembly_id: UUID


@registry.register
class AssemblyCreated(_AssemblyEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly.created.v1"

    title: str
    areas: list[str]
    panel_size: int
    quotas: list[QuotaSpec]
    registration_closes_at: datetime


@registry.register
class RegistrantJoined(_AssemblyEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_registrant.joined.v1"

    registrant_id: UUID
    features: dict[str, str]
    joined_at: datetime


@registry.register
class RegistrantWithdrew(_AssemblyEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_registrant.withdrew.v1"

    registrant_id: UUID
    withdrew_at: datetime


class _SelectionEvent(_AssemblyEvent):
    run_id: UUID
    algorithm: Literal["leximin", "legacy", "maximin"]
    seed: int
    pool_size: int
    min_probability: float
    max_probability: float
    gini: float


@registry.register
class MembersSelected(_SelectionEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly.members_selected.v1"

    members: list[UUID]
    selected_at: datetime


@registry.register
class MembersReplaced(_SelectionEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly.members_replaced.v1"

    dropouts: list[UUID]
    replacements: list[UUID]
    replaced_at: datetime


@registry.register
class AssemblyMeetingHeld(_AssemblyEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_meeting.held.v1"

    meeting_id: UUID
    format: Literal["in_person", "online"]
    members: int
    attended: int
    held_at: datetime


class _RecommendationEvent(_AssemblyEvent):
    recommendation_id: UUID
    number: int


@registry.register
class RecommendationMade(_RecommendationEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_recommendation.made.v1"

    text: str
    support_share: float
    made_at: datetime


@registry.register
class ResponseGiven(_RecommendationEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_recommendation.responded.v1"

    decision: Literal["accepted", "accepted_in_part", "not_accepted"]
    due: date | None = None
    given_at: datetime


@registry.register
class RecommendationProgressed(_RecommendationEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_recommendation.progressed.v1"

    done: bool
    at: datetime


@registry.register
class MemberReplied(_AssemblyEvent):
    type_name: ClassVar[str] = "peel.scheduling.assembly_member.replied.v1"

    registrant_id: UUID
    reply: Literal["confirmed", "declined"]
    replied_at: datetime


@registry.register
class RegistrantErased(_AssemblyEvent):
    """A registrant's name, contact details and address were erased on request (withdrawn first if in the pool)."""

    type_name: ClassVar[str] = "peel.scheduling.assembly_registrant.erased.v1"

    registrant_id: UUID
    erased_at: datetime
