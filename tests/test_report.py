"""`extractor report` (issue 6) through the real CLI on real SQLite files: the four formats,
their content, determinism, escaping of hostile article text, the --fail-on gate and the
GitHub Actions output (annotations, step summary)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, jsonl, run_cli

HOSTILE = FIXTURES / "hostile"
PLAIN = "fixtures/hostile/tungsten-plain.md"
RECONCILE_MD = sorted(str(p.relative_to(ROOT)) for p in (FIXTURES / "reconcile").glob("*.md"))
NO_GITHUB = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "EXTRACTOR_NOW": ""}


def build_db(db: Path, *inputs: str) -> Path:
    """extract + reconcile, as `make extract` does; paths relative to the project root so
    the stored article paths are the ones CI annotates."""
    r = run_cli("extract", *inputs, "--db", str(db), "-q")
    assert r.returncode == 0, r.stderr
    r = run_cli("reconcile", "--db", str(db), "--fail-on", "none")
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reconciler fixtures (every conflict type) plus the hostile tungsten articles."""
    return build_db(tmp_path_factory.mktemp("report") / "r.db", "fixtures/hostile", *RECONCILE_MD)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the tungsten articles: exactly one (medium) conflict."""
    return build_db(tmp_path_factory.mktemp("hostile") / "h.db", "fixtures/hostile")


@pytest.fixture
def one_conflict_db(hostile_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "one.db"
    shutil.copy(hostile_db, copy)
    return copy


@pytest.fixture
def own_db(db: Path, tmp_path: Path) -> Path:
    """A copy for tests that record verdicts."""
    copy = tmp_path / "own.db"
    shutil.copy(db, copy)
    return copy


def report(db: Path, *args: str, env: dict | None = None) -> tuple[int, str, str]:
    r = run_cli("report", "--db", str(db), *args, env={**NO_GITHUB, **(env or {})})
    return r.returncode, r.stdout, r.stderr


def tungsten(data: dict) -> dict:
    return next(c for c in data["conflicts"] if c["series"]["commodity"] == "tungsten")


# ------------------------------------------------------------------------ JSON

def test_json_carries_summary_conflicts_sentences_charts_and_claims(db: Path) -> None:
    rc, out, err = report(db, "--format", "json")
    assert rc == 0, err
    data = json.loads(out)
    conflicts = jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)
    claims = jsonl(run_cli("claims", "--db", str(db), "--format", "jsonl").stdout)
    s = data["summary"]
    assert s["open_conflicts"] == len(conflicts) == len(data["conflicts"]) >= 5
    assert s["claims"] == len(claims) == len(data["claims"])
    assert s["unreviewed"] == s["open_conflicts"] and s["reviewed"] == 0
    assert sum(s["by_severity"].values()) == s["open_conflicts"]
    assert sum(sum(v[k] for k in ("high", "medium", "low")) for v in s["by_type"].values()) == s["open_conflicts"]
    assert {c["type"] for c in data["conflicts"]} >= {"value_mismatch", "change_mismatch", "direction_mismatch"}
    assert {c["id"] for c in data["conflicts"]} == {c["id"] for c in conflicts}

    t = tungsten(data)
    assert (t["type"], t["severity"], t["period"], t["series_label"]) == \
        ("value_mismatch", "medium", "2025-03", "tungsten CN\u2192DE trade")
    assert t["review_command"].startswith(f"extractor review {t['id']} --verdict confirmed|dismissed|revision")
    assert t["review_command"].endswith(f"--db {db}")
    quotes = {}
    for side in t["sides"]:
        for cl in side["claims"]:
            a, b = cl["highlight"]
            assert cl["sentence"][a:b] == cl["quote"]  # the highlight is the number's own words
            quotes.setdefault(cl["quote"], set()).add(cl["article"])
    assert quotes == {"1,250 tonnes": {"tungsten-plain.md"},
                      "1,200 tonnes": {"tungsten-hostile.md", "tungsten-hostile-wire.txt"}}
    sizes = sorted(side["n_sources"] for side in t["sides"])
    assert sizes == [1, 2]  # two outlets repeat 1,200 t

    chart = next(ch for ch in data["series"] if ch["series"]["commodity"] == "tungsten")
    assert chart["kind"] == "level" and chart["unit"] == "t" and chart["periods"] == ["2025-03"]
    assert sorted(p["value"] for p in chart["points"]) == [1200, 1200, 1250]
    assert all(p["conflicting"] for p in chart["points"]) and t["id"] in chart["conflicts"]
    assert len(chart["outlets"]) == 3


def test_chart_periods_in_time_order(db: Path) -> None:
    data = json.loads(report(db, "--format", "json")[1])
    nickel = next(ch for ch in data["series"] if ch["series"]["commodity"] == "nickel pig iron"
                  and ch["kind"] == "level")
    assert nickel["periods"] == ["2025-05", "2025-06"]


# ------------------------------------------------------------------- determinism

@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_same_db_same_bytes(db: Path, tmp_path: Path, fmt: str) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert report(db, "--format", fmt, "-o", str(a))[0] == 0
    rc, out, _ = report(db, "--format", fmt, "-o", str(b))
    assert rc == 0 and out == ""  # -o: nothing on stdout
    assert a.read_bytes() == b.read_bytes()
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", a.read_text(encoding="utf-8"))  # no clock time


def test_extractor_now_pins_the_time_shown(db: Path) -> None:
    rc, out, _ = report(db, "--format", "json", env={"EXTRACTOR_NOW": "2026-02-01T09:00:00Z"})
    assert rc == 0 and json.loads(out)["generated"] == "2026-02-01T09:00:00Z"
    rc, out, _ = report(db, "--format", "html", env={"EXTRACTOR_NOW": "2026-02-01T09:00:00Z"})
    assert "generated 2026-02-01T09:00:00Z" in out


# ------------------------------------------------------------------------ terminal

def test_terminal_report_is_plain_text_when_piped(db: Path) -> None:
    rc, out, err = report(db)
    assert rc == 0, err
    assert "\x1b" not in out  # stdout is a pipe: no ANSI
    first_panel = out.index("value_mismatch")
    assert out.index("Conflicts by type and severity") < first_panel  # summary first
    flat = " ".join(out.replace("\u2502", " ").split())
    assert "articles," in flat and "claims," in flat and "open conflicts" in flat
    assert "tungsten CN\u2192DE trade" in flat and "period 2025-03" in flat
    assert "\u00ab1,200 tonnes\u00bb" in flat and "\u00ab1,250 tonnes\u00bb" in flat  # highlighted numbers
    assert "Ore Markets Daily, 2025-04-22, tungsten-plain.md" in flat
    assert "2 outlets:" in flat and "1 outlet: Ore Markets Daily" in flat
    assert "gap 50 t, 4.00 %" in flat  # the arithmetic line
    assert "unreviewed" in flat and "extractor review " in flat


def test_terminal_strips_control_characters(tmp_path: Path) -> None:
    art = tmp_path / "arts"
    art.mkdir()
    (art / "esc.txt").write_text("Escapes\nBy Bell\x07 Wire | 3 Apr, 2025\n\nChina exported 900 tonnes of tungsten "
                                 "to Germany in March 2025.\x1b]0;pwned\x07\n", encoding="utf-8")
    (art / "ok.txt").write_text("Calm\nBy Calm Wire | 4 Apr, 2025\n\nChina exported 950 tonnes of tungsten "
                                "to Germany in March 2025.\n", encoding="utf-8")
    db = build_db(tmp_path / "e.db", str(art))
    rc, out, _ = report(db)
    assert rc == 0 and "900 tonnes" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


# ------------------------------------------------------------------------ Markdown

def test_markdown_report(db: Path) -> None:
    rc, out, err = report(db, "--format", "md")
    assert rc == 0, err
    assert out.startswith("## Conflict report\n")
    assert "| type | high | medium | low | reviewed | unreviewed |" in out
    assert "**1,200 tonnes**" in out and "**1,250 tonnes**" in out
    assert "[Ore Markets Daily](<https://oremarkets.example.com/2025/04/tungsten-germany-march>)" in out
    assert "gap 50 t, 4.00 %" in out
    t = tungsten(json.loads(report(db, "--format", "json")[1]))
    assert f"extractor review {t['id']} --verdict confirmed|dismissed|revision --note \"...\" --db {db}" in out


def test_markdown_neutralises_hostile_text(db: Path) -> None:
    out = report(db, "--format", "md")[1]
    assert "<script" not in out and "<img" not in out and "<b " not in out and "<i>" not in out
    assert "&lt;script&gt;document.title='XSS-RAN'" in out  # shown as text
    assert not re.search(r"\]\(<?javascript:", out, re.IGNORECASE)


# ------------------------------------------------------------------------ HTML

def test_html_is_one_self_contained_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    rc, _, err = report(db, "--format", "html", "-o", str(out))
    assert rc == 0, err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # Nothing to fetch: no external scripts, stylesheets, images or fonts.
    assert not re.search(r"<(script|img|link|iframe)\b[^>]*\b(src|href)=", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    assert html.count("<script>") == 1 and html.count("<style>") == 1
    assert "Content-Security-Policy" in html and "default-src &#39;none&#39;" in html
    # Conflicts with highlighted numbers, filters, charts, claims search, review commands.
    assert "<mark>1,200 tonnes</mark>" in html and "<mark>1,250 tonnes</mark>" in html
    for f in ("type", "severity", "verdict"):
        assert f'<select data-filter="{f}">' in html
    assert 'data-type="value_mismatch"' in html and 'data-severity="medium"' in html
    assert 'data-verdict="unreviewed"' in html
    assert html.count('<svg class="chart"') >= 1 and 'stroke="#111"' in html  # outlined conflicting points
    assert 'id="claim-search"' in html and '<table id="claims">' in html
    assert f"--db {db}</pre>" in html
    assert 'href="https://oremarkets.example.com/2025/04/tungsten-germany-march"' in html


def test_html_escapes_hostile_text(db: Path) -> None:
    html = report(db, "--format", "html")[1]
    body = html.split("</head>", 1)[1]
    assert body.count("<script") == 1  # the page's own, at the end
    assert "<img" not in body and "<b " not in body and "<i>" not in body and "<svg/" not in body
    assert not re.search(r"<[^>]*\son\w+\s*=", body)  # no event-handler attribute on any tag
    assert not re.search(r"href=\"\s*javascript:", body, re.IGNORECASE)
    assert "&lt;script&gt;document.title=&#39;XSS-RAN&#39;" in body
    assert "&lt;i&gt;Rogue&lt;/i&gt; Wire" in body


# ------------------------------------------------------------------------ gate

def test_fail_on_gate_and_verdicts(own_db: Path) -> None:
    data = json.loads(report(own_db, "--format", "json")[1])
    worst = "high" if data["summary"]["by_severity"]["high"] else "medium"
    assert report(own_db, "--fail-on", "low")[0] == 1
    assert report(own_db, "--fail-on", worst)[0] == 1
    assert report(own_db, "--fail-on", "none")[0] == 0
    assert report(own_db)[0] == 0  # viewing is not gating
    # Any verdict settles a conflict for the gate.
    for c, verdict in zip(data["conflicts"], ["confirmed", "dismissed", "revision"] * 10, strict=False):
        r = run_cli("review", c["id"], "--verdict", verdict, "--note", "checked", "--db", str(own_db))
        assert r.returncode == 0, r.stderr
    rc, out, err = report(own_db, "--fail-on", "low", "--format", "json")
    assert rc == 0, err
    s = json.loads(out)["summary"]
    assert s["reviewed"] == s["open_conflicts"] and s["unreviewed"] == 0
    assert sum(s["by_verdict"].values()) == s["reviewed"]


def test_gate_counts_only_unreviewed_at_or_above(one_conflict_db: Path) -> None:
    db = one_conflict_db  # one medium conflict
    assert [report(db, "--fail-on", s)[0] for s in ("none", "low", "medium", "high")] == [0, 1, 1, 0]
    cid = json.loads(report(db, "--format", "json")[1])["conflicts"][0]["id"]
    assert run_cli("review", cid[:8], "--verdict", "dismissed", "--db", str(db)).returncode == 0
    assert report(db, "--fail-on", "low")[0] == 0
    html = report(db, "--format", "html")[1]
    assert 'data-verdict="dismissed"' in html


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert report(tmp_path / "missing.db")[0] == 2
    assert not (tmp_path / "missing.db").exists()  # a report never creates a database
    r = run_cli("report", "--db", str(tmp_path / "missing.db"), "--format", "pdf")
    assert r.returncode == 2


# ------------------------------------------------------------------------ GitHub Actions

def _sentence_line(path: str, words: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if words in line)


def test_github_annotations_and_step_summary(one_conflict_db: Path, tmp_path: Path) -> None:
    db = one_conflict_db
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    rc, out, err = report(db, "--format", "terminal", "--fail-on", "low", env=env)
    assert rc == 1, err
    notes = [line for line in out.splitlines() if line.startswith("::warning ")]
    assert len(notes) == 3  # one per article sentence on either side
    plain_line = _sentence_line(PLAIN, "China exported 1,250 tonnes")
    wire_line = _sentence_line("fixtures/hostile/tungsten-hostile-wire.txt", "China exported 1,200")
    md_line = _sentence_line("fixtures/hostile/tungsten-hostile.md", "China exported 1,200")
    assert plain_line > 1 and wire_line > 1 and md_line > 1
    files = {re.match(r"::warning file=([^,]+),line=(\d+),", n).groups() for n in notes}
    assert files == {(PLAIN, str(plain_line)), ("fixtures/hostile/tungsten-hostile-wire.txt", str(wire_line)),
                     ("fixtures/hostile/tungsten-hostile.md", str(md_line))}
    assert any("1,250 tonnes" in n and "gap 50 t" in n for n in notes)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Conflict report\n")  # appended, not replaced
    assert "**1,250 tonnes**" in text

    # JSON on stdout stays parseable: the annotations go to stderr then.
    rc, out, err = report(db, "--format", "json", env=env)
    assert rc == 0 and json.loads(out)["summary"]["open_conflicts"] == 1
    assert err.count("::warning file=") == 3

    # A verdict silences the annotations and the gate.
    cid = json.loads(out)["conflicts"][0]["id"]
    assert run_cli("review", cid, "--verdict", "confirmed", "--note", "the 1,200 t is a typo",
                   "--db", str(db)).returncode == 0
    rc, out, err = report(db, "--fail-on", "low", env=env)
    assert rc == 0 and "::warning" not in out


def test_no_annotations_outside_github(db: Path) -> None:
    rc, out, err = report(db, "--fail-on", "none")
    assert "::warning" not in out + err


def test_annotation_line_falls_back_to_1_when_file_moved(tmp_path: Path) -> None:
    arts = tmp_path / "moved"
    shutil.copytree(HOSTILE, arts)
    db = build_db(tmp_path / "m.db", str(arts))
    shutil.rmtree(arts)
    rc, out, _ = report(db, env={"GITHUB_ACTIONS": "true"})
    lines = [n for n in out.splitlines() if n.startswith("::warning ")]
    assert lines and all(",line=1," in n for n in lines)
