"""Lint throughput, scaling and memory (issue 6 targets), measured in one run.

Usage: python benchmarks/lint_speed.py [--mb 10] [--big-mb 50] [--sizes 100,10000,100000] [--jobs 2]

Every measurement runs `tqkit lint` in a fresh subprocess (JSON to /dev/null) so wall time
and peak RSS are the command's own. Baselines in the same run: `grep -F -w -f` with the
glossary's names, and a naive Python loop of one regular expression per rule pattern.
Prints a Markdown table and writes it to reports/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, write_corpus  # noqa: E402
from glossary_scale import glossary_file  # noqa: E402

import random  # noqa: E402


MEASURE = ("import resource, subprocess, sys, time; out = open(sys.argv[1], 'wb'); t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[2:], stdout=out); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)")


def run(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, findings) of a command in a fresh wrapper process, so the
    peak is that command's own (its largest process, workers included). Findings are counted
    from tqkit's JSON summary, or as output lines for other commands."""
    out = cwd / "stdout"
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(out), *cmd], cwd=cwd, capture_output=True, text=True)
    seconds, rss, code = proc.stdout.split()[-3:]
    if int(code) > 1:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr[-500:]}")
    text = out.read_text(encoding="utf-8")
    if text.startswith("{"):
        summary = json.loads(text)["summary"]
        found = summary["errors"] + summary["warnings"] + summary["info"]
    else:
        found = sum(int(line.rsplit(":", 1)[-1]) for line in text.splitlines())  # grep -c: path:count
    return float(seconds), float(rss), found


def size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def naive_regex_loop(paths: list[Path], patterns: list[re.Pattern[str]]) -> float:
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for _ in pattern.finditer(text):
                pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--big-mb", type=float, default=50.0)
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    tqkit = [sys.executable, "-m", "tqkit", "lint", "-f", "json", "--config", str(ROOT / "benchmarks" / "empty.toml")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = write_corpus(tmp / "small", args.mb, seed=1)
        big = write_corpus(tmp / "big", args.big_mb, seed=2) if args.big_mb else []
        glossaries = {n: glossary_file(n, tmp, random.Random(7)) for n in (int(s) for s in args.sizes.split(","))}
        largest = glossaries[max(glossaries)]
        mb = size_mb(small)
        run(tqkit + ["--jobs", "1", str(small[0])], tmp)  # compiles the rule screen into the user's cache once
        for n, path in glossaries.items():
            secs, rss, found = run(tqkit + ["--jobs", "1", "--glossary", str(path), str(tmp / "small")], tmp)
            rows.append((f"lint, {n:,}-entry glossary, 1 process", mb, secs, rss, found))
        if big:
            secs, rss, found = run(tqkit + ["--jobs", "1", "--glossary", str(largest), str(tmp / "big")], tmp)
            rows.append((f"lint, {max(glossaries):,}-entry glossary, 1 process, big corpus", size_mb(big), secs, rss,
                         found))
        secs, rss, found = run(tqkit + ["--jobs", "1", str(tmp / "small")], tmp)
        rows.append(("lint, no glossary, 1 process", mb, secs, rss, found))
        secs, rss, found = run(tqkit + ["--jobs", str(args.jobs), str(tmp / "small")], tmp)
        rows.append((f"lint, no glossary, --jobs {args.jobs}", mb, secs, rss, found))
        secs, rss, found = run(tqkit + ["--jobs", str(args.jobs), "--glossary", str(largest), str(tmp / "small")], tmp)
        rows.append((f"lint, {max(glossaries):,}-entry glossary, --jobs {args.jobs}", mb, secs, rss, found))
        names = tmp / "names.txt"
        from tqkit.glossary.po_file import load_terms

        names.write_text("\n".join(sorted({t.target for t in load_terms([str(largest)])})) + "\n", encoding="utf-8")
        secs, rss, found = run(["grep", "-r", "-F", "-w", "-c", "-f", str(names), str(tmp / "small")], tmp)
        rows.append(("grep -F -w -f (same names)", mb, secs, rss, found))
        from tqkit.rules import registry
        from tqkit.rules.lexicon import LexiconRule

        patterns = [e.regex for r in registry.rules_for("fr-en") if isinstance(r, LexiconRule) for e in r.entries]
        patterns += [r.pattern for r in registry.rules_for("fr-en") if hasattr(r, "pattern")]
        secs = naive_regex_loop(small, patterns)
        rows.append((f"naive loop of {len(patterns)} regexes", mb, secs, 0.0, None))
    table = ["| run | MB | seconds | MB/s | findings | peak RSS (MB) |", "|---|---:|---:|---:|---:|---:|"]
    table += [f"| {name} | {m:.1f} | {s:.2f} | {m / s:.2f} | {'' if f is None else f'{f:,}'} | {r:.0f} |"
              for name, m, s, r, f in rows]
    text = "\n".join(table) + "\n"
    print(text)
    out = ROOT / "reports" / "benchmarks.md"
    section = ("## Lint\n\nGenerated by `python benchmarks/lint_speed.py`"
               f" (--mb {args.mb:g} --big-mb {args.big_mb:g} --jobs {args.jobs}).\n\n" + text)
    previous = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    head = previous.split("## Lint\n", 1)[0].rstrip("\n")
    tail = previous.split("## Lint\n", 1)[1].split("\n## ", 1) if "## Lint\n" in previous else []
    rest = ("\n## " + tail[1]) if len(tail) > 1 else ""
    out.write_text(head + "\n\n" + section + rest, encoding="utf-8")


if __name__ == "__main__":
    main()
