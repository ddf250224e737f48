"""How well tqkit does on real text: recall on annotated machine translation, noise on human news.

Why: the unit tests and the synthetic corpora only say that a rule fires where we planted its
pattern. This benchmark says what a news editor would get: how many of the artifacts a careful
editor marked in real English machine-translated from French (`corpora/dev/mt-*.json`) tqkit
flags, how many of its warnings on those texts point at something the editor marked, and how
often it raises its voice on real English news written by people (`corpora/dev/clean.json`),
where every finding is a false alarm.

The texts are stored pages, not ours: they live in the git-ignored `corpora/dev/texts/` and are
checked against the sha256 in their index (see `benchmarks/devcorpus.py`). The report in
`reports/` is committed, so by default it holds only numbers; the lists that quote page text go to
`corpora/dev/texts/detection-details.md` (ignored) unless `--details-in-report` is given.

    python benchmarks/detection.py                          # summary on stdout, reports/detection.md
    python benchmarks/detection.py --json > before.json     # the metrics as JSON
    python benchmarks/detection.py --baseline before.json   # deltas against an earlier --json
    python benchmarks/detection.py -- --pair fr-en --ignore FR012   # options for `tqkit lint`

Counting: a finding overlaps a span when their ranges share at least one character; a zero-width
finding counts when its position lies in the span or at either end of it. Recall counts `sure`
spans hit by a finding of any severity; precision counts warning and error findings on annotated
MT texts that overlap any span, sure or soft. An MT text with no spans yet is taken as not
annotated: it counts toward neither recall nor precision, and the report lists it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
TEXTS = DEV / "texts"
REPORT = ROOT / "reports" / "detection.md"
DETAILS = TEXTS / "detection-details.md"
DEFAULT_TQKIT_ARGS = ["--pair", "fr-en"]  # glossaries come from pyproject's [tool.tqkit], as tqkit runs in ROOT
SEVERITIES = ("error", "warning", "info")
QUOTE = 80  # characters of page text quoted per list entry


# ---------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    certainty: str
    note: str


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    code: str
    name: str
    severity: str
    message: str

    def overlaps(self, span: Span) -> bool:
        if self.start == self.end:
            return span.start <= self.start <= span.end
        return max(self.start, span.start) < min(self.end, span.end)


@dataclass
class Doc:
    id: str
    kind: str  # "mt" or "clean"
    text: str
    spans: list[Span]
    findings: list[Finding] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return TEXTS / f"{self.id}.txt"

    @property
    def annotated(self) -> bool:
        return self.kind == "mt" and bool(self.spans)

    def quote(self, start: int, end: int) -> str:
        return shorten(self.text[start:end])


def shorten(text: str, limit: int = QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load_corpus() -> tuple[list[Doc], list[str]]:
    """Every usable document of every index, and one line per document skipped."""
    docs, skipped = [], []
    for index_path in sorted(DEV.glob("*.json")):
        index = json.loads(index_path.read_text(encoding="utf-8"))
        for entry in index["documents"]:
            path = TEXTS / f"{entry['id']}.txt"
            if not path.exists():
                skipped.append(f"{index_path.name} {entry['id']}: text missing (re-fill it with its query)")
                continue
            text = read_text(path)
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != entry["sha256"]:
                skipped.append(f"{index_path.name} {entry['id']}: sha256 differs from the index")
                continue
            spans = [Span(s["start"], s["end"], s["category"], s["certainty"], s.get("note", ""))
                     for s in entry.get("spans", [])]
            docs.append(Doc(entry["id"], index["kind"], text, sorted(spans, key=lambda s: (s.start, s.end))))
    return sorted(docs, key=lambda d: d.id), sorted(skipped)


# ---------------------------------------------------------------- running tqkit


def tqkit_command() -> list[str]:
    exe = Path(sys.executable).with_name("tqkit")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("tqkit")
    return [found] if found else [sys.executable, "-m", "tqkit"]


def run_tqkit(docs: list[Doc], options: list[str]) -> list[dict]:
    """The findings of one `tqkit lint --format json` run over every document."""
    paths = [shown(d.path) for d in docs]
    cmd = [*tqkit_command(), "lint", "--format", "json", "--quiet", *options, *paths]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        sys.exit(f"tqkit failed (exit {proc.returncode}): {' '.join(cmd[:6])} …\n{proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    for error in report.get("input_errors", []):
        print(f"tqkit input error: {error['path']}: {error['message']}", file=sys.stderr)
    return report["findings"]


def line_starts(text: str) -> list[int]:
    """Offsets where lines start, as tqkit counts them: CRLF and a lone CR both end a line."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
            starts.append(i + 1)
    return starts


