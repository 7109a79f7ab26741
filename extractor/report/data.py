"""The report's content, gathered once from SQLite: every format renders this one dict,
and `--format json` is this dict as it is.

Everything here is plain data (str, int, float, list, dict, None) in a stable order, so
the same database gives the same report byte for byte.
"""

from __future__ import annotations

import os
import re
import shlex
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import SEVERITIES
from ..models import EVIDENCE_LEVELS
from ..periods import parse_period
from ..reconcile.driver import conflict_record
from ..reconcile.engine import SERIES_KEYS
from ..store import Store

VERDICTS = ("confirmed", "dismissed", "revision")
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # high first: what a reader looks at first
CHART_KINDS = ("level", "change", "share")  # ranks are ordinals, not values on an axis

# Claim fields the report carries (the §3 contract's, minus what only the contract needs).
CLAIM_KEYS = ("id", "article", "sentence", "quote", "start", "end", "kind", "indicator", "commodity", "entity",
              "origin", "destination", "period", "value", "unit", "measure", "approx", "modality", "published",
              "source")


def build_report(store: Store, db_label: str) -> dict[str, Any]:
    """The whole report as data. `db_label` is the --db argument as the user typed it: it
    goes into the review commands, which must run from where the report was made."""
    articles = {r["id"]: r for r in store.articles(current_only=False)}
    claim_rows = {r["id"]: r for r in store.claims(current_only=False)}
    current_claims = [r for r in store.claims() if r["id"] in claim_rows]
    rows = list(store.conflicts(include_closed=True))
    records = [conflict_record(r) for r in rows]
    # Unconfirmed conflicts come after the others, in every format.
    open_ = sorted((c for c in records if c["status"] == "open"), key=lambda c: c["unconfirmed"])
    closed = len(records) - len(open_)

    conflicts = [_conflict(c, claim_rows, articles, db_label) for c in open_]
    flagged = {cl["id"] for c in conflicts for side in c["sides"] for cl in side["claims"]}
    report: dict[str, Any] = {
        "db": db_label,
        "summary": _summary(open_, closed, sum(1 for a in articles.values() if a["current"]), len(current_claims)),
        "conflicts": conflicts,
        "series": _charts(conflicts, current_claims, claim_rows, flagged),
        "claims": [_claim(r, articles, flagged) for r in current_claims],
    }
    # Reports are reproducible: a time appears only when the caller pins it.
    if os.environ.get("EXTRACTOR_NOW"):
        report = {"generated": os.environ["EXTRACTOR_NOW"], **report}
    return report


# -- summary --------------------------------------------------------------------------

def _summary(open_: list[dict[str, Any]], closed: int, n_articles: int, n_claims: int) -> dict[str, Any]:
    by_type: dict[str, dict[str, int]] = {}
    for c in open_:
        counts = by_type.setdefault(c["type"], {s: 0 for s in SEVERITY_ORDER} | {"reviewed": 0, "unreviewed": 0})
        counts[c["severity"]] += 1
        counts["reviewed" if c["verdict"] else "unreviewed"] += 1
    verdicts = Counter(c["verdict"] for c in open_ if c["verdict"])
    return {
        "articles": n_articles,
        "claims": n_claims,
        "open_conflicts": len(open_),
        "closed_conflicts": closed,
        "reviewed": sum(1 for c in open_ if c["verdict"]),
        "unreviewed": sum(1 for c in open_ if not c["verdict"]),
        "unconfirmed": sum(1 for c in open_ if c["unconfirmed"]),
        "by_severity": {s: sum(1 for c in open_ if c["severity"] == s) for s in SEVERITY_ORDER},
        "by_verdict": {v: verdicts.get(v, 0) for v in VERDICTS},
        "by_type": {t: by_type[t] for t in sorted(by_type)},
    }


# -- conflicts ------------------------------------------------------------------------

