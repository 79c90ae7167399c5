"""Bad input never reaches an internal error.

Every public callable among kamlib's top-level names (so a new module's functions are
covered as soon as they are exported) is called with bad values for each parameter in
turn, the others valid: a fixed list of the kinds a review used (None, empty and
5,000-character text, negative numbers, NaN, inf, empty and wrong containers, bytes,
unknown names, a non-Axes object, text for numbers) and more drawn by hypothesis.
It may return, or raise ValueError or TypeError whose message names the argument;
a DataError (a ValueError about a data file's content) names the file or record
instead. Anything else (AttributeError, KeyError, ZeroDivisionError ...) fails.

A callable with required parameters needs a valid example in EXAMPLES: a new one
without fails here, asking for it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import math
from functools import cache

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import kamlib  # noqa: E402
from kamlib.data.schema import DataError, data_path  # noqa: E402

LONG = "x" * 5000
BAD = [
    None, "", LONG, -1, -2.5, math.nan, math.inf, -math.inf, {}, [], {"key": "value"}, ["item", 2],
    b"bytes", "no_such_name", object(), "12", True,
]
BAD_IDS = ["None", "empty", "long", "neg1", "neg2.5", "nan", "inf", "-inf", "dict0", "list0", "dict", "list",
           "bytes", "unknown", "object", "str12", "True"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.text(max_size=40), st.integers(-10**9, 10**9),
    st.floats(allow_nan=True, allow_infinity=True), st.binary(max_size=10),
    st.sampled_from(["S,D,50%", "S,D,1\nD,S,1", "key_account", "cement_open_gear", "harbourlight", "en", "zh",
                     "?", "How much?", "KA01", "Invest for growth"]),
)
ANYTHING = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner, inner),
                            st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=8,
)


# --- valid examples -------------------------------------------------------------------------


@cache
def _accounts():
    return tuple(kamlib.load_accounts()[:8])


@cache
def _scenario():
    return kamlib.load_scenario("cement_open_gear")


def _call():
    return kamlib.RolePlayCall(_scenario(), "en")


def _map():
    return kamlib.load_channel_map("running_case")


@cache
def _report():
    return kamlib.evaluate_classifier(kamlib.load_spin_questions())


def _debrief():
    call = _call()
    call.play(["How many kilns run?", "Are you happy with your grease consumption?"])
    return call.debrief()


def _scenario_yaml():
    import yaml

    return yaml.safe_load(data_path("spin_selling_scenarios/cement_open_gear.yaml").read_text(encoding="utf-8"))


# name -> () -> {parameter: valid value}, for the required parameters (and `ax`, so
# plots draw on a throw-away Figure instead of pyplot's)
EXAMPLES = {
    "RolePlayCall": lambda: {"scenario": _scenario()},
    "Text": lambda: {"en": "leverage point"},
    "abc_classes": lambda: {"volumes": {"a": 50, "b": 30, "c": 20}},
    "account_table": lambda: {"accounts": _accounts()},
    "band": lambda: {"score": 5.0},
    "banded_scores": lambda: {"account": _accounts()[0]},
    "build_channel_map": lambda: {"edges": [("S", "D", 0.5), ("D", "Steel", 1.0)]},
    "channel_map_figsize": lambda: {"layout": kamlib.channel_map_layout(_map())},
    "channel_map_layout": lambda: {"g": _map()},
    "channel_map_problems": lambda: {"g": _map()},
    "channel_map_takeaway": lambda: {"g": _map()},
    "channel_volumes": lambda: {"g": _map()},
    "classify_question": lambda: {"text": "How many trucks run?"},
    "classify_questions": lambda: {"texts": ["How many trucks run?", "Any problems?"]},
    "compare_maps": lambda: {"expected": _map(), "got": _map()},
    "edge_table": lambda: {"g": _map()},
    "edge_text": lambda: {"g": _map()},
    "edge_volumes": lambda: {"g": _map()},
    "evaluate_classifier": lambda: {"questions": kamlib.load_spin_questions()},
    "fab_label": lambda: {"statement": "Our grease is synthetic."},
    "first_fill_share": lambda: {"g": _map()},
    "inflows": lambda: {"g": _map()},
    "influencers": lambda: {"g": _map()},
    "is_question": lambda: {"text": "How many trucks run?"},
    "label": lambda: {"key": "key_account"},
    "leverage_point": lambda: {"g": _map()},
    "load_channel_map": lambda: {"name": "lecture"},
    "load_scenario": lambda: {"name_or_path": "cement_open_gear"},
    "matrix_cell": lambda: {"attractiveness": 8.0, "strength": 3.0},
    "need_label": lambda: {"text": "We need a longer drain interval."},
    "node_label": lambda: {"g": _map(), "node": "harbourlight"},
    "normalise_weights": lambda: {"importance": {"a": 1, "b": 2}},
    "parse_edge_text": lambda: {"text": "S,D,50%\nD,Steel,1"},
    "plot_channel_map": lambda: {"g": _map()},
    "plot_confusion": lambda: {"report": _report()},
    "plot_inflows": lambda: {"g": _map()},
    "plot_pareto": lambda: {"accounts": _accounts()},
    "plot_question_mix": lambda: {"debrief": _debrief()},
    "plot_segment_channels": lambda: {"g": _map()},
    "plot_selection_matrix": lambda: {"scores": kamlib.score_accounts(_accounts())},
    "question_language": lambda: {"text": "多少台？"},
    "rank_accounts": lambda: {"accounts": _accounts()},
    "read_accounts": lambda: {"path": data_path("key_accounts.csv")},
    "read_call_transcript": lambda: {"path": data_path("spin_selling_bad_example.yaml")},
    "read_channel_maps": lambda: {"path": data_path("channel_maps.yaml")},
    "read_scenario": lambda: {"raw": _scenario_yaml()},
    "read_spin_questions": lambda: {"path": data_path("spin_selling_questions.csv")},
    "read_spin_statements": lambda: {"path": data_path("spin_selling_statements.yaml")},
    "render_channel_maps": lambda: {"edges": "S,D,50%\nD,Steel,1", "draw": False},
    "render_key_accounts": lambda: {"accounts": _accounts(), "attractiveness_importance": {"budget": 1, "growth": 1,
                                    "prestige": 1, "profitability": 1}, "strength_importance": dict.fromkeys(
                                    ("product_range", "support", "pricing", "reputation", "reliability",
                                     "technical"), 1), "draw": False},
    "render_spin_selling": lambda: {"call": _call()},
    "render_spin_selling_classifier": lambda: {"text": "Any problems?"},
    "route_volumes": lambda: {"g": _map()},
    "scenario_path": lambda: {"name_or_path": "cement_open_gear"},
    "score_accounts": lambda: {"accounts": _accounts()},
    "segment_channel_volumes": lambda: {"g": _map()},
    "segment_volumes": lambda: {"g": _map()},
    "set_language": lambda: {"language": "en"},
    "sector_volumes": lambda: {"accounts": _accounts()},
    "shortlist": lambda: {"scores": kamlib.score_accounts(_accounts())},
    "supplied_volume": lambda: {"g": _map()},
    "table": lambda: {"rows": [{"stage": "pre-KAM", "accounts": 7}]},
    "top_routes": lambda: {"g": _map()},
    "using_language": lambda: {"language": "en"},
    "validate_channel_map": lambda: {"g": _map()},
    "weighted_score": lambda: {"scores": {"budget": 9, "growth": 4}, "weights": {"budget": 50, "growth": 50}},
}
# parameters left alone: they are not input (a widget's canvas is built by its explorer)
SKIP = {("render_key_accounts", "canvas"), ("render_welcome", "canvas")}


def _topic_examples() -> None:
    """A new topic adds its valid examples in tests/bad_input/<stem>.py (EXAMPLES, SKIP),
    so modules written side by side never edit the same dictionary."""
    import importlib.util
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "bad_input").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"bad_input_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        clash = set(EXAMPLES) & set(getattr(module, "EXAMPLES", {}))
        if clash:
            raise ValueError(f"{path.name}: examples already given elsewhere for {sorted(clash)}")
        EXAMPLES.update(getattr(module, "EXAMPLES", {}))
        SKIP.update(getattr(module, "SKIP", set()))


_topic_examples()


def _validates(cls) -> bool:
    """A class whose constructor checks its input (records without checks are data)."""
    if dataclasses.is_dataclass(cls):
        return hasattr(cls, "__post_init__")
    return "__init__" in vars(cls)


def public_callables() -> list[tuple[str, object]]:
    found = []
    for name in dir(kamlib):
        value = getattr(kamlib, name)
        if inspect.isfunction(value) or (inspect.isclass(value) and _validates(value)):
            found.append((name, value))
    return found


def parameters(function) -> list[str]:
    return [p.name for p in inspect.signature(function).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def cases() -> list:
    found = []
    for name, function in public_callables():
        for parameter in parameters(function):
            if (name, parameter) not in SKIP:
                found.append(pytest.param(name, parameter, id=f"{name}-{parameter}"))
    return found


def call_with(name: str, parameter: str, value):
    """Call kamlib.<name> with ``value`` for ``parameter``; None, or what went wrong."""
    function = getattr(kamlib, name)
    kwargs = EXAMPLES.get(name, dict)()
    kwargs[parameter] = value
    try:
        result = function(**kwargs)
        if isinstance(result, contextlib.ContextDecorator):  # using_language: checked on entry
            with result:
                pass
    except DataError as err:
        if ":" not in str(err):
            return f"DataError without saying where: {err}"
    except (ValueError, TypeError) as err:
        if parameter not in str(err):
            return f"{type(err).__name__} does not name {parameter!r}: {str(err)[:300]}"
    except Exception as err:  # noqa: BLE001 - that is what this test looks for
        return f"internal {type(err).__name__}: {str(err)[:300]}"
    finally:
        kamlib.set_language("en")
        plt.close("all")
    return None


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_every_callable_with_required_parameters_has_an_example():
    missing = []
    for name, function in public_callables():
        required = [p.name for p in inspect.signature(function).parameters.values()
                    if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if required and (name not in EXAMPLES or set(required) - set(EXAMPLES[name]())):
            missing.append(f"{name}({', '.join(required)})")
    assert not missing, f"add valid arguments to EXAMPLES in {__file__} for: {missing}"


def test_the_examples_are_valid():
    for name, example in EXAMPLES.items():
        function = getattr(kamlib, name)
        result = function(**example())
        if isinstance(result, contextlib.ContextDecorator):
            with result:
                pass
        plt.close("all")
    assert len(public_callables()) >= 70


@pytest.mark.parametrize(("name", "parameter"), cases())
def test_bad_values_get_a_clear_error(name, parameter):
    problems = [f"{label}: {problem}" for label, value in zip(BAD_IDS, BAD, strict=True)
                if (problem := call_with(name, parameter, value))]
    assert not problems, f"{name}({parameter}=...):\n" + "\n".join(problems)


@pytest.mark.slow  # ~3,500 random calls; test-fast keeps the fixed kinds above
@pytest.mark.parametrize(("name", "parameter"), cases())
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=ANYTHING)
def test_anything_gets_a_clear_error(name, parameter, value):
    problem = call_with(name, parameter, value)
    assert problem is None, f"{name}({parameter}={value!r:.80}): {problem}"


def test_the_test_catches_an_internal_error_and_a_message_that_names_nothing(monkeypatch):
    """The check itself fails on what the review found: an AttributeError from a plot given
    a non-Axes, and a ValueError that does not say which argument is wrong."""
    def plot_broken(scores, ax=None):
        return ax.scatter([s.strength for s in scores], [])

    def weigh(x):
        raise ValueError("must sum to 100")

    for name, function, example in (("plot_broken", plot_broken, {"scores": []}), ("weigh", weigh, {"x": 1})):
        monkeypatch.setattr(kamlib, name, function, raising=False)
        monkeypatch.setitem(EXAMPLES, name, lambda example=example: dict(example))
    assert call_with("plot_broken", "ax", "not an axes").startswith("internal AttributeError")
    assert call_with("weigh", "x", 2) == "ValueError does not name 'x': must sum to 100"
    assert call_with("label", "key", None) is None  # label(None): a TypeError naming 'key'