def to_offset(starts: list[int], line: int, column: int, length: int, bom: int) -> int:
    """Character offset of a 1-based (line, column) in code points; tqkit's columns on the first
    line do not count a byte-order mark."""
    return min(starts[line - 1] + column - 1 + (bom if line == 1 else 0), length)


def attach_findings(docs: list[Doc], raw: list[dict]) -> None:
    by_path = {d.path.resolve(): d for d in docs}
    starts = {d.id: line_starts(d.text) for d in docs}
    stray = 0
    for f in raw:
        doc = by_path.get((ROOT / f["path"]).resolve())
        if doc is None:
            stray += 1
            continue
        bom = 1 if doc.text.startswith("\ufeff") else 0
        n = len(doc.text)
        start = to_offset(starts[doc.id], f["line"], f["column"], n, bom)
        end = to_offset(starts[doc.id], f["end_line"], f["end_column"], n, bom)
        doc.findings.append(Finding(start, max(start, end), f["code"], f.get("name", ""), f["severity"], f["message"]))
    for doc in docs:
        doc.findings.sort(key=lambda x: (x.start, x.end, x.code))
    if stray:
        print(f"warning: {stray} findings name a file that is not in the corpus", file=sys.stderr)


# ---------------------------------------------------------------- metrics


def ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def rate(count: int, words: int) -> float | None:
    return round(1000 * count / words, 2) if words else None


def recall(docs: list[Doc], certainty: str) -> dict:
    hits, totals = Counter(), Counter()
    for doc in docs:
        for span in doc.spans:
            if span.certainty != certainty:
                continue
            totals[span.category] += 1
            hits[span.category] += any(f.overlaps(span) for f in doc.findings)
    return {"hit": sum(hits.values()), "total": sum(totals.values()),
            "recall": ratio(sum(hits.values()), sum(totals.values())),
            "by_category": {c: {"hit": hits[c], "total": totals[c], "recall": ratio(hits[c], totals[c])}
                            for c in sorted(totals)}}


def precision(docs: list[Doc], severities: tuple[str, ...]) -> dict:
    good, totals = Counter(), Counter()
    for doc in docs:
        for f in doc.findings:
            if f.severity in severities:
                totals[f.code] += 1
                good[f.code] += any(f.overlaps(s) for s in doc.spans)
    return {"true": sum(good.values()), "total": sum(totals.values()),
            "precision": ratio(sum(good.values()), sum(totals.values())),
            "by_code": {c: {"true": good[c], "total": totals[c], "precision": ratio(good[c], totals[c])}
                        for c in sorted(totals)}}


def noise(docs: list[Doc]) -> dict:
    words = sum(len(d.text.split()) for d in docs)
    loud = Counter(f.code for d in docs for f in d.findings if f.severity != "info")
    every = Counter(f.code for d in docs for f in d.findings)
    return {"documents": len(docs), "words": words,
            "warnings_errors": sum(loud.values()), "per_1000_words": rate(sum(loud.values()), words),
            "all_findings": sum(every.values()), "all_per_1000_words": rate(sum(every.values()), words),
            "by_code": {c: {"warnings_errors": loud[c], "all": every[c], "all_per_1000_words": rate(every[c], words)}
                        for c in sorted(every)}}


def metrics(docs: list[Doc], skipped: list[str], options: list[str]) -> dict:
    mt = [d for d in docs if d.annotated]
    clean = [d for d in docs if d.kind == "clean"]
    return {
        "tqkit_commit": git_commit(),
        "tqkit_options": options,
        "corpus": {"mt_annotated": len(mt), "mt_unannotated": sum(d.kind == "mt" and not d.spans for d in docs),
                   "clean": len(clean), "skipped": len(skipped),
                   "sure_spans": sum(s.certainty == "sure" for d in mt for s in d.spans),
                   "soft_spans": sum(s.certainty == "soft" for d in mt for s in d.spans)},
        "recall_sure": recall(mt, "sure"),
        "recall_soft": recall(mt, "soft"),
        "precision": precision(mt, ("error", "warning")),
        "precision_info": precision(mt, ("info",)),
        "clean": noise(clean),
        "rule_names": dict(sorted({f.code: f.name for d in docs for f in d.findings}.items())),
    }


