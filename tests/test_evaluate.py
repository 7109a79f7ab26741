"""scripts/evaluate.py: the summary table, the misses listing and the --sets option (no extraction)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from conftest import need_shared

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "evaluate.py"
spec = importlib.util.spec_from_file_location("evaluate", SCRIPT)
evaluate = importlib.util.module_from_spec(spec)
sys.modules["evaluate"] = evaluate  # dataclasses look their module up
spec.loader.exec_module(evaluate)


def prf(p: float, r: float, f: float, tp: int = 1, gold: int = 10) -> dict:
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": 10, "gold": gold}


def row(name: str, conflicts: dict | None, tp: int = 1) -> dict:
    return {"set": name, "articles_scored": 3, "value": prf(0.9, 0.8, 0.85, tp), "strict": prf(0.5, 0.4, 0.45, tp),
            "strict_with_forecasts": prf(0.5, 0.4, 0.44, tp), "fields": dict.fromkeys(evaluate.FIELDS, 0.75),
            "conflicts": conflicts}


def test_table_has_one_row_per_set_and_the_conflict_forms() -> None:
    scored = {"raised": 7, "by_severity": {"high": 2}, "unconfirmed": 2, "scored": prf(1.0, 0.5, 0.667, gold=8),
              "scored_confirmed": {**prf(1.0, 0.375, 0.545, gold=8), "predicted": 5}}
    counted = {"raised": 52, "by_severity": {"high": 40, "low": 12}, "unconfirmed": 3, "scored": None}
    table = evaluate.markdown_table([row("dev", scored), row("reuters prose", counted),
                                     row("reuters tables", None, tp=0), row("x", {"error": "reconcile failed"})])
    lines = table.splitlines()
    assert lines[0].count("|") == lines[2].count("|") == len(evaluate.FIELDS) + 7
    assert "| dev | 3 | 0.900 / 0.800 / 0.850 | 0.500 / 0.400 / 0.450 | 0.440 | 0.75 |" in table
    assert lines[2].endswith("| P 1.00 R 0.50 F1 0.67 (7 raised, 8 gold, 2 unconfirmed); "
                             "confirmed only P 1.00 R 0.38 F1 0.55 (5 raised) |")
    assert lines[3].endswith("| 52 raised, 40 high, 3 unconfirmed |")
    assert lines[4].endswith("| — | — |")  # no value match: no field accuracy; conflicts on the prose row
    assert lines[5].endswith("| reconcile failed |")


def test_spread_takes_articles_in_turn() -> None:
    rows = [{"article": "a", "n": i} for i in range(5)] + [{"article": "b", "n": 9}]
    assert [(r["article"], r["n"]) for r in evaluate.spread(rows, 3)] == [("a", 0), ("b", 9), ("a", 1)]
    wrong = [{"gold": {"article": "a"}}, {"gold": {"article": "a"}}, {"gold": {"article": "b"}}]
    assert evaluate.spread(wrong, 2) == [wrong[0], wrong[2]]


def test_sets_option() -> None:
    assert evaluate.parse_args(["--sets", "dev, reuters"]).sets == ["dev", "reuters"]
    assert evaluate.parse_args([]).sets == list(evaluate.SET_NAMES)
    with pytest.raises(argparse.ArgumentTypeError):
        evaluate.parse_sets("dev,nope")


def test_every_set_reads_its_own_folder(tmp_path: Path) -> None:
    sets = evaluate.eval_sets(tmp_path)
    assert set(sets) == set(evaluate.SET_NAMES) - {"newsquant"}
    assert [label for label, _ in sets["reuters"].golds] == ["reuters prose", "reuters tables"]
    assert sets["reuters"].gold_conflicts is None
    assert evaluate.evaluate_set(sets["mixed"], tmp_path, tmp_path, 5) == []  # absent: skipped


def conflict(commodity: str, unconfirmed: bool) -> dict:
    return {"type": "value_mismatch", "series": {"indicator": "trade", "commodity": commodity, "origin": "QA",
            "destination": "PE"}, "period": "2031-04", "articles": ["a.txt", "b.txt"], "unconfirmed": unconfirmed}


def test_conflicts_are_scored_all_and_confirmed_only(tmp_path: Path) -> None:
    scorer = need_shared("tools", "score_claims.py")
    gold, raised = tmp_path / "gold.jsonl", tmp_path / "dev-conflicts.jsonl"
    gold.write_text("".join(json.dumps(conflict(c, False)) + "\n" for c in ("zinc", "tin")), encoding="utf-8")
    rows = [conflict("zinc", False), conflict("tin", True), conflict("lead", True)]
    raised.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    figures, res = evaluate.conflict_figures(scorer, gold, raised)
    assert (figures["raised"], figures["unconfirmed"]) == (3, 2)
    assert (figures["scored"]["tp"], figures["scored"]["precision"], figures["scored"]["recall"]) == (2, 0.6667, 1.0)
    confirmed = figures["scored_confirmed"]
    assert (confirmed["predicted"], confirmed["precision"], confirmed["recall"]) == (1, 1.0, 0.5)
    assert evaluate.read_jsonl(tmp_path / "dev-conflicts-confirmed.jsonl") == rows[:1]
    assert "; confirmed only P 1.00 R 0.50 F1 0.67 (1 raised)" in evaluate.conflict_cell(figures)
    # Without gold: counted only, the confirmed file written all the same.
    figures, res = evaluate.conflict_figures(scorer, None, raised)
    assert figures["scored_confirmed"] is None and res is None
    assert evaluate.conflict_cell(figures) == "3 raised, 0 high, 2 unconfirmed"
