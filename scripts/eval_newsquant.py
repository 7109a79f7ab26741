"""Score extractor.nlp.quantities.find_quantities on NewsQuant (CQE paper, EMNLP 2023).

    .venv/bin/python scripts/eval_newsquant.py [--show-misses N] [--reuters N]

Scoring, after the CQE paper: per sentence, a predicted quantity matches an unmatched gold
one when the values are equal (value F1), and also the units agree (value+unit F1).
Choices, all general:
- Values: gold writes numbers multiplied out ("$800 million" -> 800000000) in the unit as
  written, so a prediction is compared by raw_value (number x scale word, before unit
  conversion) or by its canonical value. A gold range "a-b" counts as its two end points,
  since find_quantities returns each written figure; a vague amount ("tens of thousands",
  Quantity.high set) is likewise gold's range low-high, so it is scored as its two ends.
- Units: gold's normalized_unit against a name derived from ours by the UNIT_NAMES,
  UNIT_PREFIXES, ISO_NAMES and DEN_NAMES tables below (naming only, no per-sentence cases); "t" matches any mass unit (we convert kg to t); a counted noun matches when its
  singular head word is the gold's head word.
quantulum3 alone is scored the same way with its own unit names, for reference.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor.nlp.quantities import find_quantities  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
NEWSQUANT = SHARED / "benchmarks" / "newsquant" / "NewsQuant.json"
Q3BENCH = SHARED / "benchmarks" / "quantulum3" / "quantities.json"
REUTERS = SHARED / "corpora" / "reuters21578"

# Our unit names -> the benchmark's normalized names (several allowed).
UNIT_NAMES: dict[str, set[str]] = {
    "": {"-", "dimensionless"},
    "%": {"percentage", "percent"},
    "pp": {"percentage point", "point"},
    "bp": {"basis point"},
    "x": {"count", "times", "time"},
    "point": {"point"},
    "short ton": {"short ton", "ton"},
}
# Our unit -> prefixes of gold's names for the same thing. NewsQuant writes a fraction of a
# whole ("a third of the population", "half the condos") as the ratio with unit "% <whole>"
# (value 0.333, "% population"); we write it as a multiple, unit "x".
UNIT_PREFIXES: dict[str, tuple[str, ...]] = {"x": ("% ",)}
# ISO 4217 -> name, where quantulum3's own table (currency_code) has none or another spelling.
ISO_NAMES: dict[str, set[str]] = {
    "USD": {"dollar", "united states dollar"},
    "HKD": {"hong kong dollar"}, "SGD": {"singapore dollar"}, "TWD": {"new taiwan dollar"},
    "MYR": {"malaysian ringgit"}, "ILS": {"shekel", "israeli new shekel"}, "DKK": {"danish krone"},
    "SEK": {"swedish krona"}, "NOK": {"norwegian krone"}, "FRF": {"french franc"}, "DEM": {"deutsche mark"},
    "ITL": {"italian lira"}, "NLG": {"dutch guilder"}, "PKR": {"pakistani rupee"}, "THB": {"thai baht"},
    "IDR": {"indonesian rupiah"}, "PHP": {"philippine peso"}, "TRY": {"turkish lira"}, "NGN": {"nigerian naira"},
    # pence; NewsQuant normalizes the share-price sign "p" (its raw unit) to "point"
    "GBX": {"penny", "pence", "point"},
}
DEN_NAMES = {"t": "tonne", "bbl": "barrel", "oz": "ounce", "lb": "pound", "kg": "kilogram", "g": "gram",
             "gal": "gallon", "l": "litre", "bu": "bushel", "m2": "square metre", "sq ft": "square foot",
             "mmBtu": "mega british thermal unit", "kWh": "kilowatt hour", "MWh": "megawatt hour"}


def _q3_tables() -> tuple[dict[str, set[str]], dict[str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import load

        units = load.units()
    iso: dict[str, set[str]] = {}
    entity: dict[str, str] = {}
    for u in units.names.values():
        entity[u.name] = u.entity.name
        if u.currency_code:
            iso.setdefault(u.currency_code, set()).add(u.name)
    return iso, entity


Q3_ISO, Q3_ENTITY = _q3_tables()


IRREGULAR = {"children": "child", "people": "people", "men": "man", "women": "woman", "feet": "foot",
             "parts": "part", "teeth": "tooth", "mice": "mouse"}


def singular(word: str) -> str:
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"  # fishermen, businessmen
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("uses", "us"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
                     ("s", "")):
        if w.endswith(suf) and len(w) > len(suf) + 1 and not w.endswith("ss"):
            return w[: -len(suf)] + rep
    return w


def names_for(unit: str) -> set[str]:
    if unit in UNIT_NAMES:
        return UNIT_NAMES[unit]
    if "/" in unit:
        num, den = unit.split("/", 1)
        den_name = DEN_NAMES.get(den, singular(den))
        return {f"{n} per {den_name}" for n in (names_for(num) if num else {""})}
    if re.fullmatch(r"[A-Z]{3}", unit):
        return ISO_NAMES.get(unit, set()) | Q3_ISO.get(unit, set())
    out = {unit.lower(), " ".join(singular(w) for w in re.split(r"[\s-]+", unit))}
    words = unit.lower().split()
    if unit in Q3_ENTITY and len(words) > 1:
        out |= {words[0], words[-1]}  # "degree angle" ~ "degree", "degree fahrenheit" ~ "fahrenheit"
    if unit in Q3_ENTITY and Q3_ENTITY[unit] == "volume":
        out |= {"millilitre"} if unit == "cubic centimetre" else set()
    return out


def unit_match(pred: str, gold: str) -> bool:
    g = gold.strip().lower()
    cands = names_for(pred)
    if g in cands:
        return True
    if g.startswith(UNIT_PREFIXES.get(pred, ())):
        return True
    if pred == "t" and (Q3_ENTITY.get(g) == "mass" or g in {"ton", "tonne", "metric ton"}):
        return True
    gw = [singular(w) for w in re.split(r"[\s-]+", g) if w]
    for c in cands:
        cw = [singular(w) for w in re.split(r"[\s-]+", c) if w]
        if cw == gw:
            return True  # "square foot" ~ "square feet"
        if gw and cw and cw[-1] == gw[-1] and Q3_ENTITY.get(c) is None and c not in UNIT_NAMES.get(pred, set()):
            return True  # counted noun: same head word
    return False


def gold_values(v: str) -> list[float]:
    out = []
    for part in re.split(r"(?<=\d)-", str(v)):
        try:
            out.append(float(part))
        except ValueError:
            pass
    return out


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def score(items: list[tuple[str, list[tuple[float, str]]]], predict) -> dict[str, float]:
    tp_v = tp_vu = n_pred = n_gold = 0
    misses = []
    for text, gold in items:
        preds = predict(text)
        n_pred += len(preds)
        n_gold += len(gold)
        for with_unit in (False, True):
            used = [False] * len(preds)
            hit = 0
            missed = []
            for gv, gu in gold:
                found = False
                for i, (vals, pu, _surf) in enumerate(preds):
                    if used[i] or not any(close(gv, x) for x in vals):
                        continue
                    if with_unit and not unit_match(pu, gu):
                        continue
                    used[i] = found = True
                    break
                hit += found
                if not found:
                    missed.append((gv, gu))
            if with_unit:
                tp_vu += hit
                if missed or not all(used):
                    extra = [(p[2], p[1]) for i, p in enumerate(preds) if not used[i]]
                    misses.append((text, missed, extra))
            else:
                tp_v += hit

    def f1(tp: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    pv, rv, fv = f1(tp_v)
    pu, ru, fu = f1(tp_vu)
    return {"P_v": pv, "R_v": rv, "F1_v": fv, "P_vu": pu, "R_vu": ru, "F1_vu": fu, "pred": n_pred,
            "gold": n_gold, "misses": misses}


def ours(text: str) -> list[tuple[list[float], str, str]]:
    out = []
    for q in find_quantities(text):
        out.append(([q.raw_value, q.value], q.unit, q.text))
        if q.high is not None:  # a vague amount ("tens of thousands") is gold's range low-high
            out.append(([q.high], q.unit, q.text))
    return out


def quantulum_alone(text: str) -> list[tuple[list[float], str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        try:
            qs = parser.parse(text)
        except Exception:  # noqa: BLE001 - reference run only
            return []
    out = []
    for q in qs:
        name = q.unit.name
        out.append(([float(q.value)], "" if name == "dimensionless" else name, q.surface))
    return out


def load_newsquant() -> list[tuple[str, list[tuple[float, str]]]]:
    data = json.loads(NEWSQUANT.read_text(encoding="utf-8"))
    items = []
    for rec in data:
        gold = []
        for q in rec["quantities"]:
            for gv in gold_values(q["value"]):
                gold.append((gv, q.get("normalized_unit") or "-"))
        items.append((rec["text"], gold))
    return items


def load_q3bench() -> list[tuple[str, list[tuple[float, str]]]]:
    data = json.loads(Q3BENCH.read_text(encoding="utf-8"))
    return [(rec["req"], [(float(q["value"]), q["unit"]) for q in rec["res"]]) for rec in data]


def reuters_texts(limit: int) -> list[str]:
    texts: list[str] = []
    for f in sorted(REUTERS.glob("reut2-*.sgm.gz")):
        raw = gzip.open(f, "rt", encoding="latin-1").read()
        for body in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S):
            texts.append(html.unescape(body))
            if len(texts) >= limit:
                return texts
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N sentences with misses")
    ap.add_argument("--no-quantulum", action="store_true", help="skip the slow quantulum3-alone reference")
    ap.add_argument("--reuters", type=int, default=0, metavar="N", help="also time N Reuters-21578 stories")
    args = ap.parse_args()
    if not NEWSQUANT.exists():
        print(f"missing {NEWSQUANT}")
        return 1
    nq = load_newsquant()
    rows = []
    t0 = time.perf_counter()
    res = score(nq, ours)
    dt = time.perf_counter() - t0
    rows.append(("NewsQuant", "extractor", res, len(nq) / dt))
    if not args.no_quantulum:
        t0 = time.perf_counter()
        rows.append(("NewsQuant", "quantulum3", score(nq, quantulum_alone), len(nq) / (time.perf_counter() - t0)))
    if Q3BENCH.exists():
        qb = load_q3bench()
        t0 = time.perf_counter()
        rows.append(("quantulum3-tests", "extractor", score(qb, ours), len(qb) / (time.perf_counter() - t0)))
        if not args.no_quantulum:
            t0 = time.perf_counter()
            rows.append(("quantulum3-tests", "quantulum3", score(qb, quantulum_alone),
                         len(qb) / (time.perf_counter() - t0)))
    print(f"{'benchmark':18} {'system':11} {'P_v':>6} {'R_v':>6} {'F1_v':>6} {'P_vu':>6} {'R_vu':>6} "
          f"{'F1_vu':>6} {'pred':>5} {'gold':>5} {'sent/s':>8}")
    for bench, system, r, speed in rows:
        print(f"{bench:18} {system:11} {r['P_v']:6.3f} {r['R_v']:6.3f} {r['F1_v']:6.3f} {r['P_vu']:6.3f} "
              f"{r['R_vu']:6.3f} {r['F1_vu']:6.3f} {r['pred']:5d} {r['gold']:5d} {speed:8.0f}")
    print("paper (NewsQuant F1 value / value+unit): quantulum3 73.1 / 47.3, CQE 91.2 / 84.2")
    if args.reuters:
        texts = reuters_texts(args.reuters)
        sents = sum(len(re.findall(r"[.!?](?:\s|$)", t)) or 1 for t in texts)
        words = sum(len(t.split()) for t in texts)
        find_quantities("warm up 1 ton")
        t0 = time.perf_counter()
        n = sum(len(find_quantities(t)) for t in texts)
        dt = time.perf_counter() - t0
        print(f"Reuters-21578: {len(texts)} stories, ~{sents} sentences, {words} words, {n} quantities "
              f"in {dt:.1f}s: {sents / dt:.0f} sentences/s, {words / dt:.0f} words/s")
    for text, missed, extra in res["misses"][: args.show_misses]:
        print("\n" + text)
        print("   missed:", missed)
        print("   extra: ", extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
