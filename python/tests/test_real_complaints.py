"""classify_complaint on real reviews (tests/complaints/real): the issue 17 figures that are met
stay met, and the rest do not fall back below what was measured (tests/README.md has them all).

Measured on the test half, which nothing was tuned on; the labels were written before kefu
read the texts (tests/complaints/real/LABELLING.md)."""

import importlib.util
import pathlib

import pytest

REAL = pathlib.Path(__file__).resolve().parents[2] / "tests" / "complaints" / "real"


@pytest.fixture(scope="module")
def figures():
    spec = importlib.util.spec_from_file_location("measure", REAL / "measure.py")
    assert spec is not None and spec.loader is not None
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    return measure.measure("test")


def test_the_labels_and_the_corpus_are_whole(figures) -> None:
    assert figures["labelled"] == 340
    assert figures["negative_reviews"] == 4591 and figures["positive_reviews"] == 4104


def test_targets_met_stay_met(figures) -> None:
    assert figures["cause_precision"] >= 0.90
    assert figures["severity_agreement"] >= 0.90
    assert figures["behaviour_agreement"] >= 0.90
    assert figures["positive_serious_or_critical"] <= 0.005


def test_missed_targets_do_not_fall_back(figures) -> None:
    # Below the targets (80%, 20%, 0.1%), at what issue 17 reached: see tests/README.md.
    assert figures["cause_recall"] >= 0.55
    assert figures["negative_without_cue"] <= 0.28
    assert figures["positive_critical"] <= 0.002
