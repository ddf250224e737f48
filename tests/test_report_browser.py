"""The HTML report as a reader sees it: rendered by headless Chromium (skipped where it is not
installed) in a 400-px-wide frame, as on a phone. Every finding's span is highlighted and
nothing is wider than the screen.

The page has no script of its own: the test loads it into an iframe of a harness page whose
script measures the laid-out page (an iframe's width is exact; a headless window has a
minimum width) and writes the measurements into the DOM that --dump-dom prints.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tqkit.cli import main

WIDTH = 400
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]  # phones overlay their scrollbars

MEASURE = """<script>
window.addEventListener("load", function () {
  var doc = document.getElementById("page").contentDocument, width = doc.documentElement.clientWidth;
  var out = {width: width, scrollWidth: doc.documentElement.scrollWidth, wider: [], findings: []};
  doc.body.querySelectorAll("*").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 0.5 || r.left < -0.5)) out.wider.push(el.tagName + " " + Math.round(r.right));
  });
  doc.querySelectorAll("li.finding").forEach(function (li) {
    var marks = li.querySelectorAll(".context mark"), m = marks[0], s = m && getComputedStyle(m), r = m && m.getBoundingClientRect();
    out.findings.push({version: +li.dataset.version, line: +li.dataset.line, column: +li.dataset.column,
      code: li.dataset.code, marks: marks.length, text: m ? m.textContent : null,
      background: s ? s.backgroundColor : null, underline: s ? s.borderBottomStyle + " " + s.borderBottomWidth : null,
      width: r ? r.width : 0, height: r ? r.height : 0});
  });
  var pre = document.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def render(page: str, tmp_path: Path) -> dict:
    harness = tmp_path / "harness.html"
    harness.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe id="page" style="width:{WIDTH}px;'
                       f'height:900px;border:0" srcdoc="{html.escape(page, quote=True)}"></iframe>{MEASURE}</body></html>',
                       encoding="utf-8")
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1000",
                           "--dump-dom", harness.as_uri()], capture_output=True, text=True, timeout=120)
    start = proc.stdout.find('<pre id="measurements">')
    assert start != -1, proc.stderr[-2000:]
    return json.loads(html.unescape(proc.stdout[start + len('<pre id="measurements">') : proc.stdout.index("</pre>", start)]))


def lint(path: str, capsys) -> list[dict]:
    main(["lint", "-f", "json", path])
    return json.loads(capsys.readouterr().out)["findings"]


def test_every_finding_is_highlighted_and_nothing_overflows_a_phone(root: Path, tmp_path: Path, monkeypatch,
                                                                      capsys) -> None:
    monkeypatch.chdir(root)
    page = (root / "reports/sco-summit-2022.html").read_text(encoding="utf-8")
    shown = render(page, tmp_path)
    assert shown["width"] == WIDTH
    assert shown["scrollWidth"] <= WIDTH and shown["wider"] == []
    versions = ["corpora/sco-summit-2022/mt.en.txt", "reports/sco-summit-2022.autofix.en.txt",
                "corpora/sco-summit-2022/rev.en.txt"]
    listed = {(f["version"], f["line"], f["column"], f["code"]): f for f in shown["findings"]}
    expected = lint(versions[0], capsys)
    assert len(listed) >= len(expected) > 0
    lines = (root / versions[0]).read_text(encoding="utf-8").split("\n")
    for f in expected:  # every finding of the MT, whatever became of it later
        item = listed[(0, f["line"], f["column"], f["code"])]
        assert item["marks"] == 1 and item["text"] == lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        assert item["background"] not in ("rgba(0, 0, 0, 0)", "transparent") and item["underline"] == "solid 3px"
        assert item["width"] > 0 and item["height"] > 0  # laid out, not hidden
