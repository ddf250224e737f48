"""Scoring at scale: `tqkit score` on generated line-aligned corpora, beside the sacrebleu command line.

Usage: python benchmarks/score_scale.py [--pairs 100000] [--chrf-pairs 20000,100000] [--jobs 2]
                                        [--corpus-metrics bleu,chrf,ter] [--skip-sacrebleu] [--write]

Generates a reference and two systems from the bundled corpora (sentences drawn at random and
perturbed, the reference as well, so that its lines are nearly all distinct), then runs each command in its own subprocess and reads its wall time, CPU time
(user + system, all processes) and peak RSS (the largest process). Measured:

- the default comparison the issue sets a target for: two systems, BLEU and chrF, paired
  bootstrap (1,000 resamples) and approximate randomization (10,000 trials), on --pairs
  segments: under 60 s on 2 cores;
- chrF of one system on each --chrf-pairs size: peak RSS under 150 MB;
- corpus scores per metric, with sacrebleu's command line on the same files.

CPU time is printed beside wall time because other work on the machine stretches wall time;
the load average before each command is printed too. `--write` replaces the scoring section
("Scoring: tqkit score vs the sacrebleu command line") of reports/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import paragraphs, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, p.returncode)")
TARGET_SECONDS, TARGET_MB = 60, 150


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    mb: float
    load: float  # 1-minute load average when the command started

    def cells(self) -> str:
        return f"{self.seconds:.1f} | {self.cpu:.1f} | {self.mb:.0f} | {self.load:.1f}"


def measure(cmd: list[str]) -> Run:
    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout
    seconds, cpu, mb, code = out.split()
    if int(code) > 1:
        sys.exit(f"failed ({code}): {' '.join(cmd)}")
    return Run(float(seconds), float(cpu), float(mb), load)


def sentences() -> list[str]:
    out = []
    for p in paragraphs():
        out += [s for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) > 3]
    return out


def perturb(sentence: str, rng: random.Random, rate: float) -> str:
    words = sentence.split()
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = rng.choice(words)
    return " ".join(words)


def write_corpus(directory: Path, pairs: int) -> tuple[str, str, str]:
    rng = random.Random(5)
    pool = sentences()
    # Perturbed too, so that (nearly) every reference line is unique, as in a real test set:
    # sacrebleu's tokenizers cache repeated lines, which would flatter BLEU.
    refs = [perturb(rng.choice(pool), rng, 0.2) for _ in range(pairs)]
    paths = [directory / f"{name}.{pairs}.txt" for name in ("ref", "a", "b")]
    paths[0].write_text("\n".join(refs) + "\n", encoding="utf-8")
    paths[1].write_text("\n".join(perturb(r, rng, 0.3) for r in refs) + "\n", encoding="utf-8")
    paths[2].write_text("\n".join(perturb(r, rng, 0.25) for r in refs) + "\n", encoding="utf-8")
    return tuple(str(p) for p in paths)  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--chrf-pairs", default="20000,100000", help="comma-separated sizes for the chrF memory runs")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-sacrebleu", action="store_true", help="skip the sacrebleu command line")
    parser.add_argument("--corpus-metrics", default="bleu,chrf,ter", help="metrics for the corpus-score rows ('' for none)")
    parser.add_argument("--write", action="store_true", help="write the table into reports/benchmarks.md")
    args = parser.parse_args()
    tqkit = [sys.executable, "-m", "tqkit", "score", "-q", "-f", "json"]
    sacrebleu = [sys.executable, "-m", "sacrebleu"]
    rows: list[tuple[str, Run, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        ref, a, b = write_corpus(Path(tmp), args.pairs)
        for jobs in sorted({1, args.jobs}):
            run = measure(tqkit + ["--metrics", "bleu,chrf", "--jobs", str(jobs), "--ref", ref, "--baseline", a, b])
            verdict = "under" if run.seconds < TARGET_SECONDS else "OVER"
            rows.append((f"comparison of 2 systems, BLEU + chrF, bootstrap + randomization, --jobs {jobs}"
                         + (" (the default on this machine)" if jobs == os.cpu_count() else ""),
                         run, f"{verdict} {TARGET_SECONDS} s"))
        for size in (int(s) for s in args.chrf_pairs.split(",") if s):
            r, h, _ = (ref, a, b) if size == args.pairs else write_corpus(Path(tmp), size)
            run = measure(tqkit + ["--metrics", "chrf", "--jobs", "1", "--ref", r, h])
            rows.append((f"chrF, one system, {size:,} pairs", run, f"{'under' if run.mb < TARGET_MB else 'OVER'} {TARGET_MB} MB"))
        for metric in (m for m in args.corpus_metrics.split(",") if m):
            rows.append((f"{metric} corpus score, tqkit --jobs {args.jobs}",
                         measure(tqkit + ["--metrics", metric, "--jobs", str(args.jobs), "--ref", ref, a]), ""))
            if not args.skip_sacrebleu:
                rows.append((f"{metric} corpus score, sacrebleu", measure(sacrebleu + [ref, "-i", a, "-m", metric, "-b"]), ""))
    table = [f"{args.pairs:,} sentence pairs, {os.cpu_count()} CPUs; `python benchmarks/score_scale.py`", "",
             "| task | wall s | CPU s | peak MB | load | target |", "|---|---:|---:|---:|---:|---|"]
    table += [f"| {name} | {run.cells()} | {target} |" for name, run, target in rows]
    print("\n".join(table))
    if args.write:
        write_section("Scoring: tqkit score vs the sacrebleu command line", "\n".join(table))


if __name__ == "__main__":
    main()
