"""Ingestion through the real CLI into a real SQLite file."""

from __future__ import annotations

import json
import os
import shutil

from conftest import FIXTURES, ROOT, copy_tree, jsonl, query, run_cli


def test_every_format_is_stored_and_bad_inputs_are_named(tmp_path):
    src = copy_tree(FIXTURES / "ingest", tmp_path / "in")
    (src / "huge.txt").write_bytes(b"Shipments rose 5%. " * (3 * 1024 * 1024))  # ~57 MB
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    db = tmp_path / "x.db"
    res = run_cli("extract", str(src), "--db", str(db))
    assert res.returncode == 3, res.stderr  # some inputs rejected, the rest stored
    err = res.stderr
    for name, reason in [("empty.txt", "empty file"), ("binary.txt", "binary file"),
                         ("nobody.html", "no article body"), ("feed.jsonl", "line 3: malformed JSON"),
                         ("feed.jsonl", 'line 4: missing "text"'), ("feed.jsonl", 'line 5: empty "text"'),
                         ("huge.txt", "too large"),
                         ("dangling.txt", "unreadable")]:
        assert any(name in line and reason in line for line in err.splitlines()), (name, reason, err)
    names = {r[0] for r in query(db, "select name from articles")}
    assert {"wire_byline.txt", "front_matter.md", "meta_tags.html", "feed.jsonl#cocoa-0925",
            "bad/latin1.txt", "bad/nodate.txt"} <= names
    rejected = query(db, "select path, reason from rejections")
    assert len(rejected) == 8
    run = query(db, "select rejected, new_articles, status from runs")[0]
    assert run[0] == 8 and run[1] == len(names) and run[2] == "ok"
    # a text with no date is stored, with its warning, and the warning is shown
    warnings = query(db, "select warnings from articles where name = 'bad/nodate.txt'")[0][0]
    assert "no publication date" in warnings and "nodate.txt" in err


def test_article_metadata_from_each_format(tmp_path):
    db = tmp_path / "x.db"
    run_cli("extract", str(FIXTURES / "ingest"), "--db", str(db))
    res = run_cli("articles", "--db", str(db), "--format", "jsonl")
    rows = {r["name"]: r for r in jsonl(res.stdout)}
    assert rows["wire_byline.txt"]["source"] == "Reuters"
    assert rows["wire_byline.txt"]["published"] == "2025-04-14"
    assert rows["front_matter.md"]["url"].startswith("https://")
    assert rows["meta_tags.html"]["published"] == "2025-10-02"
    amb = rows["ambiguous_dateline.txt"]
    assert amb["date_ambiguous"] == 1 and "ambiguous date" in amb["warnings"]
    text = query(db, "select text from articles where name = 'boilerplate.txt'")[0][0]
    assert "Subscribe" not in text and "\U0001f1fa" not in text


def test_rerun_stores_nothing_twice_and_changed_file_supersedes(tmp_path):
    src = copy_tree(ROOT / "articles", tmp_path / "in")
    db = tmp_path / "x.db"
    first = run_cli("extract", str(src), "--db", str(db))
    assert first.returncode == 0, first.stderr
    n_articles = query(db, "select count(*) from articles")[0][0]
    n_claims = query(db, "select count(*) from claims")[0][0]
    second = run_cli("extract", str(src), "--db", str(db))
    assert second.returncode == 0
    assert "0 new articles" in second.stderr
    assert query(db, "select count(*) from articles")[0][0] == n_articles
    assert query(db, "select count(*) from claims")[0][0] == n_claims
    # edit one article: a new version, the old one and its claims kept but superseded
    md = src / "2025-12-20_ledger_magnets-november.md"
    md.write_text(md.read_text(encoding="utf-8").replace("304", "306"), encoding="utf-8")
    third = run_cli("extract", str(src), "--db", str(db))
    assert "1 new articles" in third.stderr
    versions = query(db, "select version, current from articles where name = ? order by version", (md.name,))
    assert versions == [(1, 0), (2, 1)]
    current = jsonl(run_cli("claims", "--db", str(db), "--format", "jsonl").stdout)
    quotes = [c["quote"] for c in current if c["article"] == md.name]
    assert quotes and not any("304" in q for q in quotes)
    old_id = query(db, "select id from articles where name = ? and version = 1", (md.name,))[0][0]
    assert query(db, "select count(*) from claims where article_id = ? and current = 1", (old_id,))[0][0] == 0


def test_bad_input_does_not_lose_what_was_stored(tmp_path):
    db = tmp_path / "x.db"
    run_cli("extract", str(ROOT / "articles"), "--db", str(db))
    before = query(db, "select id from articles order by id")
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURES / "ingest" / "bad", bad)
    res = run_cli("extract", str(bad), "--db", str(db))
    assert res.returncode == 3
    after = {r[0] for r in query(db, "select id from articles")}
    assert {r[0] for r in before} <= after


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("extract", "--db", str(tmp_path / "x.db")).returncode == 2
    assert run_cli("articles", "--db", str(tmp_path / "missing.db")).returncode == 2
    assert run_cli("nosuchcommand").returncode == 2


def test_missing_path_is_rejected_not_fatal(tmp_path):
    db = tmp_path / "x.db"
    res = run_cli("extract", str(tmp_path / "nope"), str(FIXTURES / "ingest" / "wire_byline.txt"), "--db", str(db))
    assert res.returncode == 3
    assert "nope" in res.stderr and "no such file" in res.stderr.lower()
    assert query(db, "select count(*) from articles")[0][0] == 1


def test_plain_log_lines_when_not_a_terminal(tmp_path):
    res = run_cli("extract", str(ROOT / "articles"), "--db", str(tmp_path / "x.db"))
    lines = res.stderr.splitlines()
    assert any(line.startswith("stored") for line in lines)
    assert not any("\x1b[" in line for line in lines)  # no progress-bar escapes in logs


def test_same_inputs_give_the_same_database_content(tmp_path):
    dumps = []
    for i in range(2):
        db = tmp_path / f"{i}.db"
        run_cli("extract", str(ROOT / "articles"), "--db", str(db), env={**os.environ, "EXTRACTOR_NOW": "2026-01-01T00:00:00Z"})
        rows = query(db, "select * from articles order by id") + query(db, "select * from claims order by id")
        dumps.append(json.dumps(rows, default=str))
    assert dumps[0] == dumps[1]