def git_commit() -> str | None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--", "tqkit", "glossaries", "pyproject.toml")
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + (" + uncommitted changes to tqkit" if dirty else "")


# ---------------------------------------------------------------- formatting


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def delta(now: float | None, before: float | None, scale: float = 1.0, unit: str = "") -> str:
    if now is None or before is None:
        return ""
    d = (now - before) * scale
    if abs(d) < 0.05:
        return " (=)" if d == 0 else " (±0.0)"
    return f" ({d:+.1f}{unit})"


def dig(data: dict | None, *keys: str):
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def rule(m: dict, code: str) -> str:
    name = m["rule_names"].get(code)
    return f"{code} {name}" if name else code


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def summary(m: dict, base: dict | None) -> list[str]:
    c = m["corpus"]
    lines = ["# tqkit on the development corpus", "",
             f"tqkit commit: {m['tqkit_commit'] or 'unknown'}; options: `{' '.join(m['tqkit_options'])}`.",
             f"Machine translation: {c['mt_annotated']} annotated texts ({c['sure_spans']} sure, {c['soft_spans']} soft "
             f"spans), {c['mt_unannotated']} not yet annotated. Clean news: {c['clean']} texts, {m['clean']['words']} "
             f"words. Skipped (missing or changed text): {c['skipped']}.", ""]
    if base:
        lines += [f"Deltas in parentheses are against the baseline (commit {base.get('tqkit_commit') or 'unknown'}, "
                  f"options `{' '.join(base.get('tqkit_options') or [])}`).", ""]
        if base.get("corpus") != c:
            lines += [f"The corpus changed since the baseline ({corpus_change(base.get('corpus') or {}, c)}): "
                      "deltas mix tqkit's changes with the corpus's.", ""]
    lines += headline(m, base) + [""] + recall_table(m, base) + [""] + precision_table(m, base) + [""]
    return lines + noise_table(m, base)


def corpus_change(before: dict, now: dict) -> str:
    return ", ".join(f"{k} {before.get(k, 0)} → {now[k]}" for k in now if before.get(k) != now[k])


def headline(m: dict, base: dict | None) -> list[str]:
    r, s, p, i, n = m["recall_sure"], m["recall_soft"], m["precision"], m["precision_info"], m["clean"]
    rows = [
        ["Recall, sure spans", f"{pct(r['recall'])}{delta(r['recall'], dig(base, 'recall_sure', 'recall'), 100, ' pt')}",
         f"{r['hit']} of {r['total']}"],
        ["Recall, soft spans", f"{pct(s['recall'])}{delta(s['recall'], dig(base, 'recall_soft', 'recall'), 100, ' pt')}",
         f"{s['hit']} of {s['total']}"],
        ["Precision, warnings and errors", f"{pct(p['precision'])}{delta(p['precision'], dig(base, 'precision', 'precision'), 100, ' pt')}",
         f"{p['true']} of {p['total']} on a span"],
        ["Precision, info", f"{pct(i['precision'])}{delta(i['precision'], dig(base, 'precision_info', 'precision'), 100, ' pt')}",
         f"{i['true']} of {i['total']} on a span"],
        ["Clean news, warnings and errors per 1,000 words",
         f"{num(n['per_1000_words'])}{delta(n['per_1000_words'], dig(base, 'clean', 'per_1000_words'))}",
         f"{n['warnings_errors']} in {n['words']} words"],
        ["Clean news, all findings per 1,000 words",
         f"{num(n['all_per_1000_words'])}{delta(n['all_per_1000_words'], dig(base, 'clean', 'all_per_1000_words'))}",
         f"{n['all_findings']} in {n['words']} words"],
    ]
    return ["## Summary", ""] + table(["measure", "value", "count"], rows)


def recall_table(m: dict, base: dict | None) -> list[str]:
    sure, soft = m["recall_sure"]["by_category"], m["recall_soft"]["by_category"]
    rows = []
    for cat in sorted(set(sure) | set(soft)):
        a, b = sure.get(cat, {}), soft.get(cat, {})
        was = dig(base, "recall_sure", "by_category", cat, "recall")
        rows.append([cat, f"{a.get('hit', 0)} / {a.get('total', 0)}",
                     f"{pct(a.get('recall'))}{delta(a.get('recall'), was, 100, ' pt')}",
                     f"{b.get('hit', 0)} / {b.get('total', 0)}", pct(b.get("recall"))])
    return ["## Recall by category", ""] + table(["category", "sure hit", "sure recall", "soft hit", "soft recall"], rows)


