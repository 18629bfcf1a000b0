"""The notifications service's own emails to parish and town councils: the yearly "are these still your
council's details?" check, with the clerk's signed link."""

from __future__ import annotations

from peel.notifications.templates.domain.template_parts import Bilingual, Placeholder, Template

COUNCIL_DETAILS_CHECK = Template(
    key="council_details_check",
    subject=Bilingual("Are ((organisation_name))'s contact details still correct?",
                      "A yw manylion cyswllt ((organisation_name)) yn dal yn gywir?"),
    body=Bilingual(
        "We send ((organisation_name)) news for residents and ask for the council's views. Once a year we check "
        "that we are writing to the right people.\n\nPlease confirm or correct the council's details: "
        "((council_details_url))\n\nIt takes a minute, and the link is for your council alone.",
        "Rydym yn anfon newyddion i drigolion at ((organisation_name)) ac yn gofyn am farn y cyngor. Unwaith y "
        "flwyddyn rydym yn gwirio ein bod yn ysgrifennu at y bobl iawn.\n\nCadarnhewch neu cywirwch fanylion y "
        "cyngor: ((council_details_url))\n\nMae'n cymryd munud, ac mae'r ddolen ar gyfer eich cyngor chi yn unig.",
    ),
    placeholders=(Placeholder("organisation_name"), Placeholder("council_details_url")),
)
COUNCIL_TEMPLATES = (COUNCIL_DETAILS_CHECK,)
