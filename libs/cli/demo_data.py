"""The demo office's data, made without the network: its local policing areas and their postcode
districts, the population figures results are weighted to, the consultation, and residents' responses.

Respondents live across every area in proportion to its people, give a postcode in one of its districts
and, four times in five, equality answers with their consent. Older people answer more often than
younger ones, as they do in real consultations, so weighting has something to correct; the first
respondents cover every area, age band and sex, so that raking can meet every population figure.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import string
from datetime import UTC, datetime, timedelta

TENANT = "cheshire"
AREAS = {  # key: (name, postcode districts, residents aged 16 and over)
    "cheshire_east": ("Cheshire East (Crewe, Macclesfield, Nantwich)", ("CW1", "CW2", "CW5", "SK10", "SK11"), 330_000),
    "cheshire_west": ("Cheshire West and Chester (Chester, Ellesmere Port, Northwich)",
                      ("CH1", "CH2", "CH3", "CH4", "CH65", "CW8", "CW9"), 295_000),
    "halton": ("Halton (Runcorn, Widnes)", ("WA7", "WA8"), 102_000),
    "warrington": ("Warrington", ("WA1", "WA2", "WA3", "WA4", "WA5"), 170_000),
}
AGE_BANDS = {"16_24": 12, "25_34": 15, "35_44": 15, "45_54": 16, "55_64": 16, "65_74": 13, "75_plus": 13}  # % people
ANSWERING_AGES = {"16_24": 4, "25_34": 9, "35_44": 13, "45_54": 18, "55_64": 22, "65_74": 20, "75_plus": 14}
SEXES = {"female": 51, "male": 49}  # % of people
ANSWERING_SEXES = {"female": 58, "male": 42}
PRIORITIES = {
    "asb": ("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    "roads": ("Road safety and speeding", "Diogelwch ar y ffyrdd a goryrru"),
    "burglary": ("Burglary and theft", "Byrgleriaeth a lladrad"),
    "vawg": ("Violence against women and girls", "Trais yn erbyn menywod a merched"),
    "drugs": ("Drugs and county lines", "Cyffuriau a llinellau cyffuriau"),
    "rural": ("Rural and wildlife crime", "Troseddau gwledig a bywyd gwyllt"),
}
PRIORITY_WEIGHTS = {  # how often each area's residents put each priority first
    "cheshire_east": [5, 6, 4, 3, 2, 4], "cheshire_west": [5, 5, 4, 3, 3, 3],
    "halton": [7, 3, 4, 3, 5, 1], "warrington": [6, 4, 5, 3, 4, 1],
}
COMMENTS = [
    "More visible patrols in the town centre at weekends, please.",
    "Speeding through the village is the biggest worry for us.",
    "Keep the neighbourhood officers we know; they make a difference.",
    "Quicker answers on 101 would help.",
    "",
]
AREA_NAMES_CY = {
    "cheshire_east": "Dwyrain Swydd Gaer (Crewe, Macclesfield, Nantwich)",
    "cheshire_west": "Gorllewin Swydd Gaer a Chaer (Caer, Ellesmere Port, Northwich)",
    "halton": "Halton (Runcorn, Widnes)",
    "warrington": "Warrington",
}
RURAL_CRIMES = {  # asked only of residents who put rural crime first
    "farm_theft": ("Theft of farm machinery and livestock", "Dwyn peiriannau fferm a da byw"),
    "wildlife": ("Wildlife and hare coursing", "Troseddau bywyd gwyllt a chwrsio ysgyfarnogod"),
    "fly_tipping": ("Fly-tipping", "Tipio anghyfreithlon"),
}
SAFETY_SCALE = {"minimum": 1, "maximum": 5, "labels": {
    "1": {"en": "Very unsafe", "cy": "Anniogel iawn"}, "3": {"en": "Neither safe nor unsafe", "cy": "Dim un"},
    "5": {"en": "Very safe", "cy": "Diogel iawn"}}}
SAFETY_WEIGHTS = [1, 3, 5, 7, 4]  # how safe residents feel, 1 to 5
POPULATION_HEADER = ("area", "dimension", "category", "count")
THIS_YEAR = {"en": "Policing priorities for Cheshire 2027-28",
             "cy": "Blaenoriaethau plismona ar gyfer Swydd Gaer 2027-28"}
LAST_YEAR = {"en": "Policing priorities for Cheshire 2026-27",
             "cy": "Blaenoriaethau plismona ar gyfer Swydd Gaer 2026-27"}
OUTCOME = {
    "en": "We asked what matters most to you. You said anti-social behaviour and speeding. We put two more "
          "officers in each town centre at weekends and funded speed checks in forty villages.",
    "cy": "Gofynnom beth sydd bwysicaf i chi. Dywedoch ymddygiad gwrthgymdeithasol a goryrru. Rhoesom ddau "
          "swyddog arall ym mhob canol tref ar benwythnosau a thalu am wiriadau cyflymder mewn deugain pentref.",
}


def areas_csv() -> str:
    """The postcode-district table for the consultation service (``PUT /v1/areas``)."""
    rows = [(district, key, name) for key, (name, districts, _) in AREAS.items() for district in districts]
    return _csv(("postcode_district", "area_key", "area_name"), rows)


def population_csv() -> str:
    """People per area by age band and sex, for the reporting service (``PUT /v1/populations``)."""
    rows = [(area, dimension, category, round(people * percent / 100))
            for area, (_, _, people) in AREAS.items()
            for dimension, shares in (("age_band", AGE_BANDS), ("sex", SEXES))
            for category, percent in shares.items()]
    return _csv(POPULATION_HEADER, rows)


def consultation_body(title: dict[str, str] = THIS_YEAR, closes_in: timedelta = timedelta(days=42)) -> dict:
    """A survey of the office's priorities, open until ``closes_in`` from now, in English and Welsh: choice questions,
    one asked only of residents who put rural crime first, a rating and free text."""
    return {
        "title": title, "kind": "survey", "closes_at": (datetime.now(UTC) + closes_in).isoformat(),
        "summary": {"en": "Tell the Commissioner what matters most to you about policing where you live. It takes "
                          "about five minutes.",
                    "cy": "Dywedwch wrth y Comisiynydd beth sydd bwysicaf i chi am blismona lle rydych yn byw. Mae'n "
                          "cymryd tua phum munud."},
        "questions": [
            {"key": "area", "type": "single_choice",
             "text": {"en": "Which local policing area do you live in?",
                      "cy": "Ym mha ardal blismona leol ydych chi'n byw?"},
             "options": [{"key": key, "text": {"en": name, "cy": AREA_NAMES_CY[key]}}
                         for key, (name, _, _) in AREAS.items()]},
            {"key": "priority", "type": "single_choice",
             "text": {"en": "Which matters most to you?", "cy": "Beth sydd bwysicaf i chi?"},
             "options": _options(PRIORITIES)},
            {"key": "rural", "type": "single_choice", "show_if": {"question": "priority", "equals": "rural"},
             "text": {"en": "Which rural crime worries you most?",
                      "cy": "Pa drosedd wledig sy'n eich poeni fwyaf?"}, "options": _options(RURAL_CRIMES)},
            {"key": "also", "type": "multi_choice", "required": False, "max_selections": 3,
             "text": {"en": "What else should the Commissioner focus on? (up to three)",
                      "cy": "Ar beth arall y dylai'r Comisiynydd ganolbwyntio? (hyd at dri)"},
             "options": _options(PRIORITIES)},
            {"key": "safety", "type": "rating", "scale": SAFETY_SCALE,
             "text": {"en": "How safe do you feel in your neighbourhood after dark?",
                      "cy": "Pa mor ddiogel ydych chi'n teimlo yn eich cymdogaeth ar ôl iddi dywyllu?"}},
            {"key": "comments", "type": "free_text", "required": False, "max_length": 2000,
             "text": {"en": "Anything else you would like to tell the Commissioner?",
                      "cy": "Unrhyw beth arall yr hoffech ei ddweud wrth y Comisiynydd?"}},
        ],
    }


def _options(texts: dict[str, tuple[str, str]]) -> list[dict]:
    return [{"key": key, "text": {"en": en, "cy": cy}} for key, (en, cy) in texts.items()]


def responses(count: int, rng: random.Random) -> list[dict]:
    """``count`` residents' responses (bodies of ``POST /v1/consultations/{id}/responses``): first one of
    every area, age band and sex with equality answers, then anyone, four in five with them."""
    cells = list(itertools.product(AREAS, ANSWERING_AGES, ANSWERING_SEXES))
    return [response(rng, *cells[n], equality=True) if n < len(cells)
            else response(rng, *_someone(rng), equality=rng.random() < 0.8) for n in range(count)]


def response(rng: random.Random, area: str, age_band: str, sex: str, *, equality: bool) -> dict:
    """A resident of ``area``: a postcode in one of its districts, answers, and equality answers if given."""
    body: dict = {"answers": resident_answers(rng, area), "postcode": postcode(rng, area)}
    if equality:
        body["equality"] = {"consent": True, "age_band": age_band, "sex": sex,
                            "disability": rng.choices(["no", "yes", "prefer_not_to_say"], [78, 18, 4])[0]}
    return body


def resident_answers(rng: random.Random, area: str) -> dict:
    answers: dict = {"area": area, "priority": rng.choices(list(PRIORITIES), PRIORITY_WEIGHTS[area])[0]}
    if answers["priority"] == "rural":  # routing asks the rural question of these residents only
        answers["rural"] = rng.choice(list(RURAL_CRIMES))
    if rng.random() < 0.6:
        answers["also"] = rng.sample(list(PRIORITIES), rng.randint(1, 3))
    answers["safety"] = rng.choices(range(1, 6), SAFETY_WEIGHTS)[0]
    if comment := rng.choice(COMMENTS):
        answers["comments"] = comment
    return answers


def postcode(rng: random.Random, area: str) -> str:
    """A full postcode in one of the area's districts, e.g. ``CW1 4PX``."""
    district = rng.choice(AREAS[area][1])
    return f"{district} {rng.randint(1, 9)}{''.join(rng.choices(string.ascii_uppercase, k=2))}"


def _someone(rng: random.Random) -> tuple[str, str, str]:
    area = rng.choices(list(AREAS), [people for _, _, people in AREAS.values()])[0]
    return (area, rng.choices(list(ANSWERING_AGES), list(ANSWERING_AGES.values()))[0],
            rng.choices(list(ANSWERING_SEXES), list(ANSWERING_SEXES.values()))[0])


def _csv(header: tuple[str, ...], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
