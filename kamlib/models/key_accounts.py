"""What is a key account? Selecting and scoring accounts (DOMAIN.md M2).

Weighted factor scoring after McDonald's directional policy matrix: weights total
100, each factor is scored 0-10, and an axis score is the weighted sum / 100, so it
is on the same 0-10 scale. The two axes, account attractiveness and the seller's
relative strength, place each account in a cell named after Millman & Wilson (1995).

Scores are judgements the team agrees on. In the running case three of them follow the
account's numbers by a published rule (:data:`SCORE_BANDS`, :func:`banded_scores`): the
size of purchase budget from the wallet (all the lubricant the account buys, t/yr),
growth potential from 3-year potential / current volume, profitability from the gross
margin. Prestige and the strength factors stay judgements.

Volumes are tonnes per year (t/yr); margins and shares are percentages.

>>> weighted_score({"budget": 8, "growth": 6}, {"budget": 50, "growth": 50})
7.0
>>> matrix_cell(8.0, 7.5)
'Invest for growth'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real

from kamlib.models import arguments as check

__all__ = [
    "ATTRACTIVENESS_FACTORS",
    "STRENGTH_FACTORS",
    "DEFAULT_ATTRACTIVENESS_WEIGHTS",
    "DEFAULT_STRENGTH_WEIGHTS",
    "STAGES",
    "SERVED",
    "SCORE_BANDS",
    "CELLS",
    "LOW_BELOW",
    "HIGH_FROM",
    "Account",
    "AccountScore",
    "weighted_score",
    "normalise_weights",
    "sector_volumes",
    "band",
    "matrix_cell",
    "banded_scores",
    "score_accounts",
    "shortlist",
    "rank_accounts",
    "abc_classes",
    "account_table",
]

ATTRACTIVENESS_FACTORS = ("budget", "growth", "prestige", "profitability")
STRENGTH_FACTORS = ("product_range", "support", "pricing", "reputation", "reliability", "technical")
DEFAULT_ATTRACTIVENESS_WEIGHTS = {"budget": 30, "growth": 30, "prestige": 10, "profitability": 30}
DEFAULT_STRENGTH_WEIGHTS = {
    "product_range": 15,
    "support": 25,
    "pricing": 15,
    "reputation": 10,
    "reliability": 20,
    "technical": 15,
}
STAGES = ("pre", "early", "mid", "partnership", "synergistic", "uncoupling")
SERVED = ("direct", "distributor")

#: The running case's scoring rule for the three attractiveness factors that follow from
#: an account's numbers (prestige, and every strength factor, stay the team's judgement).
#: A factor scores one point for each threshold its measure reaches, so 0 to 10.
SCORE_BANDS = {
    # size of purchase budget: the wallet, wallet_t = volume_t / share of wallet (t/yr)
    "budget": (10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000),
    # growth potential: potential_3y_t / volume_t (1.5 = half as much again in 3 years)
    "growth": (1.05, 1.1, 1.2, 1.3, 1.5, 1.75, 2, 2.5, 3, 4),
    # profitability: gross_margin_pct (%)
    "profitability": (12, 15, 18, 21, 24, 27, 30, 33, 36, 39),
}

# The course's reading of Millman & Wilson's five cells on a 3 x 3 grid of
# (attractiveness band, strength band): high attractiveness earns investment,
# low attractiveness is harvested or left, the diagonal is a judgement call.
LOW_BELOW = 4.0
HIGH_FROM = 7.0
CELLS = ("Invest for growth", "Invest selectively", "Maintain", "Manage for cash", "Withdraw")
_GRID = {
    ("high", "high"): "Invest for growth",
    ("high", "medium"): "Invest for growth",
    ("high", "low"): "Invest selectively",
    ("medium", "high"): "Maintain",
    ("medium", "medium"): "Invest selectively",
    ("medium", "low"): "Withdraw",
    ("low", "high"): "Manage for cash",
    ("low", "medium"): "Manage for cash",
    ("low", "low"): "Withdraw",
}


@dataclass(frozen=True)
class Account:
    """One customer account of the running case.

    ``served`` is how our oil reaches it: ``'direct'`` (our key-account team delivers)
    or ``'distributor'`` (a distributor or dealer delivers; we still manage the
    account). ``volume_t`` is what the account buys from us now (t/yr);
    ``potential_3y_t`` the annual volume available to us in three years (t/yr).
    """

    id: str
    name: str
    name_zh: str
    sector: str
    region: str
    served: str
    volume_t: float
    potential_3y_t: float
    gross_margin_pct: float
    share_of_wallet_pct: float
    stage: str
    products: tuple[str, ...]
    attractiveness: Mapping[str, float] = field(repr=False)
    strength: Mapping[str, float] = field(repr=False)

    @property
    def wallet_t(self) -> float:
        """The account's wallet: all the lubricant it buys, from us and from others (t/yr),
        ``volume_t / (share_of_wallet_pct / 100)``."""
        if not self.share_of_wallet_pct > 0:
            raise ValueError(
                f"{self.id}: share_of_wallet_pct is {self.share_of_wallet_pct:g}, so its wallet "
                "cannot be worked out from what it buys from us"
            )
        return self.volume_t / (self.share_of_wallet_pct / 100)


@dataclass(frozen=True)
class AccountScore:
    """An account placed on the selection matrix."""

    id: str
    attractiveness: float
    strength: float
    cell: str


def check_factor_map(name: str, values: object, factors: Sequence[str] | None) -> dict:
    """``values`` as a dict of factor -> number (exactly ``factors`` when given); the
    TypeError or ValueError names ``name``."""
    if not isinstance(values, Mapping) or not values:
        raise TypeError(f"{name} must be a non-empty dict of factor -> number, got {values!r}")
    if factors is not None and set(values) != set(factors):
        raise ValueError(
            f"{name} must have exactly the factors {', '.join(factors)}; got {', '.join(map(str, values))}"
        )
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(value):
            raise TypeError(f"{name}[{key!r}] must be a number, got {value!r}")
    return dict(values)


def _check_weights(weights: object, factors: Sequence[str] | None = None, name="weights") -> dict:
    weights = check_factor_map(name, weights, factors)
    negative = {k: v for k, v in weights.items() if v < 0}
    if negative:
        raise ValueError(f"{name} must be >= 0, got {negative}")
    total = sum(weights.values())
    if not math.isclose(total, 100, abs_tol=1e-9):
        listed = ", ".join(f"{k}={v:g}" for k, v in weights.items())
        raise ValueError(f"{name} must sum to 100, got {total:g} ({listed})")
    return weights


def weighted_score(
    scores: Mapping[str, float], weights: Mapping[str, float]
) -> float:
    """Weighted factor score on the 0-10 scale: sum(weight x score) / 100.

    Parameters
    ----------
    scores : dict
        Factor -> score from 0 to 10.
    weights : dict
        Factor -> weight; the same factors as ``scores``, summing to 100.

    Examples
    --------
    >>> weighted_score({"budget": 9, "growth": 4, "prestige": 5, "profitability": 6},
    ...                {"budget": 30, "growth": 30, "prestige": 10, "profitability": 30})
    6.2
    >>> weighted_score({"budget": 9}, {"budget": 90})
    Traceback (most recent call last):
    ...
    ValueError: weights must sum to 100, got 90 (budget=90)
    """
    weights = _check_weights(weights)
    scores = check_factor_map("scores", scores, tuple(weights))
    out_of_range = {k: v for k, v in scores.items() if not 0 <= v <= 10}
    if out_of_range:
        raise ValueError(f"scores must be from 0 to 10, got {out_of_range}")
    return round(sum(weights[k] * scores[k] for k in weights) / 100, 10)


def normalise_weights(importance: Mapping[str, float]) -> dict[str, int]:
    """Turn relative importance (any numbers >= 0, not all 0) into whole-number
    weights that sum to exactly 100 (largest-remainder rounding; ties by order).

    Examples
    --------
    >>> normalise_weights({"budget": 1, "growth": 1, "prestige": 1})
    {'budget': 34, 'growth': 33, 'prestige': 33}
    >>> normalise_weights({"budget": 0, "growth": 0})
    Traceback (most recent call last):
    ...
    ValueError: importance must not be all zero, got {'budget': 0, 'growth': 0}
    """
    importance = check_factor_map("importance", importance, None)
    if any(v < 0 for v in importance.values()):
        raise ValueError(f"importance must be >= 0 for every factor, got {importance}")
    total = sum(importance.values())
    if total == 0:
        raise ValueError(f"importance must not be all zero, got {importance}")
    exact = {k: 100 * v / total for k, v in importance.items()}
    weights = {k: math.floor(v) for k, v in exact.items()}
    order = sorted(exact, key=lambda k: -(exact[k] - weights[k]))  # stable: ties keep order
    for key in order[: 100 - sum(weights.values())]:
        weights[key] += 1
    return weights


def banded_scores(account: Account) -> dict[str, int]:
    """The budget, growth and profitability scores an account's numbers earn under
    :data:`SCORE_BANDS`: one point per threshold reached.

    Examples
    --------
    >>> from kamlib.data.key_accounts import load_accounts
    >>> redstone = next(a for a in load_accounts() if a.id == "KA03")
    >>> round(redstone.wallet_t), redstone.potential_3y_t / redstone.volume_t, redstone.gross_margin_pct
    (2600, 1.1025641025641026, 18.5)
    >>> banded_scores(redstone)
    {'budget': 8, 'growth': 2, 'profitability': 3}
    """
    if not isinstance(account, Account):
        raise TypeError(f"account must be an Account, got {type(account).__name__}")
    growth = account.potential_3y_t / account.volume_t if account.volume_t > 0 else math.inf
    measures = {"budget": account.wallet_t, "growth": growth, "profitability": account.gross_margin_pct}
    # a hair of tolerance, so 1.2 reached as 1.1999999999999997 still counts
    return {k: sum(measures[k] >= t * (1 - 1e-12) for t in SCORE_BANDS[k]) for k in SCORE_BANDS}


def band(score: float) -> str:
    """``'low'`` below 4, ``'high'`` from 7, else ``'medium'`` (0-10 scale).

    >>> [band(s) for s in (3.99, 4.0, 6.99, 7.0)]
    ['low', 'medium', 'medium', 'high']
    """
    if isinstance(score, bool) or not isinstance(score, Real) or not 0 <= score <= 10:
        raise ValueError(f"score must be a number from 0 to 10, got {score!r}")
    if score < LOW_BELOW:
        return "low"
    return "high" if score >= HIGH_FROM else "medium"


def matrix_cell(attractiveness: float, strength: float) -> str:
    """The selection-matrix cell for an account's two axis scores (0-10 each).

    Examples
    --------
    >>> matrix_cell(8.0, 3.0)
    'Invest selectively'
    >>> matrix_cell(2.0, 9.0)
    'Manage for cash'
    """
    try:
        return _GRID[band(attractiveness), band(strength)]
    except ValueError as err:
        which = "attractiveness" if not _is_score(attractiveness) else "strength"
        raise ValueError(str(err).replace("score", which, 1)) from None


def _is_score(x: object) -> bool:
    return not isinstance(x, bool) and isinstance(x, Real) and 0 <= x <= 10


def check_accounts(accounts: object) -> list[Account]:
    """``accounts`` as a list of :class:`Account`; TypeError or ValueError naming the argument."""
    if isinstance(accounts, (str, bytes)) or not isinstance(accounts, Iterable):
        raise TypeError(f"accounts must be a list of Account, got {type(accounts).__name__}")
    accounts = list(accounts)
    if not accounts:
        raise ValueError("accounts must not be empty: an empty portfolio has no key accounts")
    for item in accounts:
        if not isinstance(item, Account):
            raise TypeError(f"accounts must hold Account objects, got {type(item).__name__}")
    return accounts


def score_accounts(
    accounts: Iterable[Account],
    attractiveness_weights: Mapping[str, float] = DEFAULT_ATTRACTIVENESS_WEIGHTS,
    strength_weights: Mapping[str, float] = DEFAULT_STRENGTH_WEIGHTS,
) -> list[AccountScore]:
    """Score every account on both axes and place it in its matrix cell.

    Examples
    --------
    >>> from kamlib.data.key_accounts import load_accounts
    >>> scores = score_accounts(load_accounts())
    >>> scores[0].id, 0 <= scores[0].attractiveness <= 10, scores[0].cell in CELLS
    ('KA01', True, True)
    """
    accounts = check_accounts(accounts)
    a_weights = _check_weights(attractiveness_weights, ATTRACTIVENESS_FACTORS, "attractiveness_weights")
    s_weights = _check_weights(strength_weights, STRENGTH_FACTORS, "strength_weights")
    result = []
    for account in accounts:
        a = weighted_score(account.attractiveness, a_weights)
        s = weighted_score(account.strength, s_weights)
        result.append(AccountScore(account.id, a, s, matrix_cell(a, s)))
    return result


def shortlist(
    scores: Iterable[AccountScore],
    cells: Iterable[str] = ("Invest for growth", "Invest selectively"),
    limit: int | None = None,
) -> list[str]:
    """Ids of the accounts in ``cells``, most attractive first (ties by id).

    McDonald advises a short list (15-35 accounts in a large company, a
    practitioner rule); ``limit`` caps its length.

    >>> s = [AccountScore("B", 8.0, 8.0, "Invest for growth"),
    ...      AccountScore("A", 8.0, 3.0, "Invest selectively"),
    ...      AccountScore("C", 2.0, 2.0, "Withdraw")]
    >>> shortlist(s)
    ['A', 'B']
    """
    scores = check.instances(scores, "scores", AccountScore, "AccountScore (from score_accounts)")
    cells = (cells,) if isinstance(cells, str) else tuple(check.items(cells, "cells", "a list of cell names"))
    unknown = [c for c in cells if c not in CELLS]
    if unknown:
        raise ValueError(f"cells must be among {', '.join(CELLS)}; got {check.shown(unknown)}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number >= 1 or None, got {check.shown(limit)}")
    chosen = [s for s in scores if s.cell in cells]
    chosen.sort(key=lambda s: (-s.attractiveness, s.id))
    return [s.id for s in chosen][:limit]


def sector_volumes(accounts: Iterable[Account], served: str | None = None) -> dict[str, float]:
    """Tonnes a year bought per sector, largest first: by all ``accounts``, or only by those
    ``served`` one way (``'direct'`` or ``'distributor'``).

    >>> from kamlib.data.key_accounts import load_accounts
    >>> direct = sector_volumes(load_accounts(), served="direct")
    >>> next(iter(direct)), direct["steel"]
    ('steel', 3150.0)
    >>> sector_volumes(load_accounts(), served="mail")
    Traceback (most recent call last):
    ...
    ValueError: served must be None or one of 'direct', 'distributor'; got 'mail'
    """
    accounts = check_accounts(accounts)
    if served is not None and served not in SERVED:
        raise ValueError(f"served must be None or one of {', '.join(map(repr, SERVED))}; got {served!r}"[:300])
    totals: dict[str, float] = {}
    for a in accounts:
        if served is None or a.served == served:
            totals[a.sector] = totals.get(a.sector, 0.0) + a.volume_t
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def rank_accounts(accounts: Iterable[Account], by: str = "potential_3y_t") -> list[str]:
    """Account ids, largest ``by`` first; ties keep id order (a stable ranking).

    ``by`` is ``'volume_t'`` (current volume) or ``'potential_3y_t'``.
    """
    accounts = check_accounts(accounts)
    if by not in ("volume_t", "potential_3y_t"):
        raise ValueError(f"by must be 'volume_t' or 'potential_3y_t', got {by!r}")
    return [a.id for a in sorted(accounts, key=lambda a: (-getattr(a, by), a.id))]


def abc_classes(
    volumes: Mapping[str, float], a_share: float = 0.80, b_share: float = 0.95
) -> dict[str, str]:
    """Pareto (ABC) classes from each account's volume, largest first.

    An account is class A while the cumulative share *before* it is under
    ``a_share`` (so the account that crosses 80 % is still A), B while under
    ``b_share``, otherwise C. Ties are broken by id, so the result is stable.

    Examples
    --------
    >>> abc_classes({"x": 50, "y": 30, "z": 15, "w": 5})
    {'x': 'A', 'y': 'A', 'z': 'B', 'w': 'C'}
    """
    if not isinstance(volumes, Mapping) or not volumes:
        raise ValueError("volumes must be a non-empty dict of account id -> tonnes")
    for key, value in volumes.items():
        if isinstance(value, bool) or not isinstance(value, Real) or not value >= 0:
            raise ValueError(f"volumes[{key!r}] must be a number >= 0 (tonnes), got {value!r}")
    check.number(a_share, "a_share", 0, 1)
    check.number(b_share, "b_share", 0, 1)
    if not 0 < a_share < b_share <= 1:
        raise ValueError(f"need 0 < a_share < b_share <= 1, got a_share={a_share}, b_share={b_share}")
    total = sum(volumes.values())
    if total == 0:
        raise ValueError("volumes must not all be zero")
    classes, before = {}, 0.0
    for key in sorted(volumes, key=lambda k: (-volumes[k], str(k))):
        share = before / total
        classes[key] = "A" if share < a_share else "B" if share < b_share else "C"
        before += volumes[key]
    return classes


def account_table(accounts: Iterable[Account]) -> dict[str, dict]:
    """Accounts as plain dicts keyed by id, the shape the exercises hand to trainees:
    ``{id: {"name", "sector", "volume_t", "potential_3y_t", "attractiveness", "strength"}}``.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> table = account_table(load_accounts()[:1])
    >>> sorted(table["KA01"])
    ['attractiveness', 'name', 'potential_3y_t', 'sector', 'strength', 'volume_t']
    """
    return {
        a.id: {
            "name": a.name,
            "sector": a.sector,
            "volume_t": a.volume_t,
            "potential_3y_t": a.potential_3y_t,
            "attractiveness": dict(a.attractiveness),
            "strength": dict(a.strength),
        }
        for a in check_accounts(accounts)
    }
