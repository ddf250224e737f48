"""Paired tests: hand-computed randomization p-values, and sacrebleu's numbers behind --sacrebleu-compatible."""

from __future__ import annotations

import itertools
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest
from sacrebleu.significance import PairedTest

from tqkit.cli import main
from tqkit.scoring import metrics as M
from tqkit.scoring import significance as S

TRIALS = 10000


def write(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def compare_json(tmp_path: Path, capsys, ref: list[str], base: list[str], system: list[str], *args: str) -> list[dict]:
    files = [write(tmp_path / f"{name}.txt", lines) for name, lines in (("ref", ref), ("base", base), ("sys", system))]
    assert main(["score", "-q", "-f", "json", "--ref", files[0], "--baseline", files[1], *args, files[2]]) == 0
    return json.loads(capsys.readouterr().out)["systems"][1]["comparison"]


def three_fixes() -> tuple[list[str], list[str], list[str]]:
    """24 segments; the revision fixes three of them, each by the same kind of edit."""
    ref = [f"the committee approved the budget for year {i} after a long debate" for i in range(24)]
    base = [f"committee the approve budget year {i} debate long" if i in (3, 11, 19) else r for i, r in enumerate(ref)]
    return ref, base, list(ref)


def test_three_fixed_segments_of_24_exact_p_is_a_quarter(tmp_path, capsys) -> None:
    # 2^3 = 8 equally likely swaps of the differing segments; only "none" and "all" reach the
    # observed difference, so the exact two-sided p-value is 2/8.
    comparisons = compare_json(tmp_path, capsys, *three_fixes())
    assert [c["metric"] for c in comparisons] == ["BLEU", "chrF2", "chrF2++", "TER"]
    for c in comparisons:
        assert (c["p_randomization"], c["randomization"], c["randomization_trials"], c["differing_segments"]) == \
            (0.25, "exact", 8, 3)
        assert "|bs:1000|ar:exact|seed:12345|" in c["signature"] and "|ties:yes|" in c["signature"]


def test_three_fixed_segments_sacrebleu_compatible_matches_sacrebleu(tmp_path, capsys) -> None:
    # sacrebleu counts trials strictly above the observed difference: none can be, so p = 1/(trials + 1).
    ref, base, system = three_fixes()
    comparisons = compare_json(tmp_path, capsys, ref, base, system, "--sacrebleu-compatible", "--paired-ar",
                               "--metrics", "bleu,chrf,ter", "--paired-ar-n", "2000")
    metrics = {name: M.make(name) for name in ("bleu", "chrf", "ter")}
    signatures, results = PairedTest([("base", base), ("sys", system)], metrics, [ref], test_type="ar", n_samples=2000)()
    for c, name in zip(comparisons, [k for k in results if k != "System"]):
        assert c["p_randomization"] == results[name][1].p_value == 1 / 2001
        assert c["signature"] == signatures[name].format()  # nrefs:1|ar:10000|seed:12345|...
        assert c["randomization"] == "sacrebleu" and "p_bootstrap" not in c


def ter_case(deltas: list[int], same: int) -> tuple[list[str], list[str], list[str]]:
    """Segments of four words where the baseline makes `d` more word substitutions than the
    system (fewer, if d < 0): TER differences are then sums of the signed deltas, by hand."""
    ref, base, system = [], [], []
    for i, d in enumerate(deltas):
        words = [f"w{i}x{j}" for j in range(4)]
        wrong = lambda n: " ".join(words[: 4 - n] + ["zz"] * n)  # noqa: E731
        ref.append(" ".join(words))
        base.append(wrong(max(d, 0)))
        system.append(wrong(max(-d, 0)))
    for i in range(same):
        ref.append(f"same {i} words here")
        base.append(f"same {i} words there")
        system.append(f"same {i} words there")
    return ref, base, system


def test_ter_exact_p_with_mixed_edits(tmp_path, capsys) -> None:
    # Deltas +3, -1, +1 edits: the 8 signed sums have absolute values 5, 3, 3, 1 twice each;
    # the observed |3 - 1 + 1| = 3 is reached or passed by 6 of them.
    (c,) = compare_json(tmp_path, capsys, *ter_case([3, -1, 1], same=21), "--metrics", "ter")
    assert (c["p_randomization"], c["randomization_trials"]) == (0.75, 8)


def test_identical_systems_p_is_one(tmp_path, capsys) -> None:
    ref, base, _ = three_fixes()
    (c,) = compare_json(tmp_path, capsys, ref, base, base, "--metrics", "chrf")
    assert (c["p_randomization"], c["randomization_trials"], c["differing_segments"]) == (1.0, 1, 0)
    (c,) = compare_json(tmp_path, capsys, ref, base, base, "--metrics", "chrf", "--sacrebleu-compatible")
    assert c["p_randomization"] == 1 / (TRIALS + 1)  # sacrebleu's answer for two identical systems


def test_sampled_test_when_more_than_20_segments_differ(tmp_path, capsys) -> None:
    # 30 one-edit deltas, 16 for the system and 14 against it: a trial's difference is a sum of
    # 30 random signs, at least as extreme as the observed 2 unless it is 0: P = 1 - C(30,15)/2^30.
    (c,) = compare_json(tmp_path, capsys, *ter_case([1] * 16 + [-1] * 14, same=10), "--metrics", "ter")
    exact = 1 - math.comb(30, 15) / 2**30
    assert (c["randomization"], c["randomization_trials"], c["differing_segments"]) == ("sampled", TRIALS, 30)
    assert abs(c["p_randomization"] - exact) < 4 * math.sqrt(exact * (1 - exact) / TRIALS)
    assert "|ar:10000|seed:12345|" in c["signature"]


@pytest.mark.parametrize("name", ["bleu", "chrf", "ter"])
def test_exact_test_equals_enumerating_swaps_with_sacrebleu(name: str) -> None:
    """The exact test, against swapping the texts themselves and scoring with sacrebleu's corpus_score."""
    rng = random.Random(3)
    words = "the a summit talks in Beijing said on Putin Xi".split()
    ref = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) for _ in range(14)]
    base = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) for _ in range(14)]
    system = [r if i in (0, 2, 5, 7, 8) else b for i, (r, b) in enumerate(zip(ref, base))]
    metric = M.make(name)
    score = lambda hyps: M.make(name).corpus_score(hyps, [ref]).score  # noqa: E731
    observed = abs(score(base) - score(system))
    differing = [i for i in range(14) if base[i] != system[i]]
    extreme = 0
    for swap in itertools.product((False, True), repeat=len(differing)):
        a, b = list(system), list(base)
        for i, s in zip(differing, swap):
            if s:
                a[i], b[i] = base[i], system[i]
        extreme += abs(score(a) - score(b)) >= observed - S.TOLERANCE * max(1, observed)
    stats = {name: M.segment_stats(metric, base, [ref])}, {name: M.segment_stats(metric, system, [ref])}
    (c,) = S.compare({name: metric}, *stats, S.Tests(0, TRIALS))
    assert (c.randomization, c.randomization_trials) == ("exact", 2 ** len(differing))
    assert c.p_randomization == extreme / 2 ** len(differing)


