#!/usr/bin/env python3
"""`make eval`: extract each evaluation set of ../shared with the real CLI into its own SQLite
file, score claims (and conflicts) with ../shared/tools/score_claims.py --json, print a terse
list of misses per set, score the quantity layer on NewsQuant (scripts/eval_newsquant.py), and
end with one Markdown table, a row per set.

Sets: seeds (../shared/seeds), dev (../shared/dev), mixed (../shared/dev/mixed), reuters
(../shared/dev/reuters: one extraction, scored on the prose gold and, apart, on the wire
tables gold; it has no gold conflicts, so the conflicts raised are counted instead) and
newsquant. A set whose folder is absent is skipped. Conflicts are scored twice: all of them,
and the confirmed ones only (`"unconfirmed": false`, the ones that fail the gate by default).
Writes <set>.db, <set>-claims.jsonl, <set>-conflicts.jsonl, <set>-conflicts-confirmed.jsonl,
summary.md and summary.json to --out (default eval/out/).

    python scripts/evaluate.py [--shared ../shared] [--out DIR] [--sets seeds,dev] [--misses 15]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIELDS = ("indicator", "commodity", "origin", "destination", "period", "basis_period", "approx", "measure")
FIELD_HEADS = ("ind", "comm", "orig", "dest", "period", "basis", "approx", "measure")
SET_NAMES = ("seeds", "dev", "mixed", "reuters", "newsquant")


@dataclass(frozen=True)
class EvalSet:
    """One extraction (articles -> one database), scored against one or more gold files."""

    name: str
    articles: Path
    golds: tuple[tuple[str, Path], ...]  # (row label, gold claims file)
    gold_conflicts: Path | None


def eval_sets(shared: Path) -> dict[str, EvalSet]:
    dev, mixed, reuters = shared / "dev", shared / "dev" / "mixed", shared / "dev" / "reuters"
    return {
        "seeds": EvalSet("seeds", shared / "seeds", (("seeds", shared / "seeds" / "gold_claims.jsonl"),),
                         shared / "seeds" / "gold_conflicts.jsonl"),
        "dev": EvalSet("dev", dev / "articles", (("dev", dev / "gold_claims.jsonl"),),
                       dev / "gold_conflicts.jsonl"),
        "mixed": EvalSet("mixed", mixed / "articles", (("mixed", mixed / "gold_claims.jsonl"),),
                         mixed / "gold_conflicts.jsonl"),
        "reuters": EvalSet("reuters", reuters / "articles",
                           (("reuters prose", reuters / "gold_claims.jsonl"),
                            ("reuters tables", reuters / "gold_claims_tables.jsonl")), None),
    }


# -- running the CLI and the scorer ------------------------------------------------------------


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)


def extractor(*args: str) -> subprocess.CompletedProcess:
    return run([str(BIN / "extractor"), *args])


def score(scorer: Path, *args: str) -> dict:
    r = run([sys.executable, str(scorer), "--json", *map(str, args)])
    if r.returncode != 0:
        sys.exit(f"scorer failed: {' '.join(map(str, args))}\n{r.stderr.strip()}")
    return json.loads(r.stdout)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def confirmed_path(conflicts: Path) -> Path:
    return conflicts.with_name(f"{conflicts.stem}-confirmed.jsonl")


def confirmed_only(conflicts: Path) -> Path:
    """The exported conflicts without the unconfirmed ones, as a second file for the scorer."""
    out = confirmed_path(conflicts)
    lines = conflicts.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip() and json.loads(line).get("unconfirmed") is not True]
    out.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return out


def scored_articles(gold: Path) -> int:
    """How many articles a gold file names (also those marked no_claims): the ones scored."""
    return len({row.get("article") for row in read_jsonl(gold)})


def article_files(folder: Path) -> list[Path]:
    """The articles of a set folder: everything but the gold files and hidden files."""
    return [p for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(("gold_", "."))]


def fresh_db(out: Path, name: str) -> Path:
    db = out / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def last_lines(text: str, n: int = 1) -> str:
    return "\n".join(text.strip().splitlines()[-n:])


@dataclass(frozen=True)
class Extraction:
    summary: str  # the CLI's summary line
    claims: Path
    conflicts: Path | None  # None when reconcile failed


def extract(s: EvalSet, out: Path) -> Extraction | None:
    """Extract, reconcile and export one set; None when the extraction failed."""
    db = fresh_db(out, s.name)
    res = extractor("extract", *map(str, article_files(s.articles)), "--db", str(db), "--quiet")
    summary = last_lines(res.stderr) or f"exit {res.returncode}"
    print(f"\n== {s.name}: {summary}")
    if res.returncode not in (0, 3):  # 3: some inputs rejected, the others stored
        print(last_lines(res.stderr, 3))
        return None
    claims, conflicts = out / f"{s.name}-claims.jsonl", out / f"{s.name}-conflicts.jsonl"
    claims.write_text(extractor("claims", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    conflicts.unlink(missing_ok=True)
    confirmed_path(conflicts).unlink(missing_ok=True)
    rec = extractor("reconcile", "--db", str(db), "--fail-on", "none")
    if rec.returncode != 0:
        print(f"reconcile failed (exit {rec.returncode}): {last_lines(rec.stderr)}")
        return Extraction(summary, claims, None)
    conflicts.write_text(extractor("conflicts", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    return Extraction(summary, claims, conflicts)


# -- figures ------------------------------------------------------------------------------------


def prf(r: dict) -> dict:
    return {k: r[k] for k in ("precision", "recall", "f1", "tp", "predicted", "gold")}


def claim_figures(scorer: Path, gold: Path, claims: Path) -> tuple[dict, dict]:
    """(figures for summary.json, the scorer's full result for the misses listing)."""
    res = score(scorer, gold, claims)
    with_fc = score(scorer, "--include-forecasts", gold, claims)
    wrong = Counter(f for w in res["wrong_fields"] for f in w["differs"])
    figures = {
        "value": prf(res["value"]),
        "strict": prf(res["strict"]),
        "fields": res["field_accuracy_on_value_matches"],
        "strict_with_forecasts": prf(with_fc["strict"]),
        "value_with_forecasts": prf(with_fc["value"]),
        "missed": len(res["missed"]),
        "spurious": len(res["spurious"]),
        "wrong_fields": len(res["wrong_fields"]),
        "wrong_by_field": dict(wrong.most_common()),
    }
    return figures, res


def conflict_figures(scorer: Path, gold: Path | None, conflicts: Path | None) -> tuple[dict, dict | None]:
    if conflicts is None:
        return {"error": "reconcile failed"}, None
    raised = read_jsonl(conflicts)
    figures = {
        "raised": len(raised),
        "by_severity": dict(Counter(c.get("severity") for c in raised).most_common()),
        "unconfirmed": sum(c.get("unconfirmed") is True for c in raised),
        "scored": None,
        "scored_confirmed": None,
    }
    confirmed = confirmed_only(conflicts)
    if gold is None or not gold.exists():
        return figures, None
    res = score(scorer, "--conflicts", gold, conflicts)
    figures["scored"] = prf(res["conflicts"])
    figures["scored_confirmed"] = prf(score(scorer, "--conflicts", gold, confirmed)["conflicts"])
    return figures, res


# -- terse misses listing ------------------------------------------------------------------------


def clip(text: object, n: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def series(c: dict) -> str:
    s = c.get("series") or c
    what = "/".join(str(s.get(k)) for k in ("indicator", "commodity") if s.get(k))
    return f"{what} {s.get('origin') or '-'}→{s.get('destination') or '-'}"


def claim_line(c: dict) -> str:
    return (f"{clip(c.get('article'), 28):28} {c.get('kind')} {c.get('value')} {c.get('unit')}"
            f" {series(c)} {c.get('period')} \"{clip(c.get('quote'), 40)}\"")


def wrong_line(w: dict) -> str:
    g, p = w["gold"], w["pred"]
    diffs = ", ".join(f"{f} {g.get(f)}≠{p.get(f)}" for f in w["differs"])
    return f"{clip(g.get('article'), 28):28} \"{clip(g.get('quote'), 40)}\": {diffs}"


def conflict_line(c: dict) -> str:
    arts = ",".join(clip(a, 14) for a in c.get("articles") or [])
    sev = f" {c['severity']}" if c.get("severity") else ""
    sev += " unconfirmed" if c.get("unconfirmed") is True else ""
    return f"{c.get('type')}{sev} {series(c)} {c.get('period')} [{arts}]"


def spread(rows: list[dict], n: int) -> list[dict]:
    """Up to n rows taken in turn from each article, so one long story does not fill the list."""
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(str((row.get("gold") or row).get("article")), []).append(row)
    turns = [row for i in range(max(map(len, by_article.values()), default=0))
             for group in by_article.values() if i < len(group) for row in group[i:i + 1]]
    return turns[:n]


def print_block(title: str, total: int, rows: list[str]) -> None:
    if total:
        print(f"  {title} ({total}):")
        for row in rows:
            print(f"    {row}")


def print_claim_misses(label: str, figures: dict, res: dict, n: int) -> None:
    v, s = figures["value"], figures["strict"]
    by_field = ", ".join(f"{f} {k}" for f, k in figures["wrong_by_field"].items()) or "none"
    print(f"-- {label}: value F1 {v['f1']:.3f}, strict F1 {s['f1']:.3f}; "
          f"wrong fields on value matches: {by_field}")
    if n <= 0:
        return
    print_block("missed", len(res["missed"]), [claim_line(c) for c in spread(res["missed"], n)])
    print_block("spurious", len(res["spurious"]), [claim_line(c) for c in spread(res["spurious"], n)])
    print_block("wrong fields, gold≠extracted", len(res["wrong_fields"]),
                [wrong_line(w) for w in spread(res["wrong_fields"], n)])


def print_conflicts(figures: dict, res: dict | None, raised: list[dict], n: int) -> None:
    print(f"-- conflicts: {conflict_cell(figures)}")
    if n <= 0 or "error" in figures:
        return
    if res is not None:
        print_block("missed", len(res["missed"]), [conflict_line(c) for c in res["missed"][:n]])
        print_block("spurious", len(res["spurious"]), [conflict_line(c) for c in res["spurious"][:n]])
        return
    order = {"high": 0, "medium": 1, "low": 2}
    top = sorted(raised, key=lambda c: (c.get("unconfirmed") is True, order.get(c.get("severity"), 3)))[:n]
    print_block("raised", len(raised), [conflict_line(c) for c in top])


# -- one set ------------------------------------------------------------------------------------


def evaluate_set(s: EvalSet, scorer: Path, out: Path, misses: int) -> list[dict]:
    """The rows (one per gold file) of one set, or [] when it is absent or its extraction fails."""
    if not s.articles.is_dir():
        print(f"\n== {s.name}: skipped, no folder {s.articles}")
        return []
    ex = extract(s, out)
    if ex is None:
        return []
    rows = []
    for label, gold in s.golds:
        if not gold.exists():
            print(f"-- {label}: skipped, no gold {gold}")
            continue
        figures, res = claim_figures(scorer, gold, ex.claims)
        print_claim_misses(label, figures, res, misses)
        rows.append({"set": label, "extraction": s.name, "extract": ex.summary,
                     "articles_scored": scored_articles(gold), "claims_extracted": len(read_jsonl(ex.claims)),
                     **figures, "conflicts": None})
    if rows:
        rows[0]["conflicts"], res = conflict_figures(scorer, s.gold_conflicts, ex.conflicts)
        raised = read_jsonl(ex.conflicts) if ex.conflicts else []
        print_conflicts(rows[0]["conflicts"], res, raised, misses)
    return rows


# -- summary ------------------------------------------------------------------------------------


def trio(r: dict) -> str:
    return f"{r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f}"


def pr(s: dict) -> str:
    return f"P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f}"


def conflict_cell(c: dict | None) -> str:
    if c is None:
        return "—"
    if "error" in c:
        return c["error"]
    unconfirmed = f", {c['unconfirmed']} unconfirmed" if c["unconfirmed"] else ""
    if c["scored"] is not None:
        s = c["scored"]
        cell = f"{pr(s)} ({c['raised']} raised, {s['gold']} gold{unconfirmed})"
        if c.get("scored_confirmed") is not None:
            k = c["scored_confirmed"]
            cell += f"; confirmed only {pr(k)} ({k['predicted']} raised)"
        return cell
    return f"{c['raised']} raised, {c['by_severity'].get('high', 0)} high{unconfirmed}"


def markdown_table(rows: list[dict]) -> str:
    head = ["set", "articles", "value P / R / F1", "strict P / R / F1", "strict F1 +fc",
            *FIELD_HEADS, "conflicts"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        matched = r["value"]["tp"] > 0  # field accuracy is undefined without value matches
        cells = [r["set"], str(r["articles_scored"]), trio(r["value"]), trio(r["strict"]),
                 f"{r['strict_with_forecasts']['f1']:.3f}",
                 *(f"{r['fields'].get(f, 0.0):.2f}" if matched else "—" for f in FIELDS),
                 conflict_cell(r["conflicts"])]
        lines.append("| " + " | ".join(cells) + " |")
    notes = ("articles: those the gold names (scored). Field accuracy is over value matches (ind = indicator, comm = commodity, basis = basis_period); "
             "+fc: forecasts included; conflicts: scored where gold conflicts exist (all, then the confirmed ones only), "
             "else counted.")
    return "\n".join(lines) + "\n\n" + notes + "\n"


def write_summary(rows: list[dict], out: Path) -> None:
    table = markdown_table(rows)
    print("\n== summary\n\n" + table)
    (out / "summary.md").write_text(table, encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({"sets": rows}, indent=1) + "\n", encoding="utf-8")
    print(f"written: {out / 'summary.md'}, {out / 'summary.json'}")


def newsquant(out: Path) -> None:
    script = ROOT / "scripts" / "eval_newsquant.py"
    if not script.exists():
        print("\n== NewsQuant: skipped, no scripts/eval_newsquant.py")
        return
    print("\n== NewsQuant (quantity layer)")
    r = run([sys.executable, str(script)])
    text = r.stdout.strip() or r.stderr.strip()
    print(text)
    (out / "newsquant.txt").write_text(text + "\n", encoding="utf-8")


# -- command line -------------------------------------------------------------------------------


def parse_sets(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SET_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown set {', '.join(unknown)}; known: {', '.join(SET_NAMES)}")
    return names


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder")
    ap.add_argument("--out", default=str(ROOT / "eval" / "out"), help="output folder (default eval/out)")
    ap.add_argument("--sets", type=parse_sets, default=list(SET_NAMES),
                    help=f"comma-separated subset of {','.join(SET_NAMES)} (default: all)")
    ap.add_argument("--misses", type=int, default=15, metavar="N",
                    help="list up to N missed, spurious and wrong-field claims per set (0: none)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    shared = Path(args.shared).resolve()
    scorer = shared / "tools" / "score_claims.py"
    if not scorer.exists():
        sys.exit(f"no scorer at {scorer}: nothing to evaluate against")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    sets = eval_sets(shared)
    rows = [row for name in SET_NAMES if name in args.sets and name in sets
            for row in evaluate_set(sets[name], scorer, out, args.misses)]
    if "newsquant" in args.sets:
        newsquant(out)
    if rows:
        write_summary(rows, out)


if __name__ == "__main__":
    main()
