"""Synthetic claims for the benchmark and the property tests: true monthly flows of many
series, stated the way newspapers state them (whole tonnes, % to one decimal, "about",
year-to-date totals, ranks), by several outlets. Consistent by construction, so the
reconciler must find nothing in them unless `perturb` is asked for."""

from __future__ import annotations

import random
import string
from dataclasses import replace

from extractor.models import Claim

OUTLETS = ("Outlet A", "Outlet B", "Outlet C")


def _claim(rng: random.Random, article: str, source: str, **kw: object) -> Claim:
    base = dict(article=article, sentence="", quote="", start=-1, end=-1, published="2030-01-01",
                source=source, article_id=article)
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def _fmt_int(v: int) -> str:
    return f"{v:,}"


def series_claims(rng: random.Random, commodity: str, origin: str, destination: str, true: list[float],
                  start_year: int, n_outlets: int = 2) -> list[Claim]:
    """Claims about one monthly series with true values `true` from January of start_year."""
    out: list[Claim] = []
    key = dict(kind="level", indicator="trade", commodity=commodity, origin=origin, destination=destination)
    for i, v in enumerate(true):
        y, m = start_year + i // 12, i % 12 + 1
        period = f"{y:04d}-{m:02d}"
        for k in range(n_outlets):
            src = OUTLETS[k % len(OUTLETS)]
            art = f"{src}-{commodity}-{origin}-{destination}-{period}"
            stated = round(v)
            out.append(_claim(rng, art, src, **key, period=period, value=float(stated), unit="t",
                              quote=f"{_fmt_int(stated)} tons"))
            if k == 0 and i >= 1:
                ch = (v / true[i - 1] - 1) * 100
                prev = f"{(y if m > 1 else y - 1):04d}-{(m - 1 if m > 1 else 12):02d}"
                c = round(ch, 1)
                out.append(_claim(rng, art, src, **{**key, "kind": "change"}, period=period, value=c, unit="%",
                                  quote=f"{abs(c)}%", basis="previous_period", basis_period=prev))
            if k == 1 and i >= 12:
                ch = (v / true[i - 12] - 1) * 100
                c = float(round(ch))
                out.append(_claim(rng, art, src, **{**key, "kind": "change"}, period=period, value=c,
                                  unit="%", approx="approx", quote=f"about {abs(int(c))}%", basis="year_ago",
                                  basis_period=f"{y - 1:04d}-{m:02d}"))
            if k == 0 and m >= 2:
                ytd = round(sum(true[i - m + 1:i + 1]))
                out.append(_claim(rng, art, src, **key, period=f"{y:04d}-01/{period}", value=float(ytd),
                                  unit="t", quote=f"{_fmt_int(ytd)} tons"))
        if m == 12:
            year = true[i - 11:i + 1]
            art = f"annual-{commodity}-{origin}-{destination}-{y}"
            out.append(_claim(rng, art, "Annual Review", **key, period=f"{y:04d}", value=float(round(sum(year))),
                              unit="t", quote=f"{_fmt_int(round(sum(year)))} tonnes"))
            top = max(range(12), key=lambda j: year[j])
            if all(year[top] - year[j] > 1 for j in range(12) if j != top):
                out.append(_claim(rng, art, "Annual Review", **{**key, "kind": "rank"},
                                  period=f"{y:04d}-{top + 1:02d}", value=1.0, unit="rank", scope=f"{y:04d}",
                                  quote="the year's peak"))
    return out


def true_series(rng: random.Random, months: int, base: float) -> list[float]:
    out, v = [], base
    for _ in range(months):
        v = max(base * 0.2, v * rng.uniform(0.85, 1.18))
        out.append(v)
    return out


def make_synthetic_claims(n: int, seed: int = 0) -> list[Claim]:
    """About n claims: series of 5 years of monthly flows, each an exporter with a few
    country destinations and WORLD (WORLD holds more than the listed countries)."""
    rng = random.Random(seed)
    claims: list[Claim] = []
    months = 60
    g = 0
    while len(claims) < n:
        commodity = f"commodity {g % 50}"
        origin = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
        dests = sorted({"".join(rng.choice(string.ascii_uppercase) for _ in range(2)) for _ in range(3)})
        parts = {d: true_series(rng, months, rng.uniform(200, 5000)) for d in dests}
        world = [sum(p[i] for p in parts.values()) * rng.uniform(1.1, 1.5) for i in range(months)]
        for d in dests:
            claims.extend(series_claims(rng, commodity, origin, d, parts[d], 2020))
        claims.extend(series_claims(rng, commodity, origin, "WORLD", world, 2020))
        g += 1
    return claims[:n] if len(claims) > n else claims


def perturb(claim: Claim, steps: int = 1) -> Claim:
    """The same statement with its last written digit moved by `steps` (integer quotes)."""
    return replace(claim, value=claim.value + steps, quote=f"{_fmt_int(int(claim.value + steps))} tons")
