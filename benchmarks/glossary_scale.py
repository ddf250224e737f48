"""Glossary scale: load time and lint throughput for generated glossaries of 100 to 100,000 entries.

Usage: python benchmarks/glossary_scale.py [--mb 5] [--sizes 100,10000,100000]

The corpus is built from the bundled articles (sample, revision, clean English news),
repeated to the requested size, with generated names mixed in so the glossary rules have
real work. Each glossary holds the shipped fr-en entries plus generated people (with
forbidden forms and variants). Prints a Markdown table; nothing is timed in the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tqkit.engine import Linter  # noqa: E402
from tqkit.glossary.model import Term  # noqa: E402
from tqkit.glossary.po_file import HEADER, load_terms  # noqa: E402
from tqkit.loaders import load  # noqa: E402
from tqkit.rules.glossary import Glossary, glossary_rules  # noqa: E402
from corpus import paragraphs, write_section  # noqa: E402

SYLLABLES = "ka lo mi ra sen tu vo bre dan el fi gor han is jul kov mar nik os pet rus sta tin urs val yev zan".split()


def name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(2))


def glossary_file(size: int, directory: Path, rng: random.Random) -> Path:
    """The shipped fr-en entries, those the bundled texts mention most first (so a glossary
    smaller than the shipped one keeps the entries the benchmark corpora are about), then
    generated people up to `size` entries."""
    shipped = load_terms([str(ROOT / "glossaries/fr-en")])
    mentioned = Counter(m.surface.term for m in Glossary(shipped).matcher.mentions("\n".join(paragraphs())))
    order = sorted(range(len(shipped)), key=lambda i: -mentioned[i])
    terms: list[Term] = [shipped[i] for i in order]
    seen = {t.key for t in terms}
    while len(terms) < size:
        target = name(rng)
        source = target.replace("k", "c").replace("v", "w")
        term = Term(source, target, "person", title="Generated Minister",
                    forbidden=(target.split()[-1] + "e",), variants=(target.replace("a", "á", 1),))
        if term.key not in seen:
            seen.add(term.key)
            terms.append(term)
    path = directory / f"g{size}.po"
    path.write_text("\n\n".join([HEADER.rstrip("\n")] + [t.to_po() for t in terms[:size]]) + "\n", encoding="utf-8")
    return path


def corpus(megabytes: float, rng: random.Random, names: list[str]) -> bytes:
    paragraphs = []
    for path in [*ROOT.glob("corpora/*/*.en.txt"), *ROOT.glob("tests/corpus/clean_en/*.txt")]:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    out, size = [], 0
    while size < megabytes * 1e6:
        p = rng.choice(paragraphs)
        if names and rng.random() < 0.5:
            p = p.replace("Putin", rng.choice(names), 1)
        out.append(p)
        size += len(p.encode()) + 2
    return "\n\n".join(out).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--sizes", default="100,10000,100000")
    args = parser.parse_args()
    rng = random.Random(7)
    rows = []
    # The same text for every size: names from the shipped glossary, which every generated
    # glossary contains, so only the glossary's size changes between rows.
    names = [t.target for t in load_terms([str(ROOT / "glossaries/fr-en")]) if t.kind == "person"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TQKIT_CACHE_DIR"] = str(Path(tmp) / "cache")  # starts empty: the first load is cold
        for size in (int(s) for s in args.sizes.split(",")):
            path = glossary_file(size, Path(tmp), rng)
            t0 = time.perf_counter()
            Glossary.load([str(path)])  # polib parse and build, then stored in the cache
            cold_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            rules = glossary_rules(Glossary.load([str(path)]))  # what every later run does
            warm_s = time.perf_counter() - t0
            data = corpus(args.mb, random.Random(11), names)
            doc = load("corpus.txt", data)
            linter = Linter(rules)
            lint_s = float("inf")
            for _ in range(3):  # the fastest of three: this machine's timings vary from run to run
                t0 = time.perf_counter()
                findings = linter.lint_document(doc)
                lint_s = min(lint_s, time.perf_counter() - t0)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rows.append((size, cold_s, warm_s, len(data) / 1e6 / lint_s, len(findings), rss))
    table = ["| entries | first load: parse + build (s) | later loads, from the cache (s) | GL rules throughput (MB/s) "
             "| findings | peak RSS so far (MB) |", "|---:|---:|---:|---:|---:|---:|"]
    table += [f"| {size:,} | {cold:.2f} | {warm:.2f} | {mbs:.1f} | {n:,} | {rss:.0f} |"
              for size, cold, warm, mbs, n, rss in rows]
    text = "\n".join(table) + "\n"
    print(text)
    write_section("Glossary size", f"`python benchmarks/glossary_scale.py --mb {args.mb:g}` (glossary rules only, one "
                  f"{args.mb:g} MB document holding names of the shipped glossary, which every generated glossary "
                  "contains, so only the glossary's size changes):\n\n" + text)


if __name__ == "__main__":
    main()
