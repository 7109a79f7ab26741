"""Fuzzing the real CLI: random bytes, random Unicode, huge numbers, very long lines, broken
JSONL. Whatever the input, `extractor extract` exits 0 or 3, prints one line per rejected
input, and never a traceback.

Each example is one CLI run over a folder of several generated files (a run costs a model
load), with few examples and derandomized so `make test` stays short and repeatable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import query, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SUFFIXES = (".txt", ".md", ".html", ".jsonl")
SUMMARY_RE = re.compile(r"(\d+) new articles, (\d+) unchanged, (\d+) rejected, (\d+) claims, (\d+) errors")

NASTY = {
    "huge-number.txt": "Exports\n\nBy Wire | 3 Mar, 2024\n\nChile exported " + "1" * 5000 + " tonnes of copper.\n",
    "huge-decimal.txt": "Chile exported 0." + "9" * 4000 + " million tonnes of copper to Japan in May 2024.\n",
    "huge-percent.md": "---\ntitle: t\npublished: 2024-03-01\n---\n\nPrices rose " + "7" * 3000 + "% in March.\n",
    "long-line.txt": "Peru exported 1,234 tonnes of zinc to China in April 2024. " * 4000,
    "no-spaces.txt": "x" * 300_000,
    "digits-only.txt": "1234567890" * 20_000,
    "commas.txt": "Brazil shipped " + ",".join(["999"] * 2000) + " bags of coffee in June 2024.\n",
    "control-chars.txt": "Canada exported \x01\x02\x03 45 tonnes\x0b of wheat \x1b[31m in May.\n",
    "bidi.txt": "Norway \u202eexported\u202c 12 tonnes \u200b\u200d of nickel \ufeff in 2024.\n",
    "lone-surrogate-ish.md": "Exports \udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace") + " 12 t\n",
    "nul.txt": "Chile exported 5 tonnes\x00 of copper.\n",
    "empty.txt": "",
    "blank.md": "   \n\n\t\n",
    "tag-soup.html": "<html><body>" + "<div>" * 3000 + "Zinc exports rose 5% in May 2024." + "</div>" * 10 + "<script>",
    "not-html.html": "\x89PNG\r\n\x1a\n" + "garbage" * 50,
    "bad.jsonl": '{"id": 1, "text": "Chile exported 5 tonnes of copper in May 2024."}\n{broken\n[1, 2]\n'
                 '{"id": 2}\n{"id": 1, "text": "duplicate id"}\n{"id": 3, "text": "' + "9" * 5000 + '"}\n',
    "weird-dates.md": "---\npublished: 99999-99-99\ntitle: [unclosed\n---\n\nExports rose 3% in Smarch 2024.\n",
}


def check_cli(folder: Path, db: Path) -> None:
    r = run_cli("extract", str(folder), "--db", str(db), "-q", timeout=900)
    assert r.returncode in (0, 3), r.stderr[-3000:]
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    m = SUMMARY_RE.search(r.stderr)
    assert m, r.stderr[-3000:]
    rejected = int(m.group(3))
    reject_lines = [line for line in r.stderr.splitlines() if line.startswith("REJECTED")]
    # One line per rejection, each naming the file it is about.
    assert len(reject_lines) == rejected
    assert all(str(folder) in line for line in reject_lines)
    assert (r.returncode == 3) == (rejected > 0)
    assert query(db, "pragma integrity_check") == [("ok",)]
    assert query(db, "select count(*) from rejections")[0][0] >= rejected


def test_nasty_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "nasty"
    folder.mkdir()
    for name, text in NASTY.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    (folder / "random.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes("Café exports rose 5% to 1.200 tonnes in März 2024.".encode("latin-1"))
    (folder / "utf16.txt").write_bytes("Zinc exports rose 5% in May 2024.".encode("utf-16"))
    check_cli(folder, tmp_path / "nasty.db")
    # The same run again is a clean no-op: the rejections are reported again, nothing is stored twice.
    before = query(tmp_path / "nasty.db", "select count(*) from articles")
    check_cli(folder, tmp_path / "nasty.db")
    assert query(tmp_path / "nasty.db", "select count(*) from articles") == before


_text = st.text(st.characters(codec="utf-8"), max_size=3000)
_newsy = st.lists(
    st.one_of(
        st.sampled_from(["Chile", "exported", "tonnes", "of copper", "to Japan", "in May 2024", "rose", "fell",
                         "%", "pct", "mln", "dlrs", "last month", "a year earlier", ".", ",", "\n", "\n\n"]),
        st.integers(min_value=-10**30, max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.text(st.characters(codec="utf-8"), max_size=20),
    ),
    max_size=300,
).map(" ".join)
_file = st.tuples(
    st.sampled_from(SUFFIXES),
    st.one_of(st.binary(max_size=4000), _text.map(lambda s: s.encode("utf-8", "surrogatepass")),
              _newsy.map(lambda s: s.encode("utf-8", "surrogatepass"))),
)


@settings(max_examples=5, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(files=st.lists(_file, min_size=1, max_size=12))
def test_random_files(tmp_path: Path, files: list[tuple[str, bytes]]) -> None:
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i:02d}{suffix}").write_bytes(data)
    db = tmp_path / "fuzz.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    check_cli(folder, db)
