"""The HTML report in a real headless Chromium: articles whose text, title, outlet and URL
carry scripts, event handlers, javascript: URLs and broken markup (fixtures/hostile) must
not run any script, and must show as text. The page's own script must still run (it
marks <html data-report-js="ready">), so a browser that runs no script at all cannot
make this test pass."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("chromium is not installed (.ci/run installs the Debian packages chromium and chromium-driver)")


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"  # fresh profile: no state from other runs
    return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()  # skip before the slow extract when there is no browser
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "h.db"
    assert run_cli("extract", "fixtures/hostile", "--db", str(db), "-q").returncode == 0
    assert run_cli("reconcile", "--db", str(db), "--fail-on", "none").returncode == 0
    out = tmp / "report.html"
    r = run_cli("report", "--db", str(db), "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_no_injected_script_runs_and_hostile_text_shows(hostile_report: Path, tmp_path: Path) -> None:
    # --dump-dom prints the DOM after the page loaded and its scripts ran; the virtual
    # time budget lets timers and image-error handlers fire first.
    r = run_chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", hostile_report.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    dom = r.stdout
    assert 'data-report-js="ready"' in dom, "the report's own script did not run"
    # Every injected payload would set data-xss on <html> or retitle the page.
    assert not re.search(r"<[^>]*\bdata-xss=", dom)
    assert re.search(r"<title>extractor conflict report</title>", dom)
    assert "<title>XSS-RAN" not in dom
    # No injected element or attribute made it into the DOM.
    body = dom.split("<body", 1)[1]
    assert len(re.findall(r"<script\b", body)) == 1
    assert not re.search(r"<(img|iframe|object|embed)\b", body)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", body)
    assert not re.search(r"href=\"\s*javascript:", body, re.IGNORECASE)
    # ...and the hostile text reads as text.
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
    assert "<script>document.title='XSS-RAN'</script>" in text  # the wire story's title
    assert "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','txt-img')\">" in text
    assert "Evil <b onmouseover=alert(1)>Wire</b>" in text  # an outlet name
    assert "<i>Rogue</i> Wire" in text
    assert "1,200 tonnes" in text and "1,250 tonnes" in text


def test_screenshot_renders(hostile_report: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    r = run_chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,1600", hostile_report.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page, not a blank frame
