"""The demo office's data (``peel demo``) shows real figures: the consultation service accepts every response
and maps its postcode to an area, the breakdowns show groups, and weighting to the population converges."""

import csv
import io
import random
import uuid
from collections import Counter, defaultdict

import pytest

from peel.cli.demo_data import AREAS, areas_csv, consultation_body, population_csv, responses
from peel.common.contracts.consultation import QuestionSpec
from peel.consultation.domain.areas import parse_area_rows, postcode_district
from peel.consultation.entrypoints.http.schemas import ResponseCreate
from peel.reporting.domain.breakdown import Dimension, shown_groups
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.populations import parse_population
from peel.reporting.domain.weighted_results import weigh

RESPONSES = responses(240, random.Random(2027))  # as `peel demo` makes them by default
CHOICES = [{"required": True} | {key: q[key] for key in ("key", "type", "text", "options")}
           for q in consultation_body()["questions"] if q["type"] == "single_choice"]
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", consultation_body()["title"], "survey",
                            tuple(QuestionSpec.model_validate(q) for q in CHOICES))


@pytest.fixture(scope="module")
def respondents() -> list[dict]:
    """Each respondent as reporting keeps them: area (from the postcode), bands and the priority chosen."""
    districts = {district: area for district, area, _ in parse_area_rows(list(csv.reader(io.StringIO(areas_csv()))))}
    found = []
    for body in RESPONSES:
        submitted = ResponseCreate.model_validate(body)  # as the consultation service accepts it
        bands = submitted.equality.to_domain() if submitted.equality else None
        found.append({"area": districts[postcode_district(submitted.postcode)],
                      "age_band": bands.age_band if bands else None, "sex": bands.sex if bands else None,
                      "priority": body["answers"]["priority"]})
    return found


def test_responses_come_from_every_area_with_equality_answers_from_most(respondents):
    assert Counter(r["area"] for r in respondents).keys() == AREAS.keys()
    assert 0.75 < sum(r["age_band"] is not None for r in respondents) / len(respondents) < 0.95
    assert all(r["area"] == body["answers"]["area"] for r, body in zip(respondents, RESPONSES, strict=True))


def test_the_breakdown_by_area_shows_at_least_two_groups(respondents):
    for by in (Dimension.AREA, Dimension.AGE_BAND, Dimension.SEX):
        sizes = Counter(r[by.value] or "not_given" for r in respondents)
        shown = [group for group, size in shown_groups(by, CONSULTATION, sizes) if size is not None]
        assert len(shown) >= 2, by


def test_weighting_to_the_population_figures_converges_and_uses_every_figure(respondents):
    population = {(f.area, f.dimension, f.category): f.people for f in parse_population(population_csv())}
    cells = Counter((r["area"], r["age_band"], r["sex"]) for r in respondents if r["age_band"])
    tallies: dict = defaultdict(lambda: defaultdict(Counter))
    for r in respondents:
        if r["age_band"]:
            cell = (r["area"], r["age_band"], r["sex"])
            tallies[cell][("priority", "")][None] += 1
            tallies[cell][("priority", r["priority"])][None] += 1
    weighted = weigh(CONSULTATION, ["age_band", "sex"], population, cells, tallies)
    assert weighted.converged and weighted.trimming.margins_met
    assert weighted.without_respondents == ()
    assert weighted.weighted_respondents == sum(cells.values()) and weighted.left_out == 0
    assert weighted.trimming.largest_weight > 1.5  # the young, who answer less, count for more
