"""Ingest stage through its library API: scan(), parse(), ingest(), iter_files()."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.ingest import MAX_BYTES, NO_DATE_WARNING, SUPPORTED, RawDoc, ingest, iter_files, parse, scan
from extractor.ingest.clean import byline_org, is_boilerplate
from extractor.ingest.dates import find_date, parse_date_value
from extractor.models import Article, Rejection

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "fixtures" / "ingest"
BAD = FIX / "bad"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev" / "articles"
FLAG_RE = re.compile("[\U0001F1E6-\U0001F1FF]")


def one(path: Path | str) -> Article | Rejection:
    items = list(ingest([path]))
    assert len(items) == 1, items
    return items[0]


def article(path: Path | str) -> Article:
    a = one(path)
    assert isinstance(a, Article), a
    return a


def rejection(path: Path | str) -> Rejection:
    r = one(path)
    assert isinstance(r, Rejection), r
    return r


# --- txt: bylines, datelines, boilerplate -------------------------------------------------

def test_wire_byline_gives_source_date_and_title():
    a = article(FIX / "wire_byline.txt")
    assert a.source == "Reuters"
    assert a.published == "2025-04-14"
    assert a.title == "Chile's Copper Shipments to China Slip in March"
    assert "Subscribe" not in a.text and "By Reuters" not in a.text
    assert a.title not in a.text  # the headline is a field, not body text
    assert a.text.startswith("Chile shipped 412,000 metric tons")
    assert a.format == "txt" and a.name == "wire_byline.txt" and not a.date_ambiguous
    assert a.warnings == []


def test_person_byline_is_author_not_outlet_masthead_names_outlet():
    a = article(FIX / "person_byline.txt")
    assert a.source == "Northern Grain Review"  # all-caps masthead, title-cased
    assert a.published == "2025-03-03"
    assert "Elena Marsh" not in a.text and "Tweet" not in a.text and "Markets" not in a.text


def test_outlet_dateline_gives_source_and_stays_in_text():
    a = article(FIX / "outlet_dateline.txt")
    assert a.source == "MineralsToday"
    assert a.published == "2025-11-14" and not a.date_ambiguous
    assert a.text.startswith("MineralsToday (14/11/2025): Indonesia's")
    assert "MineralsToday.com" not in a.text  # bare-domain footer
    assert "Why it matters" in a.text  # a subheading is body, not header


def test_ambiguous_dateline_day_first_with_warning():
    a = article(FIX / "ambiguous_dateline.txt")
    assert a.published == "2025-12-05"
    assert a.date_ambiguous
    [w] = [w for w in a.warnings if "ambiguous" in w]
    assert "2025-12-05" in w and "2025-05-12" in w
    assert a.source == "Riverside Trade Journal"  # masthead; "Tokyo" is a place, not an outlet
    assert a.text.startswith("Tokyo (05/12/2025):")


def test_month_name_date_line_is_dropped():
    a = article(FIX / "month_name_dateline.txt")
    assert a.published == "2025-08-04"
    assert a.source == "Harbor Freight Monitor"
    assert a.title == "Vietnam's container throughput rises 12% in July"
    assert "GMT" not in a.text and "Home >" not in a.text and "[Share]" not in a.text
    assert "Reporting by" not in a.text


def test_dotted_european_date():
    a = article(FIX / "dotted_date.txt")
    assert a.published == "2025-10-14"
    assert a.title == "Swiss aluminium scrap exports fall to a one-year low"
    assert "CET" not in a.text and "Metals | Aluminium" not in a.text


def test_boilerplate_lines_blocks_and_flags_dropped():
    a = article(FIX / "boilerplate.txt")
    assert a.published == "2025-11-06"
    assert a.source == "Coastal Energy Ledger"
    for junk in ("Subscribe", "Sign in", "Related articles", "Oil fund", "Wind auction", "WhatsApp",
                 "All rights reserved", "Newsletter"):
        assert junk not in a.text, junk
    assert not FLAG_RE.search(a.text)
    assert a.text.startswith("Norway shipped 4.2 billion cubic metres")
    assert a.text.count("\n\n") == 1  # two paragraphs, kept apart


def test_no_date_is_article_with_warning():
    a = article(BAD / "nodate.txt")
    assert a.published is None and not a.date_ambiguous
    assert NO_DATE_WARNING in a.warnings
    assert a.title == "Kazakhstan's uranium output edges higher"


def test_date_in_body_sentence_is_not_publication_date(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("Exports rose in May\n\nShipments reached 5,000 tons on June 3, 2025, the ministry said on "
                 "Tuesday, and the 12/06/2025 figures follow.\n", encoding="utf-8")
    a = article(p)
    assert a.published is None
    assert NO_DATE_WARNING in a.warnings


def test_month_first_document_reads_ambiguous_date_month_first(tmp_path):
    p = tmp_path / "us.txt"
    p.write_text("Gulf Grain Wire (03/04/2025): Corn exports rose 4% in February, the USDA said. "
                 "The next report is due 12/20/2025, officials said.\n", encoding="utf-8")
    a = article(p)
    assert a.published == "2025-03-04" and a.date_ambiguous


# --- md, html, jsonl -----------------------------------------------------------------------

def test_markdown_front_matter_and_markup():
    a = article(FIX / "front_matter.md")
    assert (a.title, a.source, a.published, a.format) == (
        "India's palm oil imports jump 18% in September", "Oilseed Watch", "2025-10-13", "md")
    assert a.url == "https://oilseedwatch.example.com/2025/10/india-palm-oil-september"
    assert "**" not in a.text and "#" not in a.text and "](" not in a.text and "*four" not in a.text
    assert "an 18% rise" in a.text and "festival demand to lift" in a.text
    # each bullet and heading is its own paragraph, so sentences do not run together
    assert "\n\nSoyoil imports fell to 503,000 tonnes.\n\nSunflower oil" in a.text
    assert not a.text.startswith("India's palm oil")  # the h1 repeats the title


def test_markdown_invalid_front_matter_warns(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("---\ntitle: [unclosed\n---\n\nCocoa grindings in Europe fell 7.2% in the third quarter, "
                 "the European Cocoa Association said.\n", encoding="utf-8")
    a = article(p)
    assert any("front matter is not valid YAML" in w for w in a.warnings)
    assert a.text.startswith("Cocoa grindings")


def test_html_meta_tags_and_main_text():
    a = article(FIX / "meta_tags.html")
    assert a.title == "Peru's zinc output rises 5% in August"
    assert a.source == "Andes Mining Review"
    assert a.published == "2025-10-02"  # as written, in the publisher's time zone
    assert a.url == "https://andesmining.example.com/news/2025/10/peru-zinc-august"
    assert a.text.startswith("Peru produced 128,400 tonnes of zinc")
    for junk in ("Related articles", "Silver prices", "Share on", "Privacy", "Subscribe", "Home"):
        assert junk not in a.text, junk
    assert a.format == "html"


def test_html_without_body_is_rejected():
    r = rejection(BAD / "nobody.html")
    assert r.reason == "HTML with no article body"


def test_jsonl_good_bad_and_missing_lines():
    items = list(ingest([FIX / "feed.jsonl"]))
    arts = [i for i in items if isinstance(i, Article)]
    rejs = [i for i in items if isinstance(i, Rejection)]
    assert [a.name for a in arts] == ["feed.jsonl#cocoa-0925", "feed.jsonl#line-2"]
    first = arts[0]
    assert (first.title, first.source, first.published, first.format) == (
        "Ivory Coast cocoa arrivals reach 1.1 million tons", "Cocoa Brief", "2025-09-29", "jsonl")
    assert first.url == "https://cocoabrief.example.com/arrivals-0925"
    assert arts[0].content_hash != arts[1].content_hash
    assert [r.reason for r in rejs] == ["line 3: malformed JSON (Expecting ',' delimiter)", 'line 4: missing "text"',
                                     'line 5: empty "text"']
    assert all(r.path.endswith("feed.jsonl") for r in rejs)


def test_jsonl_line_hash_is_of_the_line(tmp_path):
    import hashlib

    line = '{"id": "a", "text": "Zambia exported 61,000 tonnes of copper in May, the mines ministry said."}'
    p = tmp_path / "f.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    [raw] = list(scan([p]))
    assert raw.content_hash == hashlib.sha256(line.encode()).hexdigest()
    assert raw.meta["id"] == "a"


# --- bad inputs ----------------------------------------------------------------------------

def test_empty_and_binary_rejected():
    assert rejection(BAD / "empty.txt").reason == "empty file"
    assert rejection(BAD / "binary.txt").reason == "binary file (NUL bytes)"


def test_latin1_decodes_without_rejection():
    a = article(BAD / "latin1.txt")
    assert "Germán Bahamón" in a.text and "crème" in a.text and "café" in a.title
    assert a.published == "2025-10-07" and a.warnings == []


def test_too_large_rejected(tmp_path):
    p = tmp_path / "big.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert MAX_BYTES == 20 * 1024 * 1024
    assert rejection(p).reason == "too large: 52.4 MB > 20 MB limit"


def test_unreadable_dangling_symlink(tmp_path):
    link = tmp_path / "x.txt"
    link.symlink_to(tmp_path / "gone.txt")
    r = rejection(link)
    assert r.reason == "unreadable: [Errno 2] No such file or directory"
    # the same inside a folder walk, and the other files still come through
    (tmp_path / "ok.txt").write_text("Peru (02/03/2025): Silver output rose 3% in January, the ministry "
                                     "said on Friday.\n", encoding="utf-8")
    items = list(ingest([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection"]


def test_unreadable_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert rejection(fifo).reason == "unreadable: not a regular file"


def test_missing_path_and_unsupported_type(tmp_path):
    assert rejection(tmp_path / "nope").reason == "no such file or directory"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert rejection(pdf).reason == "unsupported file type .pdf"
    # in a folder walk, unsupported files are skipped silently
    assert list(ingest([tmp_path])) == []


def test_undecodable_utf16_with_bom_is_text(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Nickel (04/05/2025): Output rose 2% in April, the miners said on Friday.".encode("utf-16"))
    a = article(p)
    assert a.published == "2025-05-04"


# --- files, order, determinism, speed ------------------------------------------------------

def test_iter_files_sorted_recursive_hidden_skipped(tmp_path):
    for rel in ("b.txt", "a/z.md", "a/c.html", ".hidden.txt", ".git/x.txt", "n.pdf", "d.jsonl"):
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x", encoding="utf-8")
    got = [(f.relative_to(root).as_posix(), root) for f, root in iter_files([tmp_path])]
    assert [g[0] for g in got] == ["a/c.html", "a/z.md", "b.txt", "d.jsonl"]
    assert all(root == tmp_path for _, root in got)
    [(f, root)] = list(iter_files([tmp_path / "a" / "z.md"]))
    assert root == tmp_path / "a"
    assert list(iter_files([tmp_path / "missing"])) == []
    assert set(SUPPORTED) == {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}


def test_names_are_relative_and_each_file_once():
    items = list(scan([FIX, FIX / "wire_byline.txt"]))
    names = [i.name for i in items if isinstance(i, RawDoc)]
    assert "bad/latin1.txt" in names and "wire_byline.txt" in names
    assert len(names) == len(set(names))


def test_deterministic():
    def run() -> list:
        return [repr(x) for x in ingest([FIX])]

    assert run() == run()


def test_parse_of_scan_equals_ingest():
    assert [parse(r) if isinstance(r, RawDoc) else r for r in scan([FIX])] == list(ingest([FIX]))


def test_import_is_lazy():
    code = ("import sys, extractor.ingest as i; "
            "print(sorted(m for m in ('trafilatura', 'dateparser', 'htmldate', 'charset_normalizer', 'yaml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_scan_is_fast(tmp_path):
    import time

    body = "Exports of tin rose 4% in March, the ministry said on Monday.\n"
    for n in range(2000):
        (tmp_path / f"a{n:04d}.txt").write_text(f"Tin Wire (0{n % 9 + 1}/03/2025): {n} {body}", encoding="utf-8")
    t = time.perf_counter()
    raws = list(scan([tmp_path]))
    assert len(raws) == 2000 and time.perf_counter() - t < 1.5


# --- small helpers -------------------------------------------------------------------------

@pytest.mark.parametrize("s, iso", [
    ("By Reuters | 19 Jan, 2026", "2026-01-19"),
    ("December 8, 2025 10:04 AM GMT", "2025-12-08"),
    ("20.08.2025 | 09:40 CET", "2025-08-20"),
    ("Posted 2025-09-22 16:30 (UTC+8)", "2025-09-22"),
    ("Thu 7 Aug 2025", "2025-08-07"),
    ("Published 22 Jun, 2025", "2025-06-22"),
    ("Published: Dec 08, 2025 06:12 PM", "2025-12-08"),
    ("by Redaktion | 20. May 2025 - 09:05", "2025-05-20"),
    ("(20/12/2025)", "2025-12-20"),
    ("(12/20/2025)", "2025-12-20"),
])
def test_find_date_forms(s, iso):
    found = find_date(s)
    assert found and found.iso == iso and not found.ambiguous


def test_month_day_needs_a_year():
    assert find_date("CHINA, JUL 20", default_year=2025).iso == "2025-07-20"
    assert find_date("CHINA, JUL 20").no_year


def test_metadata_date_values():
    import datetime as dt

    assert parse_date_value(dt.date(2025, 7, 20)).iso == "2025-07-20"
    assert parse_date_value("2025-06-09T22:48:00+08:00").iso == "2025-06-09"
    assert parse_date_value("the 3rd of March 2025").iso == "2025-03-03"  # dateparser fallback
    assert parse_date_value("soon") is None


def test_byline_names():
    assert byline_org("Reuters") == "Reuters"
    assert byline_org("Marta Lindqvist") is None
    assert byline_org("Redaktion") is None
    assert byline_org("Tech Metals Review staff") == "Tech Metals Review"


@pytest.mark.parametrize("line", [
    "Share  |  Tweet  |  LinkedIn  |  Email  |  Copy link", "Share this story:  Facebook  X  WhatsApp",
    "Subscribe Now", "  • Subscribe for updates on Goldsea", "(c) Outlet 2025. All rights reserved. | Privacy | Terms",
    "Print | Email | Share", "Subscribe | Sign in", "Tags: soybeans | Brazil",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Share prices of miners fell 3% on Monday.", "Subscribers to the service rose 4% in May, the company said.",
    "China exported 304 tons of magnets to Japan in November.",
])
def test_not_boilerplate(line):
    assert not is_boilerplate(line)


# --- the shared corpora (skipped when ../shared is absent) ---------------------------------

def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return next(SEEDS.glob(prefix + "_*.txt"))


def test_seed_000_reuters():
    a = article(_seed("000"))
    assert a.published == "2026-01-19"
    assert a.source == "Reuters"
    assert a.title == "China Rare-Earth Exports to US, Japan Fell in December"
    assert "Subscribe" not in a.text
    assert a.text.startswith("Japan's imports of Chinese rare-earths fell 8%")


def test_seed_001_calitoday():
    a = article(_seed("001"))
    assert a.published == "2025-12-20"
    assert a.source == "CaliToday"
    assert not FLAG_RE.search(a.text)
    assert "The Tale of Two Partners" in a.text
    assert not a.text.rstrip().endswith("CaliToday.Net")


def _dev_table() -> dict[str, tuple[str | None, str]]:
    """file (or file#id) -> (outlet or None, published) from the dev README's table."""
    readme = SHARED / "dev" / "README.md"
    if not readme.is_file():
        pytest.skip("../shared/dev not present")
    rows: dict[str, tuple[str | None, str]] = {}
    current = ""
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if len(cells) < 4:
            continue
        date = next((c for c in cells if re.fullmatch(r"\d{4}-\d{2}-\d{2}", c)), None)
        if cells[0].endswith((".txt", ".md", ".html", ".jsonl")):
            current = cells[0]
            if date:
                rows[current] = (cells[2] or None, date)
        elif cells[0].startswith("↳") and date:
            rid = re.search(r"#([\w.-]+)", cells[0])[1]
            rows[f"{current}#{rid}"] = (cells[2] or None, date)
    return rows


def test_dev_articles_dates_and_outlets():
    table = _dev_table()
    got = {a.name: a for a in ingest([DEV]) if isinstance(a, Article)}
    assert len(table) >= 26
    problems = []
    for name, (outlet, published) in sorted(table.items()):
        a = got.get(name)
        if a is None:
            problems.append(f"{name}: not ingested")
            continue
        if a.published != published:
            problems.append(f"{name}: published {a.published} != {published}")
        if outlet and a.source != outlet:
            problems.append(f"{name}: source {a.source!r} != {outlet!r}")
    assert not problems, "\n".join(problems)


def test_dev_articles_clean_text():
    if not DEV.is_dir():
        pytest.skip("../shared/dev not present")
    arts = [a for a in ingest([DEV]) if isinstance(a, Article)]
    for a in arts:
        assert a.title, a.name
        for junk in ("Subscribe", "Related articles", "All rights reserved", "Share this", "Copy link", "WhatsApp"):
            assert junk not in a.text, (a.name, junk)
        assert "**" not in a.text and not re.search(r"^#+ ", a.text, re.M), a.name
    by_name = {a.name: a for a in arts}
    tide = by_name["09_rare-earths-nov2025_tidewater-times.txt"]
    assert tide.date_ambiguous and tide.published == "2025-12-08"
    assert "Magnet exports to U.S. slip" not in tide.text  # related block with its list
