"""`tqkit report`: self-contained, deterministic, the committed reports/ are current; every finding
in its sentence and followed through the versions; any files; bad input stops cleanly."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tqkit.cli import main
from tqkit.cli import report as report_cli
from tqkit.model import Finding, Severity
from tqkit.report import excerpt, still_there, track

NAMES = ["sco-summit-2022.autofix.en.txt", "sco-summit-2022.html", "sco-summit-2022.json", "sco-summit-2022.md"]
FAST = ["--bootstrap-samples", "20", "--randomization-trials", "20"]


def regenerate(root: Path, tmp_path: Path, monkeypatch) -> Path:
    for name in ("pyproject.toml",):
        shutil.copy(root / name, tmp_path / name)
    for name in ("corpora", "glossaries"):
        shutil.copytree(root / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert main(["report", "corpora/sco-summit-2022", "--output", "reports"]) == 0
    return tmp_path / "reports"


def test_committed_reports_are_reproduced_byte_for_byte(root: Path, tmp_path: Path, monkeypatch) -> None:
    fresh = regenerate(root, tmp_path, monkeypatch)
    names = sorted(p.name for p in fresh.iterdir())
    assert names == NAMES
    for name in names:
        assert (fresh / name).read_bytes() == (root / "reports" / name).read_bytes(), name


@pytest.fixture(scope="module")
def page(root: Path) -> str:
    return (root / "reports/sco-summit-2022.html").read_text(encoding="utf-8")


def test_html_is_self_contained_and_fits_phones_and_paper(page: str) -> None:
    assert "<script" not in page and "src=" not in page and "@import" not in page and "url(" not in page
    assert {h[0] for h in re.findall(r'href="([^"]*)"', page)} == {"#"}  # in-page links only
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print{" in page and "thead{display:table-header-group}" in page
    assert re.search(r"ins\{[^}]*text-decoration:underline", page)  # not colour alone: printed without backgrounds
    assert re.search(r"mark\{[^}]*border-bottom:3px solid", page)
    assert "TER ↓" in page and "lower is better" in page
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in page


def test_headline_says_what_is_left_and_whether_the_revision_is_better(page: str, root: Path) -> None:
    headline = page[page.index('<div class="headline">'):page.index("</div>")]
    assert "Nothing left to fix: the revision has no findings. The MT had 21 findings; the autofix fixed 6" in headline
    assert "The revision is better than the MT: chrF2 59.63 vs 55.19, +4.44" in headline
    assert re.search(r"paired bootstrap p = 0\.0010, approximate randomization p = 0\.000\d\); BLEU, chrF2\+\+ and "
                     r"TER agree", headline)
    assert "Linted with configuration <code>pyproject.toml</code>: pair fr-en" in page
    assert "glossaries: <code>glossaries/fr-en</code>" in page
    md = (root / "reports/sco-summit-2022.md").read_text(encoding="utf-8")
    assert md.splitlines()[2].startswith("Nothing left to fix") and "`sco-summit-2022.json`" in md
    assert "| MT | 25.80 | 55.19 | 52.55 | 64.72 |" in md and "TER (lower is better)" in md


class Findings(HTMLParser):
    """The findings listed on the page: their data attributes and the text of their <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.depth = 0  # inside a <mark> of a finding's context

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "li" and "finding" in (a.get("class") or ""):
            self.items.append({**a, "marks": [], "classes": a["class"].split()})
        elif tag == "mark" and self.items:
            self.items[-1]["marks"].append("")
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.items[-1]["marks"][-1] += data


def test_every_finding_is_on_the_page_with_its_span_marked(page: str, root: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(root)
    assert main(["lint", "-f", "json", "corpora/sco-summit-2022/mt.en.txt"]) == 1
    expected = json.loads(capsys.readouterr().out)["findings"]
    lines = (root / "corpora/sco-summit-2022/mt.en.txt").read_text(encoding="utf-8").split("\n")
    parser = Findings()
    parser.feed(page)
    listed = {(int(i["data-line"]), int(i["data-column"]), i["data-code"]): i
              for i in parser.items if i["data-version"] == "0"}
    assert len(listed) == len(expected) == 21
    for f in expected:
        item = listed[(f["line"], f["column"], f["code"])]
        assert item["marks"] == [lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]], f
        assert f["severity"] in item["classes"]
    severities = [next(c for c in i["classes"] if c in ("error", "warning", "info")) for i in parser.items]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)  # errors first
    assert page.count("fixed by the autofix") == 6 and page.count("autofix left it") == 15
    assert page.count("gone from the revision") == 21


def _f(line: int, code: str, text: str, severity: Severity = Severity.WARNING, column: int = 1) -> Finding:
    return Finding("x.txt", line, column, line, column + len(text), code, code.lower(), severity, "m", text=text)


