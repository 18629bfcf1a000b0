"""Other services' news as items for the next e-bulletin, in both languages where the news carries them: a
consultation given more time, a public surgery or neighbourhood meeting arranged, a citizens' assembly's
recommendation and the office's response to it, a Police and Crime Panel question answered in public."""

from __future__ import annotations

from peel.common.contracts.assemblies import RecommendationMade, ResponseGiven
from peel.common.contracts.consultation import ConsultationClosingExtended, PanelQuestionPublished
from peel.common.contracts.meetings import MeetingScheduled, MeetingUpdated
from peel.common.contracts.scheduling import SurgerySessionScheduled
from peel.notifications.bulletins.domain.items import BulletinItem

CONSULTATION_EXTENDED = "consultation_extended"
CONSULTATION_CLOSING_SOON = "consultation_closing_soon"  # a reminder, taken straight into a bulletin
SURGERY = "surgery"
MEETING = "meeting"
RECOMMENDATION = "assembly_recommendation"
RESPONSE = "assembly_response"
PANEL_ANSWER = "panel_answer"
MEETING_NAMES = {
    "pact": ("PACT meeting", "Cyfarfod PACT"),
    "community_forum": ("Community forum", "Fforwm cymunedol"),
    "parish_council": ("Parish council meeting", "Cyfarfod cyngor cymuned"),
    "police_and_crime_panel": ("Police and Crime Panel meeting", "Cyfarfod y Panel Heddlu a Throseddu"),
    "other": ("Public meeting", "Cyfarfod cyhoeddus"),
}
DECISIONS = {
    "accepted": ("We accepted this recommendation.", "Rydym wedi derbyn yr argymhelliad hwn."),
    "accepted_in_part": ("We accepted part of this recommendation.", "Rydym wedi derbyn rhan o'r argymhelliad hwn."),
    "not_accepted": ("We did not accept this recommendation.", "Ni wnaethom dderbyn yr argymhelliad hwn."),
}


def closing_extended(tenant: str, event: ConsultationClosingExtended, title: dict[str, str]) -> BulletinItem:
    """More time to have one's say, under the consultation's title as it opened."""
    return BulletinItem(tenant=tenant, source_id=event.consultation_id, kind=CONSULTATION_EXTENDED, title=title,
                        happened_at=event.extended_at, closes_at=event.closes_at)


def surgery(tenant: str, event: SurgerySessionScheduled) -> BulletinItem | None:
    """A public surgery with the commissioner; a private one is not announced."""
    if not event.public:
        return None
    where_en = "online" if event.online else f"in {event.policing_area}" if event.policing_area else ""
    where_cy = "ar-lein" if event.online else f"yn {event.policing_area}" if event.policing_area else ""
    title = {"en": f"Meet your commissioner {where_en}".strip(), "cy": f"Cwrdd â'ch comisiynydd {where_cy}".strip()}
    return BulletinItem(tenant=tenant, source_id=event.session_id, kind=SURGERY, title=title,
                        happened_at=event.starts_at, closes_at=None)


def meeting(tenant: str, event: MeetingScheduled | MeetingUpdated) -> BulletinItem | None:
    """A public neighbourhood meeting (when it is); a private one is not announced."""
    if not event.public:
        return None
    english, welsh = MEETING_NAMES.get(event.meeting_type, MEETING_NAMES["other"])
    title = {"en": f"{english} in {event.area}", "cy": f"{welsh} yn {event.area}"}
    return BulletinItem(tenant=tenant, source_id=event.meeting_id, kind=MEETING, title=title,
                        happened_at=event.starts_at, closes_at=None)


def recommendation(tenant: str, event: RecommendationMade) -> BulletinItem:
    """A citizens' assembly's recommendation, in the assembly's words (as it made it)."""
    title = {"en": f"Citizens' assembly recommendation {event.number}",
             "cy": f"Argymhelliad {event.number} y cynulliad dinasyddion"}
    return BulletinItem(tenant=tenant, source_id=event.recommendation_id, kind=RECOMMENDATION, title=title,
                        happened_at=event.made_at, closes_at=None, outcome={"en": event.text})


def response(tenant: str, event: ResponseGiven) -> BulletinItem:
    """The office's response to a recommendation."""
    english, welsh = DECISIONS[event.decision]
    title = {"en": f"Our response to recommendation {event.number}",
             "cy": f"Ein hymateb i argymhelliad {event.number}"}
    return BulletinItem(tenant=tenant, source_id=event.recommendation_id, kind=RESPONSE, title=title,
                        happened_at=event.given_at, closes_at=None, outcome={"en": english, "cy": welsh})


def panel_answer(tenant: str, event: PanelQuestionPublished) -> BulletinItem:
    """A question put to the commissioner at the Police and Crime Panel, answered and published."""
    title = {"en": "A Police and Crime Panel question answered",
             "cy": "Ateb i gwestiwn gan y Panel Heddlu a Throseddu"}
    outcome = {"en": "The commissioner's answer is published.", "cy": "Mae ateb y comisiynydd wedi'i gyhoeddi."}
    return BulletinItem(tenant=tenant, source_id=event.question_id, kind=PANEL_ANSWER, title=title,
                        happened_at=event.published_at, closes_at=None, outcome=outcome)
