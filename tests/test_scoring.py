"""`tqkit score`: sacrebleu's numbers to the last digit, paired tests as sacrebleu runs them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sacrebleu.significance import PairedTest

from tqkit.cli import main
from tqkit.scoring import metrics as M
from tqkit.scoring import significance as S

REFS = [["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
        ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]]
SYS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]


def write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def score_json(args: list[str], capsys) -> dict:
    assert main(["score", "-f", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_sacrebleu_readme_example(tmp_path, capsys) -> None:
    refs = [write(tmp_path / f"ref{i}.txt", r) for i, r in enumerate(REFS)]
    hyp = write(tmp_path / "sys.txt", SYS)
    report = score_json(["--ref", refs[0], "--ref", refs[1], "--metrics", "bleu,chrf", hyp], capsys)
    scores = {s["metric"]: s for s in report["systems"][0]["scores"]}
    assert scores["BLEU"]["score"] == pytest.approx(48.530827, abs=1e-6)
    assert round(scores["chrF2"]["score"], 4) == 59.7275
    assert scores["BLEU"]["signature"].startswith("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert report["references"] == refs and report["systems"][0]["path"] == hyp


def random_corpus(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    words = "the a of summit Putin Xi met talks in on and to Russia China said . ,".split()
    sent = lambda: " ".join(rng.choice(words) for _ in range(rng.randint(0, 18)))  # noqa: E731
    refs = [sent() for _ in range(n)]
    a = [r if rng.random() < 0.3 else sent() for r in refs]
    b = [x if rng.random() < 0.85 else (r if rng.random() < 0.5 else sent()) for x, r in zip(a, refs)]
    return refs, a, b


@pytest.mark.parametrize("name", M.METRICS)
def test_chunked_statistics_equal_one_shot_sacrebleu(name: str, monkeypatch) -> None:
    refs, hyps, other = random_corpus(300 if name == "ter" else 1200, 5)  # TER is slow in sacrebleu too
    monkeypatch.setattr(M, "CHUNK", 70 if name == "ter" else 250)  # several chunks
    for references in ([refs], [refs, other]):
        assert M.score(M.make(name), hyps, references).score == M.make(name).corpus_score(hyps, references).score


@pytest.mark.parametrize("name", ["bleu", "chrf", "ter"])
@pytest.mark.parametrize("test_type", ["bs", "ar"])
def test_paired_tests_equal_sacrebleu(name: str, test_type: str) -> None:
    refs, a, b = random_corpus(97, 9)
    samples = {"bs": 300, "ar": 700}[test_type]
    _, results = PairedTest([("a", a), ("b", b)], {name: M.make(name)}, [refs], test_type=test_type,
                            n_samples=samples, n_ar_confidence=-1)()
    expected = next(v for k, v in results.items() if k != "System")[1]
    metric = M.make(name)
    base, system = M.segment_stats(metric, a, [refs]), M.segment_stats(metric, b, [refs])
    tests = S.Tests(samples if test_type == "bs" else 0, samples if test_type == "ar" else 0, sacrebleu_compatible=True)
    (comparison,) = S.compare({name: metric}, {name: base}, {name: system}, tests)
    got = comparison.p_bootstrap if test_type == "bs" else comparison.p_randomization
    assert got == expected.p_value
    if test_type == "bs":
        assert (comparison.system_mean, comparison.system_ci) == (expected.mean, expected.ci)
        assert comparison.ci_low <= comparison.difference <= comparison.ci_high


def test_baseline_comparison_json_for_every_metric(tmp_path, capsys, root) -> None:
    corpus = root / "corpora/sco-summit-2022"
    report = score_json(["--ref", str(corpus / "ref.en.txt"), "--baseline", str(corpus / "mt.en.txt"),
                         "--bootstrap-samples", "200", "--randomization-trials", "200", str(corpus / "rev.en.txt")],
                        capsys)
    revision = report["systems"][1]
    assert [c["metric"] for c in revision["comparison"]] == ["BLEU", "chrF2", "chrF2++", "TER"]
    for c in revision["comparison"]:
        assert c["ci_low"] <= c["difference"] <= c["ci_high"]
        assert 0 < c["p_bootstrap"] <= 1 and 0 < c["p_randomization"] <= 1


def test_markdown_table(root, capsys) -> None:
    corpus = root / "corpora/sco-summit-2022"
    assert main(["score", "-f", "markdown", "--metrics", "chrf", "--ref", str(corpus / "ref.en.txt"),
                 str(corpus / "mt.en.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| system | chrF2 |\n|---|---:|\n| `")


def test_segments_worst_first(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["the cat sat", "", "a dog barked loudly"])
    hyp = write(tmp_path / "hyp.txt", ["the cat sat", "", "nothing like it"])
    report = score_json(["--ref", ref, "--segments", "5", hyp], capsys)
    segments = report["systems"][0]["segments"]
    assert [s["segment"] for s in segments] == [3, 1]  # the blank pair is skipped, worst first


def test_mismatched_counts_name_both_and_where(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["one", "", "two", "three"])
    hyp = write(tmp_path / "hyp.txt", ["one", "two", "three"])
    assert main(["score", "--ref", ref, hyp]) == 2
    err = capsys.readouterr().err
    assert "3 segments but" in err and "has 4" in err and "disagree at segment 2" in err and err.count("\n") == 1


def test_a_missing_line_without_blank_lines_names_only_the_counts(tmp_path, capsys) -> None:
    lines = [f"line {i}" for i in range(1, 2001)]
    ref = write(tmp_path / "ref.txt", lines)
    hyp = write(tmp_path / "hyp.txt", lines[:1000] + lines[1001:])
    assert main(["score", "--ref", ref, hyp]) == 2
    err = capsys.readouterr().err
    assert "1999 segments but" in err and "has 2000" in err and "segment 2000" not in err and "hyp.txt:" in err


def test_blank_reference_lines_do_not_crash(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["", "", ""])
    hyp = write(tmp_path / "hyp.txt", ["a", "", "b"])
    report = score_json(["--ref", ref, hyp], capsys)
    assert len(report["systems"][0]["scores"]) == 4


def test_po_segments_match_by_context_and_msgid(tmp_path, capsys) -> None:
    ref = tmp_path / "ref.po"
    ref.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "the cat sat"\n\nmsgctxt "x"\nmsgid "b"\nmsgstr "a dog"\n', encoding="utf-8")
    hyp = tmp_path / "hyp.po"
    hyp.write_text('msgid ""\nmsgstr ""\n\nmsgctxt "x"\nmsgid "b"\nmsgstr "a dog"\n\nmsgid "a"\nmsgstr "the cat sat"\n', encoding="utf-8")
    report = score_json(["--ref", str(ref), "--input-format", "po", "--metrics", "chrf", str(hyp)], capsys)
    assert report["systems"][0]["scores"][0]["score"] == 100.0


def test_post_edit_counts_match_sacrebleu_ter(root, capsys) -> None:
    from sacrebleu.metrics import TER

    corpus = root / "corpora/sco-summit-2022"
    assert main(["score", "-f", "json", "--post-edit", str(corpus / "rev.en.txt"), str(corpus / "mt.en.txt")]) == 0
    report = json.loads(capsys.readouterr().out)["post_edits"][0]
    read = lambda p: [line.rstrip() for line in p.open(encoding="utf-8")]  # noqa: E731
    expected = TER(case_sensitive=True).corpus_score(read(corpus / "mt.en.txt"), [read(corpus / "rev.en.txt")])
    assert report["hter"] == pytest.approx(expected.score, abs=1e-6)
    assert report["edits"]["total"] == expected.num_edits
    assert "case:mixed" in report["signature"] and report["signature"].endswith("|hter:yes")
    assert sum(s["edits"]["total"] for s in report["segments"]) == expected.num_edits


def test_post_edit_case_fix_is_an_edit(tmp_path, capsys) -> None:
    pe = write(tmp_path / "pe.txt", ["The Summit ended."])
    mt = write(tmp_path / "mt.txt", ["the summit ended."])
    assert main(["score", "-f", "json", "--post-edit", pe, mt]) == 0
    segment = json.loads(capsys.readouterr().out)["post_edits"][0]["segments"][0]
    assert segment["edits"]["substitutions"] == 2 and segment["diff"] == "[-the summit-] {+The Summit+} ended."


def test_term_accuracy(tmp_path, capsys, root) -> None:
    source = write(tmp_path / "src.txt", ["Vladimir Poutine est à Pékin.", "Xi Jinping parle.", "Rien."])
    ref = write(tmp_path / "ref.txt", ["Vladimir Putin is in Beijing.", "Xi Jinping speaks.", "Nothing."])
    hyp = write(tmp_path / "hyp.txt", ["Vladimir Poutine is in Beijing.", "Xi speaks.", "Nothing."])
    assert main(["score", "-f", "json", "--metrics", "chrf", "--ref", ref, "--glossary",
                 str(root / "tests/data/glossary.po"), "--source", source, hyp]) == 0
    terms = json.loads(capsys.readouterr().out)["systems"][0]["term_accuracy"]
    assert (terms["occurrences"], terms["matched"]) == (3, 2)
    assert terms["terms"][0] == {"source": "Vladimir Poutine", "target": "Vladimir Putin", "occurrences": 1, "matched": 0}


def test_jobs_give_the_same_statistics(monkeypatch) -> None:
    refs, hyps, _ = random_corpus(900, 13)
    monkeypatch.setattr(M, "CHUNK", 200)  # forked workers inherit the patched chunk size
    for name in ("bleu", "chrf"):
        one = M.score(M.make(name), hyps, [refs], jobs=1)
        two = M.score(M.make(name), hyps, [refs], jobs=2)
        assert one.score == two.score and (one.stats == two.stats).all()


@pytest.mark.parametrize("args,message", [
    (["--bootstrap-samples", "0"], "--bootstrap-samples must be at least 1"),
    (["--segments", "-1"], "--segments must be at least 0"),
])
def test_bad_score_options(tmp_path, capsys, args, message) -> None:
    ref = write(tmp_path / "ref.txt", ["a b c"])
    assert main(["score", "--ref", ref, *args, ref]) == 2
    assert message in capsys.readouterr().err


def test_empty_files_are_refused(tmp_path, capsys) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["score", "--ref", str(empty), str(empty)]) == 2
    assert "no segments to score" in capsys.readouterr().err


def test_score_default_metrics_are_all_metrics() -> None:
    from tqkit.cli.score import ALL_METRICS
    from tqkit.scoring.metrics import METRICS

    assert ALL_METRICS == ",".join(METRICS)