def test_findings_are_followed_by_segment_code_and_text() -> None:
    line = lambda f: f.line  # noqa: E731 (one segment a line)
    mt = [_f(1, "FR001", "Messrs."), _f(2, "FR004", "the Russia"), _f(3, "FR016", "if he"), _f(3, "FR016", "or even")]
    later = [_f(2, "FR004", "the Russia", column=9), _f(3, "FR016", "if she"), _f(4, "GL001", "Peking")]
    kept, new = still_there(mt, later, line, line)
    # FR001 is gone; FR004 moved within its line; one FR016 changed its words: still the same problem.
    assert kept == [False, True, True, False]
    assert new == [False, False, True]


def test_track_lists_the_mts_findings_errors_first_then_what_each_version_brought() -> None:
    texts = ["Messrs. Xi.\nIn Peking.\n", "Mr. Xi.\nIn Peking.\n", "Mr. Xi.\nIn Beijing, the Russia.\n"]
    mt = [_f(1, "FR001", "Messrs."), _f(2, "GL001", "Peking", Severity.ERROR, 4)]
    autofix = [_f(2, "GL001", "Peking", Severity.ERROR, 4)]
    revision = [_f(2, "FR004", "the Russia", column=13)]
    tracked = track([mt, autofix, revision], texts, [lambda f: f.line] * 3)
    assert [(t.finding.code, t.version, t.still_in) for t in tracked] == [
        ("GL001", 0, (True, False)), ("FR001", 0, (False, False)), ("FR004", 2, ())]
    assert (tracked[0].excerpt.before, tracked[0].excerpt.flagged, tracked[0].excerpt.after) == ("In ", "Peking", ".")


@pytest.mark.parametrize("text, span, expected", [
    ("He left. Mr. Putin spoke here. Then he left.", "spoke", ("Mr. Putin ", "spoke", " here.")),
    ("“Why?” he said. It is “odd.” Fine.", "odd", ("It is “", "odd", ".”")),
    ("One.\nTwo words here.\nThree.", "words", ("Two ", "words", " here.")),
    ("a " * 300 + "flag " + "b " * 300, "flag", None),
])
def test_excerpt_is_the_sentence_around_the_span(text: str, span: str, expected: tuple | None) -> None:
    start = text.index(span)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    x = excerpt(text, Finding("t", line, column, line, column + len(span), "X", "x", Severity.INFO, "m"))
    assert x.flagged == span
    if expected:
        assert (x.before, x.flagged, x.after) == expected
    else:  # a long sentence is cut at a word on either side
        assert x.before.startswith("…a ") and x.after.endswith("b…") and len(x.before) < 250 and len(x.after) < 250


# -- any files, and what happens with bad ones -------------------------------------------------

MT = "The talks ended on Friday.\n\nRead also: the summit\n\nSome 15 000 people marched in Paris.\n"
REF = "The talks ended on Friday.\n\n\n\nSome 15,000 people marched through Paris.\n"
REV = "The talks ended on Friday.\n\n\n\nSome 15,000 people marched in Paris.\n"


