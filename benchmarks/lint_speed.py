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
from corpus import ROOT, write_corpus, write_section  # noqa: E402
from glossary_scale import glossary_file  # noqa: E402

import random  # noqa: E402


MEASURE = ("import resource, subprocess, sys, time; out = open(sys.argv[1], 'wb'); t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[2:], stdout=out); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)")


REPEAT = 2  # each command runs this many times and the fastest counts (timings here vary by 20%)


def run(cmd: list[str], cwd: Path, repeat: int | None = None) -> tuple[float, float, int]:
    """The fastest of `repeat` runs of `measure` (peak RSS: the largest)."""
    results = [measure(cmd, cwd) for _ in range(repeat or REPEAT)]
    return min(r[0] for r in results), max(r[1] for r in results), results[0][2]


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, findings) of a command in a fresh wrapper process, so the
    peak is that command's own (its largest process, workers included). Findings are counted
    from tqkit's JSON summary, or as output lines for other commands."""
    out = cwd / "stdout"
    # Bytecode is written and reused, as in an installed package (this machine sets
    # PYTHONDONTWRITEBYTECODE, which makes every run compile tqkit again: 0.25 s of start-up).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(out), *cmd], cwd=cwd, capture_output=True, text=True,
                          env=env)
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
        largest_n = max(glossaries)
        largest = glossaries[largest_n]
        corpora = {"small": size_mb(small), "big": size_mb(big)} if big else {"small": size_mb(small)}

        def lint(label: str, options: list[str], corpus: str = "small", repeat: int | None = None) -> tuple:
            """One row: `tqkit lint` with these options over a corpus."""
            secs, rss, found = run(tqkit + options + [str(tmp / corpus)], tmp, repeat)
            return label + (", big corpus" if corpus == "big" else ""), corpora[corpus], secs, rss, found

        one, many, with_largest = ["--jobs", "1"], ["--jobs", str(args.jobs)], ["--glossary", str(largest)]
        # The first run with a glossary parses and builds it (and compiles the rule screen);
        # every later run loads both from the user's cache. Measured once, then warmed up.
        first = lint(f"lint, {largest_n:,}-entry glossary, 1 process, first run (glossary parsed and built)",
                     one + with_largest, repeat=1)
        for path in glossaries.values():
            run(tqkit + one + ["--glossary", str(path), str(small[0])], tmp, repeat=1)
        for n, path in glossaries.items():
            rows.append(lint(f"lint, {n:,}-entry glossary, 1 process", one + ["--glossary", str(path)]))
        for corpus in corpora.keys() - {"small"}:
            rows.append(lint(f"lint, {largest_n:,}-entry glossary, 1 process", one + with_largest, corpus))
        rows.append(first)
        rows.append(lint(f"lint, no rule on the text (--select TQ001), {largest_n:,}-entry glossary loaded, 1 process",
                         one + ["--select", "TQ001"] + with_largest))
        rows.append(lint("lint, no glossary, 1 process", one))
        rows.append(lint(f"lint, no glossary, --jobs {args.jobs}", many))
        for corpus in corpora:
            rows.append(lint(f"lint, {largest_n:,}-entry glossary, --jobs {args.jobs}", many + with_largest, corpus))
        mb = corpora["small"]
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
        share = langdetect_share(small)
    table = ["| run | MB | seconds | MB/s | findings | peak RSS (MB) |", "|---|---:|---:|---:|---:|---:|"]
    table += [f"| {name} | {m:.1f} | {s:.2f} | {m / s:.2f} | {'' if f is None else f'{f:,}'} | {r:.0f} |"
              for name, m, s, r, f in rows]
    text = "\n".join(table) + "\n\n" + targets(rows, glossaries, args.jobs) + "\n\n" + share + "\n"
    print(text)
    write_section("Lint", f"Generated by `python benchmarks/lint_speed.py` (--mb {args.mb:g} --big-mb {args.big_mb:g} "
                  f"--jobs {args.jobs}); the rule screen and the glossaries are in the user's cache (a warm start, "
                  "as every run after the first).\n\n" + text)


def targets(rows: list[tuple], glossaries: dict[int, Path], jobs: int) -> str:
    """The issue's targets against this run's rows."""
    seconds = {name: s for name, _, s, _, _ in rows}
    mb_per_s = {name: m / s for name, m, s, _, _ in rows}
    rss = max(r for name, _, _, r, _ in rows if name.startswith("lint"))
    n, largest = min(glossaries), max(glossaries)
    one = f"lint, {largest:,}-entry glossary, 1 process"
    lines = ["| target | measured |", "|---|---|"]
    lines.append(f"| 10 MB/s in one process, {largest:,}-entry glossary | {mb_per_s[one]:.2f} MB/s |")
    lines.append(f"| peak memory under 500 MB | {rss:.0f} MB at most, over every lint run above (the largest "
                 "process: each --jobs worker shares the parent's glossary pages) |")
    big = f"{one}, big corpus"
    if big in mb_per_s:
        lines.append(f"| linear in corpus size | {mb_per_s[big]:.2f} MB/s on the big corpus, "
                     f"{mb_per_s[one]:.2f} on the small one |")
    small, large = mb_per_s[f"lint, {n:,}-entry glossary, 1 process"], mb_per_s[one]
    lines.append(f"| glossary size changes throughput by less than 30% | {100 * (small - large) / small:.0f}% "
                 f"({n:,} against {largest:,} entries) |")
    for suffix in ("", ", big corpus"):
        parallel = f"lint, {largest:,}-entry glossary, --jobs {jobs}{suffix}"
        if parallel in seconds:
            lines.append(f"| --jobs {jobs} at least 1.7x{suffix.replace(',', ' on the')} | "
                         f"{seconds[one + suffix] / seconds[parallel]:.2f}x |")
    grep = mb_per_s["grep -F -w -f (same names)"]
    naive = next(v for name, v in mb_per_s.items() if name.startswith("naive"))
    lines.append(f"| against grep and the naive loop | grep {grep / mb_per_s[one]:.1f}x faster than tqkit, "
                 f"tqkit {mb_per_s[one] / naive:.1f}x faster than the naive loop, grep {grep / naive:.0f}x faster "
                 f"than the naive loop |")
    return "\n".join(lines)


def langdetect_share(paths: list[Path]) -> str:
    """How much of a lint langdetect takes, measured in this process over the same corpus."""
    from tqkit.engine import Linter
    from tqkit.rules import registry, untranslated

    spent = [0, 0.0]
    detect = untranslated.detect

    def counted(text: str) -> tuple[str, float]:
        start = time.perf_counter()
        try:
            return detect(text)
        finally:
            spent[0] += 1
            spent[1] += time.perf_counter() - start

    untranslated.detect = counted
    try:
        linter = Linter(registry.build("fr-en"))
        start = time.perf_counter()
        for path in paths:
            linter.lint_file(str(path))
        total = time.perf_counter() - start
    finally:
        untranslated.detect = detect
    return (f"langdetect, in one process over the same {size_mb(paths):.0f} MB: {spent[0]:,} calls, {spent[1]:.2f} s "
            f"of {total:.2f} s of linting ({100 * spent[1] / total:.1f}%).")


if __name__ == "__main__":
    main()
