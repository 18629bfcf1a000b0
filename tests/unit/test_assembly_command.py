"""``peel assembly select`` on files written here: the report, exit codes and messages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from peel.cli.main import main
from tests.support.sortition_pools import skewed_pool


def write_csv(path, header, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    people, quotas = skewed_pool(n=80, k=10, seed=5, features=4)
    features = write_csv(tmp_path / "features.csv", ["feature", "value", "min", "max", "min_flex", "max_flex"],
                         [[q.feature.upper(), q.value.title(), q.min, q.max, 0, q.max + 2] for q in quotas])
    names = list(people[0].features)
    pool = write_csv(tmp_path / "people.csv", ["id", "name", *names, "street", "postcode"],
                     [[p.id, f"Volunteer {p.id}", *p.features.values(), *p.address] for p in people])
    return tmp_path, features, pool


def select(tmp_path, features, pool, *extra):
    output = tmp_path / "report.json"
    code = main(["assembly", "select", "--features", str(features), "--people", str(pool), "--panel-size", "10",
                 "--household-columns", "street,postcode", "--output", str(output), *extra])
    return code, (json.loads(output.read_text()) if output.exists() else None)


def test_the_report_has_every_field_and_a_panel_meeting_the_quotas(files):
    code, report = select(*files, "--seed", "11", "--lottery", "20")
    assert code == 0
    assert {"algorithm", "pool_size", "panel_size", "seed", "min_probability", "probabilities", "panels",
            "selected", "quotas", "never_selectable"} <= set(report)
    assert (report["algorithm"], report["pool_size"], report["panel_size"], report["seed"]) == ("leximin", 80, 10, 11)
    assert len(report["probabilities"]) == 80
    assert sum(report["probabilities"].values()) == pytest.approx(10)
    assert sum(panel["probability"] for panel in report["panels"]) == pytest.approx(1)
    assert len(report["selected"]) == 10 and report["selected"] in [p["members"] for p in report["panels"]]
    assert all(q["min"] <= q["selected"] <= q["max"] for q in report["quotas"])
    assert report["min_probability"] == min(report["probabilities"].values())
    assert len(report["lottery"]["panels"]) == 20


def test_the_same_seed_gives_the_same_panel(files):
    _, first = select(*files, "--seed", "7")
    _, again = select(*files, "--seed", "7")
    assert first["selected"] == again["selected"]


def test_legacy_is_available(files):
    code, report = select(*files, "--algorithm", "legacy", "--legacy-draws", "200", "--seed", "1")
    assert code == 0 and report["algorithm"] == "legacy"
    assert sum(report["probabilities"].values()) == pytest.approx(10)


def test_infeasible_quotas_exit_2_with_the_suggested_relaxation(files, capsys):
    tmp_path, _, pool = files
    features = write_csv(tmp_path / "tight.csv", ["feature", "value", "min", "max"],
                         [["sex", "female", 9, 9], ["sex", "male", 0, 0], ["sex", "other", 0, 0],
                          ["age", "16-29", 0, 10], ["age", "30-44", 0, 10], ["age", "45-64", 0, 10],
                          ["age", "65+", 0, 10], ["ethnicity", "white", 0, 10], ["ethnicity", "asian", 0, 10],
                          ["ethnicity", "black", 0, 10], ["ethnicity", "mixed", 0, 10], ["grade", "ab", 0, 10],
                          ["grade", "c1", 0, 10], ["grade", "c2", 0, 10], ["grade", "de", 0, 10]])
    code, report = select(tmp_path, features, pool)
    assert code == 2 and report is None
    err = capsys.readouterr().err
    assert "no panel of this size meets every quota" in err
    assert "raise the max of sex:" in err


def test_a_bad_value_names_the_file_row_and_column(files, capsys):
    tmp_path, features, pool = files
    rows = list(csv.reader(pool.open()))
    rows[4][2] = "unheard-of"
    broken = write_csv(tmp_path / "broken.csv", rows[0], rows[1:])
    code, _ = select(tmp_path, features, broken)
    assert code == 1
    err = capsys.readouterr().err
    assert f"{broken}, row 5, column 'sex': value 'unheard-of' has no quota" in err


def test_a_missing_column_and_a_bad_number_are_named(files, capsys):
    tmp_path, features, pool = files
    code, _ = select(tmp_path, features, pool, "--id-column", "volunteer")
    assert code == 1 and "has no column 'volunteer'" in capsys.readouterr().err
    rows = list(csv.reader(features.open()))
    rows[2][2] = "two"
    bad = write_csv(tmp_path / "bad-features.csv", rows[0], rows[1:])
    code, _ = select(tmp_path, bad, pool)
    assert code == 1 and f"{bad}, row 3, column 'min': 'two' is not a whole number" in capsys.readouterr().err


def test_progress_is_shown_on_stderr(files, capsys):
    code, _ = select(*files, "--seed", "2")
    err = capsys.readouterr().err
    assert code == 0 and "levels fixed" in err and "panels" in err
    assert "selected 10 of 80 by leximin (seed 2)" in err


def test_the_installed_command_exits_2_on_infeasible_quotas(files):
    tmp_path, _, pool = files
    rows = [["sex", "female", 11, 11, 11, 11], ["sex", "male", 0, 0, 0, 0], ["sex", "other", 0, 0, 0, 0]]
    rows += [[feature, value, 0, 10, 0, 10] for feature, value in (
        ("age", "16-29"), ("age", "30-44"), ("age", "45-64"), ("age", "65+"), ("ethnicity", "white"),
        ("ethnicity", "asian"), ("ethnicity", "black"), ("ethnicity", "mixed"), ("grade", "ab"), ("grade", "c1"),
        ("grade", "c2"), ("grade", "de"))]
    features = write_csv(tmp_path / "impossible.csv", ["feature", "value", "min", "max", "min_flex", "max_flex"], rows)
    done = subprocess.run([sys.executable, "-m", "peel.cli.main", "assembly", "select", "--features", str(features),
                           "--people", str(pool), "--panel-size", "10"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "no relaxation within the min_flex and max_flex columns" in done.stderr


def test_replacements_join_those_who_stay_and_the_whole_panel_meets_the_quotas(files):
    tmp_path, features, pool = files
    _, original = select(*files, "--seed", "4")
    dropouts = original["selected"][:2]
    output = tmp_path / "replaced.json"
    code = main(["assembly", "replace", "--features", str(features), "--people", str(pool), "--household-columns",
                 "street,postcode", "--report", str(tmp_path / "report.json"), "--dropouts", ",".join(dropouts),
                 "--seed", "5", "--output", str(output)])
    replaced = json.loads(output.read_text())
    assert code == 0 and replaced["replaced"] == dropouts and len(replaced["selected"]) == 2
    assert not set(replaced["selected"]) & set(original["selected"])
    assert len(replaced["panel"]) == 10 and set(replaced["kept"]) == set(original["selected"]) - set(dropouts)
    people = {row["id"]: row for row in csv.DictReader(pool.open())}
    for quota in original["quotas"]:
        count = sum(people[p][quota["feature"].lower()].lower() == quota["value"].lower() for p in replaced["panel"])
        assert quota["min"] <= count <= quota["max"]
