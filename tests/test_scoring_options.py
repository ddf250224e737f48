"""sacrebleu's metric options on `tqkit score`: the same numbers and the same signatures as its API."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from tqkit.cli import main
from tqkit.scoring import metrics as M
from tqkit.scoring import ngrams

WORDS = ("the a of summit Putin Xi met Talks in on and to Russia China said . , ( ) - \" ' "
         "l'été déjà Über straße 北京 会谈 普京 和 习近平 。 、 😀 e\u0301").split()


def corpus(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    sent = lambda: " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 16)))  # noqa: E731
    ref = [sent() for _ in range(n)]
    ref2 = [r if rng.random() < 0.3 else sent() for r in ref]
    hyp = [r if rng.random() < 0.3 else sent() for r in ref]
    return hyp, ref, ref2


def write(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


OPTIONS = [  # (metric, tqkit arguments, sacrebleu's constructor arguments)
    ("bleu", [], {}),
    ("bleu", ["-tok", "none"], {"tokenize": "none"}),
    ("bleu", ["--tokenize", "intl"], {"tokenize": "intl"}),
    ("bleu", ["-tok", "char"], {"tokenize": "char"}),
    ("bleu", ["-tok", "zh"], {"tokenize": "zh"}),
    ("bleu", ["-l", "en-zh"], {"trg_lang": "zh"}),
    ("bleu", ["-lc"], {"lowercase": True}),
    ("bleu", ["-s", "floor", "-sv", "0.2"], {"smooth_method": "floor", "smooth_value": 0.2}),
    ("bleu", ["--smooth-method", "add-k"], {"smooth_method": "add-k"}),
    ("bleu", ["-s", "none"], {"smooth_method": "none"}),
    ("bleu", ["--effective-order"], {"effective_order": True}),
    ("bleu", ["--max-ngram-order", "6"], {"max_ngram_order": 6}),
    ("chrf", ["-cc", "4", "-cw", "1"], {"char_order": 4, "word_order": 1}),
    ("chrf", ["--chrf-beta", "1"], {"beta": 1}),
    ("chrf", ["--chrf-whitespace"], {"whitespace": True}),
    ("chrf", ["--chrf-lowercase"], {"lowercase": True}),
    ("chrf", ["--chrf-eps-smoothing"], {"eps_smoothing": True}),
    ("chrf++", [], {"word_order": 2}),
    ("ter", [], {}),
    ("ter", ["--ter-case-sensitive"], {"case_sensitive": True}),
    ("ter", ["--ter-normalized"], {"normalized": True}),
    ("ter", ["--ter-no-punct"], {"no_punct": True}),
    ("ter", ["--ter-asian-support", "--ter-normalized"], {"asian_support": True, "normalized": True}),
]
CLASSES = {"bleu": BLEU, "chrf": CHRF, "chrf++": CHRF, "ter": TER}


@pytest.mark.parametrize("metric,args,kwargs", OPTIONS, ids=[f"{m}{''.join(a)}" for m, a, _ in OPTIONS])
def test_options_give_sacrebleus_score_and_signature(metric, args, kwargs, tmp_path, capsys) -> None:
    hyp, ref, ref2 = corpus(40, 1)
    files = [write(tmp_path / f"{n}.txt", x) for n, x in (("hyp", hyp), ("ref", ref), ("ref2", ref2))]
    assert main(["score", "-q", "-f", "json", "--metrics", metric, *args, "--ref", files[1], "--ref", files[2], files[0]]) == 0
    (score,) = json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    expected_metric = CLASSES[metric](**kwargs)
    expected = expected_metric.corpus_score(hyp, [ref, ref2])
    assert (score["metric"], score["score"]) == (expected.name, expected.score)
    signature = expected_metric.get_signature()
    if kwargs.get("max_ngram_order", 4) != 4:  # sacrebleu's signature leaves it out; tqkit's says it
        signature.update("order", kwargs["max_ngram_order"])
    assert score["signature"] == signature.format()


@pytest.mark.parametrize("name,options,part", [
    ("bleu", {"tokenize": "intl"}, "tok:intl"), ("bleu", {"lowercase": True}, "case:lc"),
    ("bleu", {"smooth_method": "floor"}, "smooth:floor[0.10]"), ("bleu", {"target_language": "zh"}, "tok:zh"),
    ("chrf", {"chrf_whitespace": True}, "space:yes"), ("chrf", {"chrf_eps_smoothing": True}, "eff:no"),
    ("chrf", {"chrf_char_order": 3}, "nc:3"), ("ter", {"ter_case_sensitive": True}, "case:mixed"),
    ("ter", {"ter_no_punct": True}, "punct:no"),
])
def test_signatures_change_as_sacrebleus(name: str, options: dict, part: str) -> None:
    metric, default = M.make(name, M.MetricOptions(**options)), M.make(name)
    metric.num_refs = default.num_refs = 1  # scoring sets it; a signature needs it
    assert part in str(metric.get_signature()) and part not in str(default.get_signature())


def test_num_refs_reads_tab_separated_references(tmp_path, capsys) -> None:
    hyp, ref, ref2 = corpus(30, 2)
    ref2 = [r or "the end" for r in ref2]  # as sacrebleu, tqkit strips a line's trailing tab with its whitespace
    hyp_file = write(tmp_path / "hyp.txt", hyp)
    both = write(tmp_path / "refs.tsv", [f"{a}\t{b}" for a, b in zip(ref, ref2)])
    assert main(["score", "-q", "-f", "json", "--metrics", "bleu,chrf", "-nr", "2", "--ref", both, hyp_file]) == 0
    tabbed = json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    separate = [write(tmp_path / "r1.txt", ref), write(tmp_path / "r2.txt", ref2)]
    assert main(["score", "-q", "-f", "json", "--metrics", "bleu,chrf", "-r", separate[0], "-r", separate[1], hyp_file]) == 0
    assert tabbed == json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    assert "nrefs:2" in tabbed[0]["signature"]


def test_num_refs_names_the_line_with_too_few_fields(tmp_path, capsys) -> None:
    refs = write(tmp_path / "refs.tsv", ["a\tb", "c", "d\te"])
    hyp = write(tmp_path / "hyp.txt", ["a", "c", "d"])
    assert main(["score", "--num-refs", "2", "--ref", refs, hyp]) == 2
    err = capsys.readouterr().err
    assert f"{refs}:2:" in err and "expected 2 tab-separated references, found 1" in err and err.count("\n") == 1


@pytest.mark.parametrize("args,message", [
    (["--tokenize", "moses"], "--tokenize: unknown tokenizer 'moses'"),
    (["-l", "english"], "--language-pair: expected SRC-TGT"),
    (["-s", "mean"], "--smooth-method: unknown value 'mean'"),
    (["--input-format", "docx"], "--input-format: unknown value 'docx'"),
    (["--chrf-char-order", "0", "--metrics", "chrf"], "cannot both be 0"),
    (["--num-refs", "2", "--ref", "REF"], "single --ref file"),
    (["--width", "-1"], "--width must be at least 0"),
])
def test_bad_options_are_one_line_and_exit_2(args, message, tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["a b c"])
    args = [ref if a == "REF" else a for a in args]
    assert main(["score", "--ref", ref, *args, ref]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_tokenizer_whose_library_is_missing_is_a_clear_error(tmp_path, capsys) -> None:
    pytest.importorskip("sacrebleu.tokenizers.tokenizer_ja_mecab")
    from sacrebleu.tokenizers import tokenizer_ja_mecab

    if tokenizer_ja_mecab.MeCab is not None:
        pytest.skip("MeCab is installed")
    ref = write(tmp_path / "ref.txt", ["a b c"])
    for args in (["-l", "en-ja"], ["--tokenize", "ja-mecab"]):
        assert main(["score", "--metrics", "bleu", "--ref", ref, *args, ref]) == 2
        err = capsys.readouterr().err
        assert "'ja-mecab' tokenizer is not available" in err and "pip install sacrebleu[ja]" in err
        assert err.count("\n") == 1


def test_width_sets_the_decimals_of_text_output(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["the cat sat on the mat", "a dog"])
    hyp = write(tmp_path / "hyp.txt", ["the cat sat on a mat", "a dog"])
    for width, pattern in ((1, r" 68\.2  nrefs"), (4, r" 68\.\d{4}  nrefs")):
        assert main(["score", "-q", "--metrics", "chrf", "-w", str(width), "--ref", ref, hyp]) == 0
        assert re.search(pattern, capsys.readouterr().out)


# -- the statistics themselves ---------------------------------------------------------------


HOSTILE = list("aabbcdeé  .,!?'\"()-Ab\t\r\x0b\x1c\x85\u00a0\u2028\u3000\ufeff") + ["e\u0301", "\U0001F600", "中", "文", "ß", "İ"]


def hostile_corpus(rng: random.Random, alphabet: list[str]) -> tuple[list[str], list[list[str]]]:
    sent = lambda: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))  # noqa: E731
    n, refs = rng.randint(1, 25), rng.randint(1, 3)
    hyps = [sent() for _ in range(n)]
    return hyps, [[sent() if rng.random() < 0.8 else hyps[i] for i in range(n)] for _ in range(refs)]


CHRFS = [CHRF(), CHRF(word_order=2), CHRF(whitespace=True, lowercase=True), CHRF(char_order=3, word_order=1, beta=3),
         CHRF(char_order=12, eps_smoothing=True)]
BLEUS = [BLEU(), BLEU(tokenize="none", lowercase=True), BLEU(tokenize="char"), BLEU(tokenize="intl"),
         BLEU(tokenize="zh", max_ngram_order=7)]


@pytest.mark.parametrize("seed", range(6))
def test_statistics_equal_sacrebleus_on_hostile_text(seed: int) -> None:
    rng = random.Random(seed)
    # A few characters, then thousands: the second needs more than one 63-bit sort key per n-gram.
    alphabet = HOSTILE if seed % 2 else HOSTILE + [chr(0x4E00 + i) for i in range(3000)]
    hyps, refs = hostile_corpus(rng, alphabet)
    for metric, extract in [(m, ngrams.chrf_stats) for m in CHRFS] + [(m, ngrams.bleu_stats) for m in BLEUS]:
        expected = np.array(metric._extract_corpus_statistics(hyps, refs), dtype=np.int64).reshape(len(hyps), -1)
        assert (extract(metric, hyps, refs) == expected).all(), str(metric.get_signature())


def test_both_sort_paths_are_taken() -> None:
    few = ngrams._Sorted([(np.array([1, 2, 1]), np.array([3])), (np.array([2]), np.array([1]))], 1, 6)
    many = ngrams._Sorted([(np.array([1, 9000, 1]), np.array([3])), (np.array([2]), np.array([1]))], 1, 6)
    assert not few._fields and many._fields
    for table in (few, many):
        assert table.field(1).tolist() == [1, 1, 2, 2 if table is few else 9000]