def random_pair(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    words = "the a of summit Putin Xi met talks in on and to Russia China said . ,".split()
    sent = lambda: " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))  # noqa: E731
    ref = [sent() for _ in range(n)]
    a = [r if rng.random() < 0.3 else sent() for r in ref]
    b = [x if rng.random() < 0.8 else (r if rng.random() < 0.6 else sent()) for x, r in zip(a, ref)]
    return ref, a, b


@pytest.mark.parametrize("seed", ["7", "none"])
def test_sacrebleu_seed_is_honoured(seed: str, tmp_path, capsys, monkeypatch) -> None:
    ref, a, b = random_pair(60, 1)
    monkeypatch.setenv("SACREBLEU_SEED", seed)
    comparisons = compare_json(tmp_path, capsys, ref, a, b, "--metrics", "bleu", "--paired-ar",
                               "--sacrebleu-compatible", "--randomization-trials", "500")
    signatures, results = PairedTest([("a", a), ("b", b)], {"bleu": M.make("bleu")}, [ref], test_type="ar",
                                     n_samples=500)()
    assert comparisons[0]["signature"] == signatures["BLEU"].format()
    if seed != "none":
        assert comparisons[0]["p_randomization"] == results["BLEU"][1].p_value


def test_seed_option_overrides_the_environment(tmp_path, capsys, monkeypatch) -> None:
    ref, a, b = random_pair(60, 2)
    monkeypatch.setenv("SACREBLEU_SEED", "99")
    args = ("--metrics", "chrf", "--paired-bs", "--bootstrap-samples", "300")
    (by_option,) = compare_json(tmp_path, capsys, ref, a, b, *args, "--seed", "5")
    monkeypatch.setenv("SACREBLEU_SEED", "5")
    (by_environment,) = compare_json(tmp_path, capsys, ref, a, b, *args)
    assert by_option == by_environment and "|bs:300|seed:5|" in by_option["signature"]
    assert "p_randomization" not in by_option


def test_bad_seed_is_one_line_and_exit_2(tmp_path, capsys) -> None:
    ref = write(tmp_path / "ref.txt", ["a b"])
    assert main(["score", "--ref", ref, "--seed", "abc", "--baseline", ref, ref]) == 2
    err = capsys.readouterr().err
    assert "--seed" in err and err.count("\n") == 1


def test_paired_flags_take_the_first_system_as_baseline(tmp_path, capsys) -> None:
    ref, a, b = random_pair(40, 4)
    files = [write(tmp_path / f"{n}.txt", x) for n, x in (("ref", ref), ("a", a), ("b", b))]
    assert main(["score", "-q", "-f", "json", "--metrics", "bleu", "--ref", files[0], "--paired-ar", files[1], files[2]]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["baseline"] == files[1] and "comparison" in report["systems"][1]
    assert main(["score", "--ref", files[0], "--paired-bs", files[1]]) == 2
    assert "two systems" in capsys.readouterr().err


def test_fractional_add_k_randomization_matches_sacrebleu() -> None:
    # sacrebleu adds k in place to the integer statistics of its trials, which truncates 0.5 to 0.
    ref, a, b = random_pair(80, 5)
    options = M.MetricOptions(smooth_method="add-k", smooth_value=0.5)
    _, results = PairedTest([("a", a), ("b", b)], {"bleu": M.make("bleu", options)}, [ref], test_type="ar",
                            n_samples=400)()
    metric = M.make("bleu", options)
    stats = {"bleu": M.segment_stats(metric, a, [ref])}, {"bleu": M.segment_stats(metric, b, [ref])}
    (c,) = S.compare({"bleu": metric}, *stats, S.Tests(0, 400, sacrebleu_compatible=True))
    assert c.p_randomization == results["BLEU"][1].p_value


@pytest.mark.parametrize("name", ["bleu", "chrf", "ter"])
def test_confidence_equals_sacrebleu(name: str, tmp_path, capsys) -> None:
    ref, a, _ = random_pair(50, 6)
    files = [write(tmp_path / f"{n}.txt", x) for n, x in (("ref", ref), ("a", a))]
    assert main(["score", "-q", "-f", "json", "--metrics", name, "--confidence", "--confidence-n", "200",
                 "--ref", files[0], files[1]]) == 0
    (score,) = json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    metric = M.make(name)
    expected = metric.corpus_score(a, [ref], n_bootstrap=200)
    assert (score["confidence"]["mean"], score["confidence"]["half_width"]) == (expected._mean, expected._ci)
    assert score["signature"] == metric.get_signature().format()  # ...|bs:200|seed:12345|...


def test_bootstrap_past_float32_precision_sums_as_sacrebleu() -> None:
    """Totals past 2^24 are no longer exact in float32: resamples are then summed as sacrebleu sums them."""
    rng = np.random.default_rng(0)
    stats = rng.integers(0, 3_000_000, size=(40, 10)).astype(np.int64)
    stats[:, 2:6] = np.minimum(stats[:, 2:6], stats[:, 6:])
    (totals,) = next(S._resample_totals([stats], 1, 12345, None, 1))
    draw = np.random.default_rng(12345).choice(40, size=(1, 40), replace=True)[0]
    assert totals.tolist() == np.array(stats, dtype="float32")[draw].sum(0).tolist()


@pytest.mark.parametrize("segments", [1, 24, 96, 97, 100])
def test_sacrebleu_draws_in_blocks_equal_one_draw(segments: int, monkeypatch) -> None:
    monkeypatch.setattr(S, "TRIAL_BLOCK", 7 * segments)  # many blocks, the last one partial
    trials = S._Trials(np.zeros(1), np.zeros(1), np.zeros((1, segments)), np.zeros(1, dtype=np.int64),
                       np.arange(segments), [1], segments)
    blocks = np.vstack(list(S._sacrebleu_swaps(trials, 301, 12345)))
    expected = np.random.default_rng(12345).integers(2, size=(301, segments), dtype=bool)
    assert (blocks == expected).all()


def test_text_and_markdown_say_which_randomization_test_ran(tmp_path, capsys) -> None:
    files = [write(tmp_path / f"{n}.txt", x) for n, x in zip(("ref", "base", "sys"), three_fixes())]
    args = ["score", "-q", "--metrics", "chrf", "--paired-ar", "--ref", files[0], files[1], files[2]]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "p(randomization)=0.2500 (exact, all 2^3 swaps)" in out and "|ar:exact|ties:yes|" not in out
    assert "nrefs:1|ar:exact|case:mixed|" in out  # no seed: nothing random ran
    assert main(args + ["-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "p=0.250)" in out and "approximate randomization p-values (exact, all 2^3 swaps)" in out
