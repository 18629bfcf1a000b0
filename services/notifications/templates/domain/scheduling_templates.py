"""The scheduling service's emails: surgery bookings and citizens' assembly registrations.

Links in them are the resident's own: whoever has one can change the booking or registration it opens.
"""

from __future__ import annotations

from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template

LINK_WARNING = Bilingual("These links are yours alone: anyone with them can change your booking.",
                         "Eich dolenni chi yn unig yw'r rhain: gall unrhyw un sydd â nhw newid eich archeb.")
APPOINTMENT = (Placeholder("name"), Placeholder("host"), Placeholder("starts_at", Kind.DATETIME),
               Placeholder("place", Kind.TEXT))
ASSEMBLY = (Placeholder("name"), Placeholder("assembly_title"))


def _links(*names: str) -> tuple[Placeholder, ...]:
    return tuple(Placeholder(name) for name in names)


SURGERY_BOOKING_CONFIRMED = Template(
    key="surgery_booking_confirmed",
    subject=Bilingual("Your appointment with ((host)) on ((starts_at))",
                      "Eich apwyntiad gyda ((host)) ar ((starts_at))"),
    body=Bilingual(
        "Dear ((name)),\n\n((intro))\n\nWith: ((host))\nWhen: ((starts_at)), for ((duration))\nWhere: ((place))\n\n"
        "((guidance))\n\nYour booking: ((booking_url))\nCancel it: ((cancel_url))\n"
        "Move it to another time: ((reschedule_url))\nAdd it to your calendar: ((calendar_url))\n\n"
        f"{LINK_WARNING.en}",
        "Annwyl ((name)),\n\n((intro))\n\nGyda: ((host))\nPryd: ((starts_at)), am ((duration))\nBle: ((place))\n\n"
        "((guidance))\n\nEich archeb: ((booking_url))\nEi chanslo: ((cancel_url))\n"
        "Ei symud i amser arall: ((reschedule_url))\nEi hychwanegu at eich calendr: ((calendar_url))\n\n"
        f"{LINK_WARNING.cy}",
    ),
    placeholders=(*APPOINTMENT, Placeholder("duration"), Placeholder("intro", Kind.TEXT),
                  Placeholder("guidance", Kind.TEXT), *_links("booking_url", "cancel_url", "reschedule_url",
                                                              "calendar_url")),
)
SURGERY_BOOKING_REMINDER = Template(
    key="surgery_booking_reminder",
    subject=Bilingual("Reminder: your appointment with ((host)) on ((starts_at))",
                      "Nodyn atgoffa: eich apwyntiad gyda ((host)) ar ((starts_at))"),
    body=Bilingual(
        "Dear ((name)),\n\nThis is a reminder of your appointment with ((host)) on ((starts_at)).\nWhere: ((place))\n\n"
        "Your booking: ((booking_url))\nIf you can no longer come, please cancel so someone else can have the slot: "
        "((cancel_url))",
        "Annwyl ((name)),\n\nDyma nodyn i'ch atgoffa am eich apwyntiad gyda ((host)) ar ((starts_at)).\nBle: ((place))"
        "\n\nEich archeb: ((booking_url))\nOs na allwch ddod mwyach, canslwch fel y gall rhywun arall gael y slot: "
        "((cancel_url))",
    ),
    placeholders=(*APPOINTMENT, *_links("booking_url", "cancel_url")),
    sms=Bilingual("Reminder: your appointment with ((host)), ((starts_at)), ((place)). Can't come? Cancel: "
                  "((cancel_url))",
                  "Nodyn atgoffa: eich apwyntiad gyda ((host)), ((starts_at)), ((place)). Methu dod? Canslwch: "
                  "((cancel_url))"),
)
SURGERY_BOOKING_CANCELLED = Template(
    key="surgery_booking_cancelled",
    subject=Bilingual("Your appointment on ((starts_at)) is cancelled",
                      "Mae eich apwyntiad ar ((starts_at)) wedi'i ganslo"),
    body=Bilingual(
        "Dear ((name)),\n\nYour appointment with ((host)) on ((starts_at)) at ((place)) is cancelled. ((reason))\n\n"
        "You are welcome to book another surgery.",
        "Annwyl ((name)),\n\nMae eich apwyntiad gyda ((host)) ar ((starts_at)) yn ((place)) wedi'i ganslo. ((reason))"
        "\n\nCroeso i chi drefnu cymhorthfa arall.",
    ),
    placeholders=(*APPOINTMENT, Placeholder("reason", Kind.TEXT)),
)
SURGERY_WAITLIST_JOINED = Template(
    key="surgery_waitlist_joined",
    subject=Bilingual("You are on the waiting list for ((host))'s surgery", "Rydych ar y rhestr aros ar gyfer "
                                                                            "cymhorthfa ((host))"),
    body=Bilingual(
        "Dear ((name)),\n\nThe surgery with ((host)) on ((starts_at)) at ((place)) is full, and you are on its waiting "
        "list. If a slot is freed, the first on the list takes it: we will email you if it is yours.\n\n"
        "Your place on the list: ((waitlist_url))\nLeave the list: ((leave_url))",
        "Annwyl ((name)),\n\nMae'r gymhorthfa gyda ((host)) ar ((starts_at)) yn ((place)) yn llawn, ac rydych ar ei "
        "rhestr aros. Os daw slot yn rhydd, y cyntaf ar y rhestr sy'n ei gael: byddwn yn anfon e-bost atoch os mai "
        "chi sy'n ei gael.\n\nEich lle ar y rhestr: ((waitlist_url))\nGadael y rhestr: ((leave_url))",
    ),
    placeholders=(*APPOINTMENT, *_links("waitlist_url", "leave_url")),
)
ASSEMBLY_REGISTRATION_RECEIVED = Template(
    key="assembly_registration_received",
    subject=Bilingual("You have registered for ((assembly_title))",
                      "Rydych wedi cofrestru ar gyfer ((assembly_title))"),
    body=Bilingual(
        "Dear ((name)),\n\nThank you for registering for ((assembly_title)). Its members will be drawn by lot from "
        "everyone who registers, so that together they reflect the area. We will email you whether or not you are "
        "drawn.\n\nIf you change your mind, withdraw here: ((withdraw_url))",
        "Annwyl ((name)),\n\nDiolch am gofrestru ar gyfer ((assembly_title)). Bydd ei aelodau'n cael eu dewis drwy "
        "goelbren o blith pawb sy'n cofrestru, fel eu bod gyda'i gilydd yn adlewyrchu'r ardal. Byddwn yn anfon "
        "e-bost atoch i ddweud a ydych wedi cael eich dewis ai peidio.\n\nOs byddwch yn newid eich meddwl, tynnwch "
        "yn ôl yma: ((withdraw_url))",
    ),
    placeholders=(*ASSEMBLY, Placeholder("withdraw_url")),
)
ASSEMBLY_PLACE_OFFERED = Template(
    key="assembly_place_offered",
    subject=Bilingual("You have been selected for ((assembly_title))", "Rydych wedi cael eich dewis ar gyfer "
                                                                       "((assembly_title))"),
    body=Bilingual(
        "Dear ((name)),\n\nYou have been drawn to be a member of ((assembly_title)). Please tell us whether you will "
        "take your place.\n\nTake my place: ((confirm_url))\nI cannot take part: ((decline_url))",
        "Annwyl ((name)),\n\nRydych wedi cael eich dewis i fod yn aelod o ((assembly_title)). Rhowch wybod i ni a "
        "fyddwch yn cymryd eich lle.\n\nRwy'n cymryd fy lle: ((confirm_url))\nNi allaf gymryd rhan: "
        "((decline_url))",
    ),
    placeholders=(*ASSEMBLY, *_links("confirm_url", "decline_url")),
)
ASSEMBLY_NOT_SELECTED = Template(
    key="assembly_not_selected",
    subject=Bilingual("((assembly_title)): the members have been drawn", "((assembly_title)): mae'r aelodau wedi'u "
                                                                         "dewis"),
    body=Bilingual(
        "Dear ((name)),\n\nThe members of ((assembly_title)) have been drawn by lot, and you were not drawn this "
        "time. If a member drops out before ((replacement_deadline)), a replacement is drawn from those not yet "
        "drawn, so we may still write to you.\n\nIf you would rather not be drawn, withdraw here: ((withdraw_url))",
        "Annwyl ((name)),\n\nMae aelodau ((assembly_title)) wedi'u dewis drwy goelbren, ac ni chawsoch eich dewis y "
        "tro hwn. Os bydd aelod yn tynnu'n ôl cyn ((replacement_deadline)), caiff rhywun arall ei ddewis o blith y "
        "rhai nad ydynt wedi'u dewis eto, felly efallai y byddwn yn ysgrifennu atoch eto.\n\nOs byddai'n well "
        "gennych beidio â chael eich dewis, tynnwch yn ôl yma: ((withdraw_url))",
    ),
    placeholders=(*ASSEMBLY, Placeholder("replacement_deadline"), Placeholder("withdraw_url")),
)
ASSEMBLY_PLACE_CONFIRMED = Template(
    key="assembly_place_confirmed",
    subject=Bilingual("Your place on ((assembly_title)) is confirmed", "Mae eich lle ar ((assembly_title)) wedi'i "
                                                                       "gadarnhau"),
    body=Bilingual(
        "Dear ((name)),\n\nThank you for taking your place on ((assembly_title)). The Commissioner's office will send "
        "you the timetable, and will ask what you need to take part: an interpreter, a hearing loop, childcare or "
        "help with travel.",
        "Annwyl ((name)),\n\nDiolch am gymryd eich lle ar ((assembly_title)). Bydd swyddfa'r Comisiynydd yn anfon yr "
        "amserlen atoch, ac yn gofyn beth sydd ei angen arnoch i gymryd rhan: cyfieithydd, dolen sain, gofal plant "
        "neu help gyda theithio.",
    ),
    placeholders=ASSEMBLY,
)
SCHEDULING_TEMPLATES = (SURGERY_BOOKING_CONFIRMED, SURGERY_BOOKING_REMINDER, SURGERY_BOOKING_CANCELLED,
                        SURGERY_WAITLIST_JOINED, ASSEMBLY_REGISTRATION_RECEIVED, ASSEMBLY_PLACE_OFFERED,
                        ASSEMBLY_NOT_SELECTED, ASSEMBLY_PLACE_CONFIRMED)