def _conflict(rec: dict[str, Any], claim_rows: dict[str, dict[str, Any]], articles: dict[str, dict[str, Any]],
              db_label: str) -> dict[str, Any]:
    sides: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ref in rec["claims"]:
        row = claim_rows.get(ref["id"])
        # A conflict's claim reference carries enough to show it even if the row is gone.
        sides[ref["side"]].append(_claim(row, articles, set(), with_line=True) if row
                                  else {**ref, "sentence": ref["quote"], "highlight": None, "line": 1})
    per_side = rec["sources_per_side"] or {}
    out = {k: rec[k] for k in ("id", "type", "severity", "period", "series", "explanation", "gap_abs", "gap_rel",
                               "expected", "observed", "verdict", "note", "articles", "unconfirmed",
                               "unconfirmed_by", "inherited")}
    out["caveats"] = caveats(rec)
    out["series_label"] = series_label(rec["series"])
    out["sides"] = [{"side": s, "sources": per_side.get(s, []), "n_sources": len(per_side.get(s, [])),
                     "claims": sides[s], "sentences": group_sentences(sides[s])} for s in sorted(sides)]
    out["review_command"] = review_command(rec["id"], db_label)
    return out


def caveats(rec: dict[str, Any]) -> list[str]:
    """Why an unconfirmed conflict is unconfirmed, in plain words: for each claim, the
    fields it took from the paragraph or the article; and figures orders of magnitude apart."""
    out: dict[str, None] = {}
    if "inherited" in rec["unconfirmed_by"]:
        for ref in rec["claims"]:
            for level, names in _inherited_by_level(ref.get("inherited") or {}):
                verb = "comes" if len(names) == 1 else "come"
                out[f"the {' and '.join(names)} of {ref.get('source') or ref.get('article')}'s claim "
                    f"\u201c{ref.get('quote')}\u201d {verb} from the {level}, not its own sentence"] = None
    if "magnitude" in rec["unconfirmed_by"]:
        out["its figures are orders of magnitude apart: more often two different series than one "
            "garbled figure (see the arithmetic)"] = None
    if "scale_slip" in rec["unconfirmed_by"]:
        out["one figure is the other times a power of 1,000: more likely a misread separator or a dropped "
            "scale word than two outlets disagreeing (see the arithmetic)"] = None
    return list(out)


def _inherited_by_level(inherited: dict[str, str]) -> list[tuple[str, list[str]]]:
    levels: dict[str, list[str]] = defaultdict(list)
    for name, level in inherited.items():
        levels[level].append(name)
    rank = {lv: i for i, lv in enumerate(EVIDENCE_LEVELS)}
    return [(lv, levels[lv]) for lv in sorted(levels, key=lambda lv: (rank.get(lv, len(rank)), lv))]