@pytest.fixture
def article(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tqkit.toml").write_text('pair = "fr-en"\n', encoding="utf-8")
    for name, text in (("mt.en.txt", MT), ("ref.en.txt", REF), ("ref2.en.txt", REF), ("rev.en.txt", REV),
                       ("rev2.en.txt", MT.replace("Read also: the summit", ""))):
        (tmp_path / "a" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "a" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_mt_refs_and_any_number_of_revisions(article: Path, capsys) -> None:
    args = ["report", "--mt", "a/mt.en.txt", "--ref", "a/ref.en.txt", "--ref", "a/ref2.en.txt", "a/rev.en.txt",
            "a/rev2.en.txt", "--name", "talks", "-o", "out", *FAST]
    assert main(args) == 0
    assert capsys.readouterr().err == "Wrote out/talks.html, out/talks.md, out/talks.json and out/talks.autofix.en.txt.\n"
    data = json.loads((article / "out/talks.json").read_text(encoding="utf-8"))
    assert [(v["label"], v["path"]) for v in data["versions"]] == [
        ("MT", "a/mt.en.txt"), ("autofix", "out/talks.autofix.en.txt"), ("revision 1", "a/rev.en.txt"),
        ("revision 2", "a/rev2.en.txt")]
    assert data["scores"]["references"] == ["a/ref.en.txt", "a/ref2.en.txt"]
    assert [e["label"] for e in data["post_edits"]] == ["revision 1", "revision 2"]
    assert data["settings"] == {"config": "tqkit.toml", "pair": "fr-en", "glossaries": [],
                                "rules": data["settings"]["rules"], "select": [], "ignore": []}
    fr011 = next(f for f in data["findings"] if f["code"] == "FR011")  # "15 000", fixed by the autofix and both editors
    assert fr011["still_in"] == {"autofix": False, "revision 1": False, "revision 2": True}
    page = (article / "out/talks.html").read_text(encoding="utf-8")
    assert page.count('<h2 id="edits') == 2 and "Edits MT → revision 2" in page
    assert "<del>15 000</del> <ins>15,000</ins>" in page  # the MT -> revision diff
    assert "These diffs compare a version with the reference, not the MT with the revision" in page


def test_without_a_revision_the_headline_judges_the_autofix(article: Path) -> None:
    assert main(["report", "--mt", "a/mt.en.txt", "--ref", "a/ref.en.txt", "-o", "out", *FAST]) == 0
    md = (article / "out/a.md").read_text(encoding="utf-8")  # named after the MT's directory
    assert "Nothing left to fix: the autofix has no findings. The MT had 2 findings; the autofix fixed 2." in md
    assert "The autofix is not significantly different from the MT: chrF2" in md  # 20 resamples cannot tell


def test_chart_places_each_versions_points_by_segment(article: Path) -> None:
    assert main(["report", "a", "-o", "out", *FAST]) == 0
    page = (article / "out/a.html").read_text(encoding="utf-8")
    svg = page[page.index('<svg class="chart"'):]
    svg = svg[: svg.index("</svg>")]
    assert re.match(r'<svg class="chart" viewBox="0 0 \d+ \d+" role="img" aria-label="[^"]+">', svg)
    assert ">line</text>" in svg and "chrF2 ↑</text>" in svg  # axis titles
    mt, autofix, revision = [[p.split(",") for p in pts.split()] for pts in re.findall(r'points="([^"]*)"', svg)]
    # The MT's "Read also" line (blank in the others) is its own point: the next line stays aligned.
    assert len(mt) == 3 and len(revision) == 2
    assert mt[2][0] == revision[1][0] and mt[0][0] == revision[0][0]
    dashes = re.findall(r'<polyline fill="none" stroke="(#[0-9a-f]{6})" stroke-width="1.8"( stroke-dasharray="[^"]+")?',
                        svg)
    assert len({d for _, d in dashes}) == 3 and len({c for c, _ in dashes}) == 3  # dash and colour both differ


def test_long_articles_also_get_a_sorted_view() -> None:
    from tqkit.report import LintSettings, ReportData, Version
    from tqkit.report_html import LONG, _charts
    from tqkit.scoring.run import MetricScore, ScoreReport, SegmentScore, SystemResult

    n = LONG + 40
    metrics = [MetricScore(m, 50.0, "sig") for m in ("BLEU", "chrF2", "chrF2++", "TER")]
    systems = [SystemResult(f"{k}.txt", metrics, segments=[SegmentScore(i, i + 1, {"chrf": float((i * 7 + k) % 100)},
                                                                        "h", ("r",)) for i in range(n)])
               for k in range(3)]
    versions = (Version("MT", "0.txt"), Version("autofix", "1.txt"), Version("revision", "2.txt"))
    data = ReportData("x", versions, ("r.txt",), LintSettings(None, "fr-en", (), 1), ScoreReport(["r.txt"], systems),
                      ((), (), ()), (), ())
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", _charts(data), re.S)
    assert len(svgs) == 2 and "share of segments</text>" in svgs[1] and ">100%</text>" in svgs[1]
    for points in re.findall(r'points="([^"]*)"', svgs[1]):
        ys = [int(p.split(",")[1]) for p in points.split()]
        assert ys == sorted(ys, reverse=True) and len(ys) == n  # worst to best (SVG y grows downwards)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_chart_colours_have_text_contrast_on_white() -> None:
    from tqkit.report_chart import COLOURS

    for colour in COLOURS:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour


def test_long_runs_say_what_they_do_off_a_terminal(article: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(report_cli, "LONG_RUN", 3)
    assert main(["report", "a", "-o", "out", *FAST]) == 0
    steps = [re.sub(r"\d+ s", "N s", line) for line in capsys.readouterr().err.splitlines()]
    assert steps[0] == "tqkit: report: N s: fixing the MT (safe fixes only)"
    assert [s.split(": ")[3].split(" ")[0] for s in steps[1:-1]] == ["scoring", "comparing", "linting", "writing"]
    assert main(["report", "a", "-o", "out", "-q", *FAST]) == 0
    assert capsys.readouterr().err.startswith("Wrote ")


@pytest.mark.parametrize("args, message", [
    (["report", "b"], "tqkit: error: b: not a directory: give a corpus directory, or --mt and --ref with the revision"),
    (["report", "a", "--mt", "a/none.txt"], "tqkit: error: a/none.txt: no such file (a corpus holds mt.en.txt"),
    (["report", "a", "a"], "tqkit: error: a: is a directory: give one corpus directory first, then revision files"),
    (["report", "--mt", "a/mt.en.txt", "a/rev.en.txt"], "tqkit: error: a/rev.en.txt: not a directory: give a corpus"),
    (["report"], "tqkit: error: give a corpus directory, or --mt and --ref with the revision files to report on"),
    (["report", "a", "--name", "x/y"], "tqkit: error: --name: 'x/y' cannot name a file"),
    (["report", "a", "a/short.en.txt"], "tqkit: error: a/short.en.txt:1: 1 segments but a/ref.en.txt has 5; "
                                        "blank lines first disagree at segment 1"),
])
def test_bad_input_is_one_line_exit_2_and_leaves_nothing(article: Path, capsys, args: list[str], message: str) -> None:
    (article / "a/short.en.txt").write_text("\n", encoding="utf-8")
    (article / "b").write_text("not a directory\n", encoding="utf-8")
    assert main([*args, "-o", "out", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert not (article / "out").exists()  # no autofix left behind, nor the directory made for it
