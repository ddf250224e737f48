"""The real-text development corpus: indexes in the repository, texts outside it.

The pages themselves are not ours to commit. `corpora/dev/*.json` holds, per document, where it
comes from (URL, the query that finds it in the stored-pages search), its sha256 and length, and
the annotated spans as code-point offsets. The texts live in `corpora/dev/texts/<id>.txt`, which git
ignores and which is re-filled each session from the search; `verify` checks every hash.

Annotations are written as `corpora/dev/texts/<id>.ann` (also ignored), one per line, tab-separated:

    category <TAB> sure|soft <TAB> fragment <TAB> note

The fragment is the annotated text, or a longer context with the span in [[double brackets]].
A fragment found more than once is an error unless it starts with `*`, which annotates every
occurrence. The note says, in our words, which French pattern is behind the artifact.

    python benchmarks/devcorpus.py add corpora/dev/mt-a.json ID --url U --query Q --site S --topic T
    python benchmarks/devcorpus.py annotate corpora/dev/mt-a.json ID      # .ann -> offsets
    python benchmarks/devcorpus.py show corpora/dev/mt-a.json ID          # spans with their text
    python benchmarks/devcorpus.py verify                                 # every index, every hash
    python benchmarks/devcorpus.py stats                                  # counts per site, topic, category
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
TEXTS = DEV / "texts"

CATEGORIES = {
    "idiom": "French idioms and set phrases rendered word for word",
    "false-friend": "English cognates used in the French sense, speech verbs included",
    "syntax": "French word order, inverted reporting clauses, dangling French constructions",
    "institution": "French parliament, government, justice, party and media vocabulary rendered literally",
    "spacing": "spaces before punctuation and inside quotes, doubled or glued punctuation",
    "chrome": "paywall, newsletter, replay, breadcrumb and source lines of the outlet or republisher",
    "name": "party, movement, programme and media names translated word for word or miscased",
    "scraper": "words cut by filters, glued across sentences, CSS or script text, repeated paragraphs",
    "title": "honorifics and titles in the French form (Messrs., plural titles, M.)",
    "quote": "French quotation marks, stray or unbalanced quotes, elision residue",
    "article": "French definite articles kept before countries, regions, abstractions",
    "format": "French numbers, times, dates, ordinals and units",
    "untranslated": "French words or sentences left in the English text",
}
CERTAINTIES = ("sure", "soft")


def text_path(doc_id: str) -> Path:
    return TEXTS / f"{doc_id}.txt"


def read_text(doc_id: str) -> str:
    with open(text_path(doc_id), encoding="utf-8", newline="") as f:
        return f.read()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_index(path: Path) -> dict:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"kind": "clean" if "clean" in path.name else "mt", "documents": []}


def save_index(path: Path, index: dict) -> None:
    index["documents"].sort(key=lambda d: d["id"])
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def find(index: dict, doc_id: str) -> dict:
    for doc in index["documents"]:
        if doc["id"] == doc_id:
            return doc
    sys.exit(f"{doc_id}: not in the index")


def add(args: argparse.Namespace) -> None:
    index = load_index(args.index)
    text = read_text(args.id)
    entry = {"id": args.id, "url": args.url, "query": args.query, "site": args.site, "topic": args.topic,
             "sha256": digest(text), "length": len(text)}
    docs = [d for d in index["documents"] if d["id"] != args.id]
    old = next((d for d in index["documents"] if d["id"] == args.id), None)
    if old and old["sha256"] == entry["sha256"]:
        entry["spans"] = old.get("spans", [])
    elif index["kind"] == "mt":
        entry["spans"] = []
    index["documents"] = [*docs, entry]
    save_index(args.index, index)
    print(f"{args.id}: {len(text)} characters, sha256 {entry['sha256'][:12]}")


def parse_annotation(line: str, text: str, where: str) -> list[dict]:
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 4:
        raise ValueError(f"{where}: expected 4 tab-separated fields, got {len(fields)}")
    category, certainty, fragment, note = fields
    if category not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    if certainty not in CERTAINTIES:
        raise ValueError(f"{where}: certainty must be sure or soft, not {certainty!r}")
    every = fragment.startswith("*")
    fragment = fragment[1:] if every else fragment
    before, _, rest = fragment.partition("[[")
    inner, _, after = rest.partition("]]") if rest else (fragment, "", "")
    if not rest:
        before, after = "", ""
    context = before + inner + after
    starts, at = [], text.find(context)
    while at >= 0:
        starts.append(at)
        at = text.find(context, at + 1)
    if not starts:
        raise ValueError(f"{where}: fragment not found: {context!r}")
    if len(starts) > 1 and not every:
        raise ValueError(f"{where}: fragment found {len(starts)} times; add context or start it with *")
    if not inner.strip():
        raise ValueError(f"{where}: empty span")
    return [{"start": s + len(before), "end": s + len(before) + len(inner), "category": category,
             "certainty": certainty, "note": note} for s in starts]


def annotate(args: argparse.Namespace) -> None:
    index = load_index(args.index)
    doc = find(index, args.id)
    text = read_text(args.id)
    if digest(text) != doc["sha256"]:
        sys.exit(f"{args.id}: text does not match its sha256; re-fill it first")
    ann = TEXTS / f"{args.id}.ann"
    spans, errors = [], []
    for n, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            spans += parse_annotation(line, text, f"{ann.name}:{n}")
        except ValueError as e:
            errors.append(str(e))
    if errors:
        sys.exit("\n".join(errors))
    doc["spans"] = sorted(spans, key=lambda s: (s["start"], s["end"]))
    save_index(args.index, index)
    print(f"{args.id}: {len(spans)} spans")


def show(args: argparse.Namespace) -> None:
    doc = find(load_index(args.index), args.id)
    text = read_text(args.id)
    for s in doc.get("spans", []):
        print(f"{s['start']:6}-{s['end']:<6} {s['category']:13} {s['certainty']:4}  "
              f"{text[s['start']:s['end']]!r}  # {s['note']}")


def indexes() -> list[Path]:
    return sorted(DEV.glob("*.json"))


def verify(_: argparse.Namespace) -> None:
    bad = 0
    for path in indexes():
        for doc in load_index(path)["documents"]:
            p = text_path(doc["id"])
            if not p.exists():
                print(f"{path.name} {doc['id']}: missing text (query: {doc['query']!r}, url {doc['url']})")
                bad += 1
            elif digest(read_text(doc["id"])) != doc["sha256"]:
                print(f"{path.name} {doc['id']}: sha256 differs")
                bad += 1
    print(f"{bad} problems" if bad else "every text present and matching")
    sys.exit(1 if bad else 0)


def stats(_: argparse.Namespace) -> None:
    for path in indexes():
        docs = load_index(path)["documents"]
        sites = Counter(d["site"] for d in docs)
        topics = Counter(d["topic"] for d in docs)
        cats = Counter((s["category"], s["certainty"]) for d in docs for s in d.get("spans", []))
        print(f"{path.name}: {len(docs)} documents, {len(sites)} sites, {sum(d['length'] for d in docs)} chars")
        print("  sites:", dict(sites.most_common()))
        print("  topics:", dict(topics.most_common()))
        if cats:
            print("  spans:", dict(sorted(cats.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("add")
    p.add_argument("index", type=Path)
    p.add_argument("id")
    for name in ("url", "query", "site", "topic"):
        p.add_argument(f"--{name}", required=True)
    p.set_defaults(run=add)
    for name, run in (("annotate", annotate), ("show", show)):
        p = sub.add_parser(name)
        p.add_argument("index", type=Path)
        p.add_argument("id")
        p.set_defaults(run=run)
    sub.add_parser("verify").set_defaults(run=verify)
    sub.add_parser("stats").set_defaults(run=stats)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
