"""kamlib.models.key_accounts: scoring, the matrix, rankings and their bad input."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.data.key_accounts import load_accounts
from kamlib.models.key_accounts import (
    ATTRACTIVENESS_FACTORS,
    CELLS,
    SCORE_BANDS,
    Account,
    AccountScore,
    abc_classes,
    band,
    banded_scores,
    matrix_cell,
    normalise_weights,
    rank_accounts,
    score_accounts,
    shortlist,
    weighted_score,
)

scores_0_10 = st.floats(min_value=0, max_value=10, allow_nan=False)
factor_names = st.lists(st.text("abcdefgh", min_size=1, max_size=6), min_size=1, max_size=6, unique=True)


@st.composite
def factors_with_weights(draw):
    names = draw(factor_names)
    importance = {n: draw(st.integers(0, 10)) for n in names}
    if not any(importance.values()):
        importance[names[0]] = 1
    return {n: draw(scores_0_10) for n in names}, normalise_weights(importance)


def test_weighted_score_is_the_weighted_mean_on_the_0_10_scale():
    assert weighted_score({"a": 10, "b": 0}, {"a": 70, "b": 30}) == 7.0
    assert weighted_score({"a": 4, "b": 8}, {"a": 50, "b": 50}) == 6.0


@given(factors_with_weights())
def test_weighted_score_stays_between_the_lowest_and_highest_score(case):
    scores, weights = case
    result = weighted_score(scores, weights)
    assert 0 <= result <= 10
    used = [scores[k] for k in weights if weights[k] > 0]
    assert min(used) - 1e-9 <= result <= max(used) + 1e-9


@given(st.dictionaries(st.text("xyz", min_size=1, max_size=3), st.floats(0, 1000), min_size=1, max_size=8))
def test_normalised_weights_always_total_100(importance):
    if not any(importance.values()):
        importance[next(iter(importance))] = 1.0
    weights = normalise_weights(importance)
    assert sum(weights.values()) == 100
    assert all(isinstance(v, int) and v >= 0 for v in weights.values())


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ({"a": 5}, {"a": 90}, "weights must sum to 100, got 90 (a=90)"),
        ({"a": 11}, {"a": 100}, "scores must be from 0 to 10, got {'a': 11}"),
        ({"a": -1}, {"a": 100}, "scores must be from 0 to 10"),
        ({"b": 5}, {"a": 100}, "scores must have exactly the factors a; got b"),
        ({"a": 5}, {"a": 110, "b": -10}, "weights must be >= 0"),
    ],
)
def test_weighted_score_bad_input_names_the_argument(scores, weights, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        weighted_score(scores, weights)


def test_weighted_score_rejects_non_numbers_with_type_error():
    with pytest.raises(TypeError, match=r"scores\['a'\] must be a number"):
        weighted_score({"a": "7"}, {"a": 100})
    with pytest.raises(TypeError, match="weights must be a non-empty dict"):
        weighted_score({"a": 7}, [("a", 100)])


@pytest.mark.parametrize(
    ("a", "s", "cell"),
    [(7.0, 7.0, "Invest for growth"), (7.0, 4.0, "Invest for growth"), (7.0, 3.99, "Invest selectively"),
     (4.0, 7.0, "Maintain"), (4.0, 4.0, "Invest selectively"), (6.99, 3.0, "Withdraw"),
     (3.99, 7.0, "Manage for cash"), (0.0, 5.0, "Manage for cash"), (0.0, 0.0, "Withdraw")],
)
def test_matrix_cell_band_edges(a, s, cell):
    assert matrix_cell(a, s) == cell


@given(scores_0_10, scores_0_10)
def test_every_point_has_a_named_cell(a, s):
    assert matrix_cell(a, s) in CELLS


@given(scores_0_10, scores_0_10, scores_0_10)
def test_more_attractiveness_never_means_less_investment(a1, a2, s):
    order = {"Withdraw": 0, "Manage for cash": 1, "Maintain": 1, "Invest selectively": 2, "Invest for growth": 3}
    low, high = sorted((a1, a2))
    if band(low) != band(high):
        assert order[matrix_cell(high, s)] >= order[matrix_cell(low, s)]


def test_matrix_cell_names_the_bad_axis():
    with pytest.raises(ValueError, match="attractiveness must be a number from 0 to 10, got 12"):
        matrix_cell(12, 5)
    with pytest.raises(ValueError, match="strength must be a number from 0 to 10, got -1"):
        matrix_cell(5, -1)


def test_score_accounts_on_the_running_case():
    accounts = load_accounts()
    scored = score_accounts(accounts)
    assert [s.id for s in scored] == [a.id for a in accounts]
    assert all(0 <= s.attractiveness <= 10 and 0 <= s.strength <= 10 for s in scored)
    assert len({s.cell for s in scored}) == len(CELLS), "the running case should use every cell"


def test_score_accounts_bad_input():
    with pytest.raises(ValueError, match="accounts must not be empty"):
        score_accounts([])
    with pytest.raises(TypeError, match="accounts must hold Account objects, got dict"):
        score_accounts([{"id": "x"}])
    with pytest.raises(ValueError, match="attractiveness_weights must have exactly the factors"):
        score_accounts(load_accounts(), {"budget": 100})
    weights = dict.fromkeys(ATTRACTIVENESS_FACTORS, 20)
    with pytest.raises(ValueError, match="attractiveness_weights must sum to 100, got 80"):
        score_accounts(load_accounts(), weights)


def test_shortlist_ranks_by_attractiveness_and_ties_by_id():
    scores = [AccountScore("B", 8, 8, "Invest for growth"), AccountScore("A", 8, 3, "Invest selectively"),
              AccountScore("C", 9, 5, "Invest for growth"), AccountScore("D", 9.5, 9, "Maintain")]
    assert shortlist(scores) == ["C", "A", "B"]
    assert shortlist(scores, limit=2) == ["C", "A"]
    assert shortlist(scores, cells=["Maintain"]) == ["D"]


def test_shortlist_bad_input():
    with pytest.raises(ValueError, match="cells must be among"):
        shortlist([], cells=["Grow"])
    with pytest.raises(ValueError, match="limit must be a whole number >= 1 or None, got 0"):
        shortlist([], limit=0)


@given(st.lists(st.integers(0, 5), min_size=1, max_size=30))
def test_ranking_is_stable_under_ties(values):
    volumes = {f"K{i:02d}": float(v) for i, v in enumerate(values)}
    ranked = sorted(volumes, key=lambda k: (-volumes[k], k))
    classes = abc_classes({k: v for k, v in volumes.items()} if any(values) else {"K00": 1.0})
    if any(values):
        # equal volumes keep id order, and a class never improves further down the ranking
        letters = [classes[k] for k in ranked]
        assert letters == sorted(letters)
        reordered = dict(reversed(list(volumes.items())))
        assert abc_classes(reordered) == classes


def test_rank_accounts_by_volume_and_by_potential_differ():
    accounts = load_accounts()
    assert rank_accounts(accounts, "volume_t") != rank_accounts(accounts, "potential_3y_t")
    with pytest.raises(ValueError, match="by must be 'volume_t' or 'potential_3y_t', got 'margin'"):
        rank_accounts(accounts, "margin")


def test_abc_classes_crossing_account_is_still_a():
    assert abc_classes({"x": 70, "y": 20, "z": 6, "w": 4}) == {"x": "A", "y": "A", "z": "B", "w": "C"}


@pytest.mark.parametrize(
    ("volumes", "message"),
    [({}, "volumes must be a non-empty dict"), ({"x": -1}, r"volumes\['x'\] must be a number >= 0"),
     ({"x": math.nan}, r"volumes\['x'\] must be a number >= 0"), ({"x": 0, "y": 0}, "must not all be zero")],
)
def test_abc_classes_bad_input(volumes, message):
    with pytest.raises(ValueError, match=message):
        abc_classes(volumes)


def _account(volume_t=100.0, share=50.0, potential=150.0, margin=24.0):
    return Account("T1", "Test", "测试", "steel", "north", "direct", volume_t, potential, margin, share, "mid",
                   ("rolling",), dict.fromkeys(ATTRACTIVENESS_FACTORS, 5), {})


def test_banded_scores_count_the_thresholds_reached():
    a = _account(volume_t=100, share=50, potential=150, margin=24)  # wallet 200 t, x1.5, 24 %
    assert a.wallet_t == 200
    assert banded_scores(a) == {"budget": 4, "growth": 5, "profitability": 5}
    assert banded_scores(_account(volume_t=5, share=100, potential=5, margin=11.9)) == {
        "budget": 0, "growth": 0, "profitability": 0}
    assert banded_scores(_account(volume_t=6000, share=50, potential=24000, margin=45)) == {
        "budget": 10, "growth": 10, "profitability": 10}
    # a measure exactly on a threshold earns its point, even with float rounding (0.1 * 12 = 1.2000000000000002)
    assert banded_scores(_account(volume_t=10, share=100, potential=12, margin=12))["growth"] == 3


@given(st.floats(1, 1000), st.floats(1, 100), st.floats(0, 1000), st.floats(0, 100))
def test_banded_scores_stay_0_10_and_rise_with_the_wallet(volume, share, potential, margin):
    low = banded_scores(_account(volume, share, potential, margin))
    high = banded_scores(_account(volume * 2, share, potential * 2, margin))
    assert all(0 <= v <= 10 for v in low.values()) and set(low) == set(SCORE_BANDS)
    assert high["budget"] >= low["budget"] and high["growth"] == low["growth"]


def test_banded_scores_bad_input():
    with pytest.raises(TypeError, match="account must be an Account, got dict"):
        banded_scores({"volume_t": 5})
    with pytest.raises(ValueError, match="T1: share_of_wallet_pct is 0, so its wallet cannot be worked out"):
        banded_scores(_account(share=0))


def test_sector_volumes_sum_each_sector_and_filter_by_how_it_is_served():
    from kamlib.models.key_accounts import sector_volumes

    accounts = load_accounts()
    everything, direct = sector_volumes(accounts), sector_volumes(accounts, served="direct")
    assert sum(everything.values()) == pytest.approx(sum(a.volume_t for a in accounts))
    assert list(everything.values()) == sorted(everything.values(), reverse=True)
    steel = [a for a in accounts if a.sector == "steel" and a.served == "direct"]
    assert direct["steel"] == pytest.approx(sum(a.volume_t for a in steel)) and len(steel) >= 2
    assert all(direct.get(s, 0) <= t for s, t in everything.items())
    assert direct != everything
    with pytest.raises(ValueError, match="^served must be None or one of 'direct', 'distributor'"):
        sector_volumes(accounts, served="Direct")
