"""The SPIN classifier's learned layer: write its counts, and choose its settings by
cross-validation inside the tune split.

    .venv/bin/python -m tools.spin_model            write kamlib/models/spin_selling/learned_weights.py
    .venv/bin/python -m tools.spin_model --check    exit 1 when that file is out of date
    .venv/bin/python -m tools.spin_model --cv       5-fold cross-validation on the tune split

The model is trained on the bank's ``tune`` split only (``kamlib.models.spin_selling.classifier.
train_weights``). Cross-validation folds group a question's English and Chinese text by id, and
never read the held-out split. The rules were written while reading the older tune questions, so
on them the rules look better than they are; ``--cv`` also reports the folds' questions that are
newer than the rules (``--fresh-from``, the first id number the rules never saw).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

from kamlib.data.spin_selling import load_spin_questions
from kamlib.models.spin_selling import classifier as spin

TARGET = Path(spin.__file__).with_name("learned_weights.py")
HEADER = '''"""Weights of the SPIN classifier's learned layer (generated; do not edit).

Written by ``python -m tools.spin_model`` from the ``tune`` split of
kamlib/data/spin_selling_questions.csv (``classifier.train_weights``): ``SPIN_LEARNED_WEIGHTS[feature]`` is
(S, P, I, N), a multinomial logistic regression's weights centred on their mean (to look at:
import it from this module, it is no top-level name of kamlib; the classifier reads them itself). Features:
English word unigrams and bigrams (light suffix stripping, "<s>" the start, "<n>" a number),
Chinese characters, character bigrams and trigrams, "rule: ..." the names of the rule cues and frames that
fired, and "<bias>". ``tests/models/test_spin_selling.py`` fails when this file is out of date.
"""

# ruff: noqa: E501

__all__ = ["SPIN_LEARNED_WEIGHTS"]
'''


def render(weights: dict) -> str:
    """The module's text: one line per feature, "feature<TAB>S<TAB>P<TAB>I<TAB>N", in one string that
    is parsed on import (a string compiles in milliseconds; a 6,000-entry dict literal does not)."""
    for feature in weights:
        if any(ch in feature for ch in '\t\n\\"'):
            raise ValueError(f"feature {feature!r} cannot be written: it holds a tab, newline, backslash or quote")
    lines = [HEADER, '_TABLE = """\\']
    lines += ["\t".join([feature, *(repr(x) for x in w)]) for feature, w in weights.items()]
    lines += ['"""', "",
              "SPIN_LEARNED_WEIGHTS = {",
              "    name: tuple(float(x) for x in values)",
              "    for name, *values in (line.split(\"\\t\") for line in _TABLE.splitlines())",
              "}", ""]
    return "\n".join(lines)


def id_number(question) -> int:
    return int(re.sub(r"\D", "", question.id) or 0)


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    f1s = []
    for t in spin.SPIN_TYPES:
        tp = sum(g == p == t for g, p in pairs)
        fp = sum(p == t != g for g, p in pairs)
        fn = sum(g == t != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def cross_validate(questions, folds=5, scale=None, min_count=None, rule_features=True, epochs=None, l2=None,
                   fresh_from=10**9, rules_only=False, model_only=False) -> dict:
    """{(part, language): [(gold, predicted), ...]} over ``folds`` folds of ``questions`` (by id)."""
    saved = spin._RULE_FEATURES
    spin._RULE_FEATURES = rule_features
    try:
        ordered = sorted(questions, key=lambda q: q.id)
        result: dict = {}
        for k in range(folds):
            test = [q for i, q in enumerate(ordered) if i % folds == k]
            model = None
            if not rules_only:
                weights = spin.train_weights([q for i, q in enumerate(ordered) if i % folds != k], min_count,
                                             epochs, None, l2)
                model = spin._Model(weights, 1000.0 if model_only else (scale or spin._LEARNED_WEIGHT))
            for q in test:
                for language in ("en", "zh"):
                    text = q.text(language)
                    if not text:
                        continue
                    predicted = spin._classify(text.strip(), model).type
                    part = "fresh" if id_number(q) >= fresh_from else "older"
                    for key in ((part, language), ("all", language)):
                        result.setdefault(key, []).append((q.type, predicted))
        return result
    finally:
        spin._RULE_FEATURES = saved


def summary(result: dict) -> str:
    out = []
    for key in sorted(result):
        pairs = result[key]
        accuracy = sum(g == p for g, p in pairs) / len(pairs)
        out.append(f"{key[0]} {key[1]} n={len(pairs)} acc {accuracy:.1%} mF1 {macro_f1(pairs):.3f}")
    return "; ".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--grid", action="store_true", help="with --cv: try a grid of settings")
    parser.add_argument("--fresh-from", type=int, default=201)
    args = parser.parse_args(argv)
    tune = load_spin_questions("tune")
    if args.cv:
        print("rules only:", summary(cross_validate(tune, rules_only=True, fresh_from=args.fresh_from)))
        print("model only:", summary(cross_validate(tune, model_only=True, fresh_from=args.fresh_from)))
        settings = [(spin._LEARNED_WEIGHT, spin._MIN_COUNT, spin._RULE_FEATURES, spin._EPOCHS, spin._L2)]
        if args.grid:
            settings = list(itertools.product((1.0, 1.5, 2.0, 3.0), (2,), (True, False), (15,), (1e-4,)))
        for scale, min_count, rule_features, epochs, l2 in settings:
            result = cross_validate(tune, scale=scale, min_count=min_count, rule_features=rule_features,
                                    epochs=epochs, l2=l2, fresh_from=args.fresh_from)
            print(f"scale {scale} min_count {min_count} rule_features {rule_features} epochs {epochs} l2 {l2}:",
                  summary(result), flush=True)
        return 0
    text = render(spin.train_weights(tune))
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python -m tools.spin_model", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text):,} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
