"""Scoring at scale: tqkit score versus the sacrebleu command line on the same generated files.

Usage: python benchmarks/score_scale.py [--pairs 100000] [--jobs 2] [--skip-sacrebleu-tests]

Generates line-aligned reference and two systems from the bundled corpora (sentences
shuffled and perturbed), then times each command in its own subprocess and reads its peak
RSS, for corpus scores per metric and for a paired bootstrap test (1,000 resamples).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import paragraphs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)")


def measure(cmd: list[str]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout
    seconds, rss, code = out.split()
    if int(code) > 1:
        sys.exit(f"failed ({code}): {' '.join(cmd)}")
    return float(seconds), float(rss)


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-sacrebleu-tests", action="store_true", help="skip sacrebleu's own paired bootstrap")
    args = parser.parse_args()
    rng = random.Random(5)
    pool = sentences()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        refs = [rng.choice(pool) for _ in range(args.pairs)]
        (tmp / "ref.txt").write_text("\n".join(refs) + "\n", encoding="utf-8")
        (tmp / "a.txt").write_text("\n".join(perturb(r, rng, 0.3) for r in refs) + "\n", encoding="utf-8")
        (tmp / "b.txt").write_text("\n".join(perturb(r, rng, 0.25) for r in refs) + "\n", encoding="utf-8")
        sacrebleu = [sys.executable, "-m", "sacrebleu"]
        tqkit = [sys.executable, "-m", "tqkit", "score", "-f", "json"]
        rows = []
        for metric, sb_name in (("bleu", "bleu"), ("chrf", "chrf"), ("ter", "ter")):
            sb = measure(sacrebleu + [str(tmp / "ref.txt"), "-i", str(tmp / "a.txt"), "-m", sb_name, "-b"])
            tq = measure(tqkit + ["--ref", str(tmp / "ref.txt"), "--metrics", metric, "--jobs", str(args.jobs), str(tmp / "a.txt")])
            rows.append((f"{metric} corpus score", sb, tq))
        for metric in ("bleu", "chrf"):
            sb = (None if args.skip_sacrebleu_tests else
                  measure(sacrebleu + [str(tmp / "ref.txt"), "-i", str(tmp / "a.txt"), str(tmp / "b.txt"),
                                       "-m", metric, "--paired-bs", "--paired-bs-n", "1000"]))
            tq = measure(tqkit + ["--ref", str(tmp / "ref.txt"), "--metrics", metric, "--jobs", str(args.jobs),
                                  "--baseline", str(tmp / "a.txt"), "--randomization-trials", "1",
                                  str(tmp / "b.txt")])
            rows.append((f"{metric} paired bootstrap (1,000)", sb, tq))
    print(f"{args.pairs:,} sentence pairs\n")
    print("| task | sacrebleu s | sacrebleu MB | tqkit s | tqkit MB |\n|---|---:|---:|---:|---:|")
    for name, sb, tq in rows:
        sb_cells = f"{sb[0]:.1f} | {sb[1]:.0f}" if sb else "skipped | skipped"
        print(f"| {name} | {sb_cells} | {tq[0]:.1f} | {tq[1]:.0f} |")


if __name__ == "__main__":
    main()
