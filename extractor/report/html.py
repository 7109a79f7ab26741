"""Self-contained HTML report: one file, inline CSS, JS and SVG, no network.

Jinja2 autoescapes every value; the page's own script and stylesheet are allowed by
their hashes in a Content-Security-Policy, so even markup that slipped through the
escaping could not run a script or load anything."""

from __future__ import annotations

import base64
import hashlib
import math
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..reconcile.fmt import num
from .safety import safe_url
from .text import UNCONFIRMED_NOTE, clean, one_line, outlets, segments, verdict_text

# Tableau 10: distinguishable, and readable on white.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")

W, H = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 14, 46


def _asset(name: str) -> str:
    return files("extractor").joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()


def _env() -> Environment:
    env = Environment(loader=PackageLoader("extractor", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = clean
    env.filters["one_line"] = one_line
    env.filters["safe_url"] = safe_url
    env.globals.update(segments=segments, outlets=outlets, verdict_text=verdict_text, unconfirmed_note=UNCONFIRMED_NOTE)
    return env


def outlet_colours(report: dict[str, Any]) -> dict[str, str]:
    """One colour per outlet for the whole page, so an outlet looks the same in every chart."""
    names = sorted({p["outlet"] for ch in report["series"] for p in ch["points"]})
    return {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}


def nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds and tick step on round numbers (1, 2 or 5 times a power of ten),
    with some room around the values so markers do not sit on the frame."""
    if lo == hi:
        pad = max(abs(lo) * 0.02, 1.0)
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    lo_t, hi_t = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if lo_t == lo:
        lo_t -= step
    if hi_t == hi:
        hi_t += step
    return lo_t, hi_t, step


def chart_layout(chart: dict[str, Any], colours: dict[str, str]) -> dict[str, Any]:
    """Pixel positions for one chart: x is the period's slot, y the value; claims of one
    period sit side by side so republished identical figures stay visible."""
    periods = chart["periods"]
    values = [float(p["value"]) for p in chart["points"]]
    lo, hi, step = nice_range(min(values), max(values))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = plot_w / len(periods)

    def y(v: float) -> float:
        return round(TOP + plot_h * (hi - v) / (hi - lo), 1)

    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    n_ticks = round((hi - lo) / step)
    ticks = [{"y": y(lo + i * step), "label": num(lo + i * step, decimals)} for i in range(n_ticks + 1)]
    by_period: dict[str, list[dict[str, Any]]] = {}
    for p in chart["points"]:
        by_period.setdefault(p["period"], []).append(p)
    points = []
    for i, period in enumerate(periods):
        group = by_period.get(period, [])
        centre = LEFT + slot * (i + 0.5)
        spread = min(14.0, slot / (len(group) + 1))
        for j, p in enumerate(group):
            x = round(centre + (j - (len(group) - 1) / 2) * spread, 1)
            hedge = {"gt": "over ", "ge": "at least ", "lt": "under ", "le": "at most ", "approx": "about "}
            points.append({**p, "x": x, "y": y(float(p["value"])), "colour": colours[p["outlet"]],
                           "tip": f"{one_line(p['outlet'])}: {hedge.get(p['approx'] or '', '')}"
                                  f"{num(float(p['value']), 2).rstrip('0').rstrip('.')} {chart['unit']} "
                                  f"({p['period']}) \u2014 \u201c{one_line(p['quote'])}\u201d"
                                  + (" \u2014 in conflict" if p["conflicting"] else "")})
    xlabels = [{"x": round(LEFT + slot * (i + 0.5), 1), "label": p} for i, p in enumerate(periods)]
    zero = y(0.0) if lo < 0 < hi else None
    return {"w": W, "h": H, "left": LEFT, "right": W - RIGHT, "top": TOP, "bottom": H - BOTTOM,
            "ticks": ticks, "xlabels": xlabels, "points": points, "zero": zero,
            "legend": [{"name": o, "colour": colours[o]} for o in chart["outlets"]]}


def render_html(report: dict[str, Any]) -> str:
    script, style = _asset("report.js"), _asset("report.css")
    csp = (f"default-src 'none'; script-src '{_csp_hash(script)}'; style-src '{_csp_hash(style)}'; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    colours = outlet_colours(report)
    charts = [{**ch, "layout": chart_layout(ch, colours), "anchor": f"chart-{i + 1}"}
              for i, ch in enumerate(report["series"])]
    charts_of: dict[str, list[dict[str, Any]]] = {}
    for ch in charts:
        for cid in ch["conflicts"]:
            charts_of.setdefault(cid, []).append(ch)
    types = sorted({c["type"] for c in report["conflicts"]})
    template = _env().get_template("report.html.j2")
    return template.render(report=report, s=report["summary"], charts=charts, charts_of=charts_of,
                           types=types, csp=csp, script=script, style=style, colours=colours)