def precision_table(m: dict, base: dict | None) -> list[str]:
    loud, quiet = m["precision"]["by_code"], m["precision_info"]["by_code"]
    rows = []
    for code in sorted(set(loud) | set(quiet)):
        a, b = loud.get(code, {}), quiet.get(code, {})
        was = dig(base, "precision", "by_code", code, "precision")
        rows.append([rule(m, code), f"{a.get('true', 0)} / {a.get('total', 0)}",
                     f"{pct(a.get('precision'))}{delta(a.get('precision'), was, 100, ' pt')}",
                     f"{b.get('true', 0)} / {b.get('total', 0)}", pct(b.get("precision"))])
    head = ["rule", "warning+error on a span", "precision", "info on a span", "info precision"]
    return ["## Precision by rule (annotated MT texts)", ""] + table(head, rows)


def noise_table(m: dict, base: dict | None) -> list[str]:
    rows = []
    for code, v in m["clean"]["by_code"].items():
        was = dig(base, "clean", "by_code", code, "all_per_1000_words")
        rows.append([rule(m, code), str(v["warnings_errors"]), str(v["all"]),
                     f"{num(v['all_per_1000_words'])}{delta(v['all_per_1000_words'], was)}"])
    gone = sorted(set(dig(base, "clean", "by_code") or {}) - set(m["clean"]["by_code"]))
    rows += [[code, "0", "0", "0 (gone)"] for code in gone]
    return ["## Findings on clean news by rule", ""] + table(["rule", "warnings+errors", "all", "all per 1,000 words"], rows)


def details(docs: list[Doc], skipped: list[str]) -> list[str]:
    mt = [d for d in docs if d.annotated]
    missed = [f"- {d.id} @{s.start} [{s.category}] “{d.quote(s.start, s.end)}” — {s.note}"
              for d in mt for s in d.spans if s.certainty == "sure" and not any(f.overlaps(s) for f in d.findings)]
    alarms = [f"- {d.id} @{f.start} {f.code} {f.severity}: “{d.quote(f.start, f.end)}” — {f.message}"
              for d in mt for f in d.findings if not any(f.overlaps(s) for s in d.spans)]
    noisy = [f"- {d.id} @{f.start} {f.code} {f.severity}: “{d.quote(f.start, f.end)}” — {f.message}"
             for d in docs if d.kind == "clean" for f in d.findings]
    waiting = [d.id for d in docs if d.kind == "mt" and not d.spans]
    uncounted = [f"- MT texts awaiting annotation: {', '.join(waiting) or 'none'}"] + [f"- skipped: {s}" for s in skipped]
    return (section("Missed sure spans", missed) + section("False alarms on annotated MT texts", alarms)
            + section("Findings on clean news", noisy) + section("Not counted", uncounted))


def section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", ""] + (items or ["- none"]) + [""]


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    cut = argv.index("--") if "--" in argv else len(argv)
    ours, theirs = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of the summary (the report is written either way)")
    parser.add_argument("--baseline", type=Path, help="an earlier --json output to show deltas against")
    parser.add_argument("--report", type=Path, default=REPORT, help="summary file (default reports/detection.md)")
    parser.add_argument("--details-in-report", action="store_true",
                        help="put the lists that quote page text in the report instead of corpora/dev/texts/")
    return parser.parse_args(ours), theirs or DEFAULT_TQKIT_ARGS


def main(argv: list[str] | None = None) -> None:
    args, options = parse_args(sys.argv[1:] if argv is None else argv)
    docs, skipped = load_corpus()
    for line in skipped:
        print(f"skipped: {line}", file=sys.stderr)
    if not any(d.annotated for d in docs) and not any(d.kind == "clean" for d in docs):
        sys.exit("no usable document: fill corpora/dev/texts/ first (see benchmarks/devcorpus.py)")
    attach_findings(docs, run_tqkit(docs, options))
    m = metrics(docs, skipped, options)
    base = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    head = summary(m, base)
    lists = details(docs, skipped)
    if args.details_in_report:
        write(args.report, head + [""] + lists)
    else:
        write(args.report, head + ["", f"The lists (missed spans, false alarms, clean-news findings) quote page text "
                                       f"and are written to `{shown(DETAILS)}`, which git ignores."])
        write(DETAILS, ["# tqkit on the development corpus: details", ""] + lists)
    print(json.dumps(m, indent=1, ensure_ascii=False, sort_keys=True) if args.json else "\n".join(head))


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