def group_sentences(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A side's claims as the sentences a reader sees: two numbers of one sentence are
    one quotation with two highlights, not the same sentence twice."""
    out: dict[tuple, dict[str, Any]] = {}
    for cl in claims:
        key = (cl.get("article"), cl.get("sentence"))
        if key not in out:
            out[key] = {k: cl.get(k) for k in ("article", "source", "published", "title", "url", "path", "line",
                                               "sentence")} | {"highlights": [], "quotes": [], "claims": []}
        entry = out[key]
        entry["quotes"].append(cl.get("quote"))
        entry["claims"].append(cl.get("id"))
        if cl.get("highlight") and cl["highlight"] not in entry["highlights"]:
            entry["highlights"].append(cl["highlight"])
    for entry in out.values():
        entry["highlights"].sort()
    return list(out.values())


def review_command(conflict_id: str, db_label: str) -> str:
    return (f"extractor review {conflict_id} --verdict confirmed|dismissed|revision "
            f"--note \"...\" --db {shlex.quote(db_label)}")


def series_label(series: dict[str, Any]) -> str:
    """"rare earth magnets CN→JP trade" — commodity, origin→destination, indicator; a
    company's figures lead with the company ("Acme Corp: US revenue")."""
    route = series.get("origin") or "?"
    if series.get("destination"):
        route += f"\u2192{series['destination']}"
    parts = [series.get("commodity") or "all goods", route, series.get("indicator") or "?"]
    if series.get("entity"):
        parts = [f"{series['entity']}:"] + parts[0 if series.get("commodity") else 1:]
    if series.get("measure") and series["measure"] != "volume":
        parts.append(f"({series['measure']})")
    return " ".join(parts)


def _claim(row: dict[str, Any], articles: dict[str, dict[str, Any]], flagged: set[str],
           with_line: bool = False) -> dict[str, Any]:
    out = {k: row.get(k) for k in CLAIM_KEYS}
    if isinstance(out["value"], float) and out["value"].is_integer():
        out["value"] = int(out["value"])
    art = articles.get(row.get("article_id") or "", {})
    out["title"] = art.get("title")
    out["url"] = art.get("url")
    out["path"] = art.get("path") or None
    out["highlight"] = highlight_span(out["sentence"] or "", out["quote"] or "", art.get("text"),
                                      row.get("start"))
    if with_line:  # only conflicts are annotated; reading every article file would be slow
        out["line"] = source_line(art.get("path"), out["sentence"] or "", out["quote"] or "")
    out["in_conflict"] = row["id"] in flagged
    return out


def highlight_span(sentence: str, quote: str, text: str | None, start: int | None) -> list[int] | None:
    """[begin, end) of the quote inside the sentence: the occurrence at the claim's own
    offset when the sentence can be placed in the clean text, else the first one."""
    if not quote:
        return None
    if text and start is not None and start >= 0:
        at = text.rfind(sentence, 0, start + 1) if sentence else -1
        if at >= 0 and sentence[start - at:start - at + len(quote)] == quote:
            return [start - at, start - at + len(quote)]
    i = sentence.find(quote)
    return [i, i + len(quote)] if i >= 0 else None


# -- line numbers in the original file (for CI annotations) ----------------------------

_WS = re.compile(r"\s+")


def source_line(path: str | None, sentence: str, quote: str) -> int:
    """The 1-based line of the original file where the sentence starts. Clean text differs
    from the file (markup, wrapped lines), so the search relaxes step by step: the
    sentence with any whitespace, its first words, then the quote; line 1 when not found."""
    if not path:
        return 1
    raw = _read(path)
    if raw is None:
        return 1
    for needle in (sentence, " ".join(sentence.split()[:6]), quote):
        words = needle.split()
        if not words:
            continue
        m = re.search(r"\s+".join(re.escape(w) for w in words), raw)
        if m:
            return raw.count("\n", 0, m.start()) + 1
    return 1


@lru_cache(maxsize=64)
def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


# -- charts -----------------------------------------------------------------------------

def period_key(period: str | None) -> tuple:
    p = parse_period(period)
    if p is None:
        return (1, str(period))
    return (0, p.end, p.start, p.day.isoformat() if p.day else "")


def _granularity(period: str | None) -> str:
    p = parse_period(period)
    return p.granularity if p else "other"


def _charts(conflicts: list[dict[str, Any]], current: list[dict[str, Any]], claim_rows: dict[str, dict[str, Any]],
            flagged: set[str]) -> list[dict[str, Any]]:
    """One chart per group of comparable claims (series, kind, unit, period granularity)
    that holds a conflicting claim: every outlet's values over the periods."""
    def key(r: dict[str, Any]) -> tuple:
        return (*(r.get(k) for k in SERIES_KEYS), r["kind"], r["unit"], _granularity(r["period"]))

    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for r in current:
        if r["kind"] in CHART_KINDS and r["modality"] == "reported" and r["period"]:
            groups[key(r)].append(r)
    # A conflict's chart is its own series (for an aggregate: the whole, not each part).
    wanted: set[tuple] = set()
    for c in conflicts:
        ids = [cl["id"] for s in c["sides"] for cl in s["claims"] if cl["id"] in claim_rows]
        own = {key(claim_rows[i]) for i in ids if key(claim_rows[i])[:6] == tuple(c["series"][k] for k in
               SERIES_KEYS)}
        wanted |= own or {key(claim_rows[i]) for i in ids}
    charts = []
    for k in sorted(wanted & set(groups), key=lambda t: tuple(str(x) for x in t)):
        rows = groups[k]
        series = dict(zip(SERIES_KEYS, k[:6], strict=True))
        periods = sorted({r["period"] for r in rows}, key=period_key)
        outlets = sorted({r["source"] or r["article"] for r in rows})
        points = [{"period": r["period"], "value": _num(r["value"]), "approx": r["approx"],
                   "outlet": r["source"] or r["article"], "article": r["article"], "quote": r["quote"],
                   "claim_id": r["id"], "conflicting": r["id"] in flagged}
                  for r in sorted(rows, key=lambda r: (period_key(r["period"]), r["source"] or "", r["id"]))]
        charts.append({"series": series, "label": series_label(series), "kind": k[6], "unit": k[7],
                       "periods": periods, "outlets": outlets, "points": points,
                       "conflicts": [c["id"] for c in conflicts
                                     if any(cl["id"] in {p["claim_id"] for p in points}
                                            for s in c["sides"] for cl in s["claims"])]})
    return charts


def _num(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v
