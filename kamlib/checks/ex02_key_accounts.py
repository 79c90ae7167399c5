"""Exercise 02, *What is a key account?*: the questions, declared once.

The exercise works on six accounts of the running case, as plain dicts
(:func:`exercise_table`). Every expected answer is computed by
:mod:`kamlib.models.accounts`; hidden tests use random portfolios.

>>> q1.evaluate(lambda scores, weights: sum(scores.values()) / len(scores)).message
'You took the plain average of the scores; multiply each score by its weight first.'
"""

from __future__ import annotations

import random

from kamlib.checks.framework import Case, Mistake, Question
from kamlib.models import accounts as m

__all__ = ["EXERCISE_IDS", "exercise_table", "ATTRACTIVENESS_WEIGHTS", "STRENGTH_WEIGHTS",
           "scored_table", "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

# rolling mill, cement group, transport fleet, wind-farm operator, beverage plant, coal mine
EXERCISE_IDS = ("KA03", "KA05", "KA22", "KA15", "KA27", "KA07")
ATTRACTIVENESS_WEIGHTS = {"budget": 40, "growth": 30, "prestige": 10, "profitability": 20}
STRENGTH_WEIGHTS = {"product_range": 10, "support": 30, "pricing": 20, "reputation": 10,
                    "reliability": 20, "technical": 10}


def exercise_table() -> dict[str, dict]:
    """The six accounts the exercise uses, as ``{id: {...}}`` plain dicts."""
    from kamlib.data import load_accounts

    chosen = [a for a in load_accounts() if a.id in EXERCISE_IDS]
    return m.account_table(sorted(chosen, key=lambda a: EXERCISE_IDS.index(a.id)))


# --- random portfolios for the hidden tests ------------------------------------------------------

def _random_weights(rng: random.Random, factors) -> dict[str, int]:
    return m.normalise_weights({f: rng.randint(0, 10) or 1 for f in factors})


def _random_scores(rng: random.Random, factors) -> dict[str, float]:
    return {f: rng.choice([rng.randint(0, 10), round(rng.uniform(0, 10), 1)]) for f in factors}


def _random_table(rng: random.Random, size: int) -> dict[str, dict]:
    table = {}
    for i in range(size):
        table[f"T{rng.randint(10, 99)}{i}"] = {
            "name": f"Test account {i}",
            "sector": rng.choice(["steel", "cement", "mining", "food"]),
            "volume_t": float(rng.randrange(0, 900, 5)),
            "potential_3y_t": float(rng.randrange(5, 1200, 5)),
            "attractiveness": _random_scores(rng, m.ATTRACTIVENESS_FACTORS),
            "strength": _random_scores(rng, m.STRENGTH_FACTORS),
        }
    return table


# --- q1: weighted score -------------------------------------------------------------------------

def _q1_cases():
    table = exercise_table()
    return [Case((row["attractiveness"], ATTRACTIVENESS_WEIGHTS), label=f"{key}'s attractiveness")
            for key, row in table.items()]


def _q1_hidden(rng):
    cases = []
    for _ in range(12):
        factors = rng.choice([m.ATTRACTIVENESS_FACTORS, m.STRENGTH_FACTORS])
        cases.append(Case((_random_scores(rng, factors), _random_weights(rng, factors))))
    return cases


q1 = Question(
    id="q1",
    summary="weighted factor score on the 0-10 scale",
    answer_name="weighted_score",
    reference=m.weighted_score,
    cases=_q1_cases,
    hidden_cases=_q1_hidden,
    hints=(
        "Each factor counts by its weight: multiply the score by the weight, for every factor.",
        "Add up weight x score over the factors. The weights total 100, so the sum is on a 0-1000 scale.",
        "Divide the sum by 100 to bring it back to the 0-10 scale of the scores.",
    ),
    mistakes=(
        Mistake("plain mean", "You took the plain average of the scores; multiply each score by its weight first.",
                lambda scores, weights: sum(scores.values()) / len(scores)),
        Mistake("no /100", "Your score is on a 0-1000 scale: divide the weighted sum by 100 (the weights total 100).",
                lambda scores, weights: sum(weights[f] * scores[f] for f in weights)),
        Mistake("/n", "You divided by the number of factors; the weights already total 100, so divide by 100.",
                lambda scores, weights: sum(weights[f] * scores[f] for f in weights) / len(weights)),
    ),
)


# --- q2: matrix cell ------------------------------------------------------------------------------

_Q2_POINTS = [(8.5, 7.5), (8.5, 5.0), (8.0, 2.0), (5.0, 8.0), (5.5, 5.5), (5.0, 3.0), (2.0, 9.0),
              (3.0, 5.0), (1.0, 1.0), (7.0, 7.0), (4.0, 3.99), (6.99, 4.0)]


def _q2_hidden(rng):
    points = [(round(rng.uniform(0, 10), 2), round(rng.uniform(0, 10), 2)) for _ in range(30)]
    points += [(7.0, 4.0), (3.999, 7.0), (4.0, 6.999), (10.0, 0.0), (0.0, 10.0)]
    return [Case(p, label=f"attractiveness={p[0]}, strength={p[1]}") for p in points]


q2 = Question(
    id="q2",
    summary="the selection-matrix cell for two axis scores",
    answer_name="matrix_cell",
    reference=m.matrix_cell,
    cases=lambda: [Case(p, label=f"attractiveness={p[0]}, strength={p[1]}") for p in _Q2_POINTS],
    hidden_cases=_q2_hidden,
    hints=(
        "First turn each score into a band: low below 4, high from 7 up, medium between.",
        "Then look the pair (attractiveness band, strength band) up in the grid table above.",
        "A score of exactly 7.0 is high and exactly 4.0 is medium: use >= for the lower edges.",
    ),
    mistakes=(
        Mistake("swapped", "You swapped the axes: the first argument is attractiveness, the second strength.",
                lambda a, s: m.matrix_cell(s, a)),
        Mistake("strict edges", "Check the band edges: a score of exactly 7 is high and exactly 4 is medium.",
                lambda a, s: m.matrix_cell(a - 1e-9 if a in (4.0, 7.0) else a, s - 1e-9 if s in (4.0, 7.0) else s)),
    ),
)


# --- q3: shortlist ---------------------------------------------------------------------------------

def scored_table(table=None, a_weights=ATTRACTIVENESS_WEIGHTS, s_weights=STRENGTH_WEIGHTS) -> dict[str, dict]:
    """Each account's axis scores and cell: ``{id: {"attractiveness", "strength", "cell"}}``."""
    table = exercise_table() if table is None else table
    out = {}
    for key, row in table.items():
        a = m.weighted_score(row["attractiveness"], a_weights)
        s = m.weighted_score(row["strength"], s_weights)
        out[key] = {"attractiveness": a, "strength": s, "cell": m.matrix_cell(a, s)}
    return out


def _as_scores(scored):
    return [m.AccountScore(k, v["attractiveness"], v["strength"], v["cell"]) for k, v in scored.items()]


def shortlist_reference(scored, limit):
    """Accounts in the two invest cells, most attractive first, ties by id, at most ``limit``."""
    return m.shortlist(_as_scores(scored), limit=limit)


def _invest_sorted(scored, key):
    chosen = [s for s in _as_scores(scored) if s.cell in ("Invest for growth", "Invest selectively")]
    return [s.id for s in sorted(chosen, key=key)]


def _q3_hidden(rng):
    cases = []
    for size in (8, 10, 12, 15):
        scored = scored_table(_random_table(rng, size), _random_weights(rng, m.ATTRACTIVENESS_FACTORS),
                              _random_weights(rng, m.STRENGTH_FACTORS))
        twin = dict(next(iter(scored.values())))
        scored["T00tie"] = twin  # a tie in attractiveness: broken by id
        cases.append(Case((scored, rng.choice([2, 3, 5, 20]))))
    return cases


q3 = Question(
    id="q3",
    summary="the shortlist: invest cells, most attractive first, at most `limit`",
    answer_name="make_shortlist",
    reference=shortlist_reference,
    cases=lambda: [Case((scored_table(), 3), label="SCORED, limit 3"), Case((scored_table(), 6), label="SCORED, limit 6")],
    hidden_cases=_q3_hidden,
    hints=(
        "Keep only the accounts whose cell is 'Invest for growth' or 'Invest selectively'.",
        "Sort them by attractiveness, highest first, breaking ties by id: sorted(..., key=lambda x: (-attractiveness, id)).",
        "Return the ids as a list, cut to at most `limit` items (list[:limit]).",
    ),
    mistakes=(
        Mistake("by strength", "You ranked by relative strength; the rule ranks by account attractiveness.",
                lambda t, n: _invest_sorted(t, lambda x: (-x.strength, x.id))[:n]),
        Mistake("no limit", "Your list is longer than `limit`: cut it after sorting.",
                lambda t, n: m.shortlist(_as_scores(t))),
        Mistake("all cells", "You kept accounts outside the two invest cells; only 'Invest for growth' and 'Invest selectively' qualify.",
                lambda t, n: m.shortlist(_as_scores(t), cells=m.CELLS, limit=n)),
        Mistake("ascending", "Your list runs from least to most attractive; put the most attractive first.",
                lambda t, n: _invest_sorted(t, lambda x: (x.attractiveness, x.id))[:n]),
        Mistake("ties", "Break ties in attractiveness by id, alphabetically.",
                lambda t, n: _invest_sorted(t, lambda x: (-x.attractiveness, "".join(chr(255 - ord(c)) for c in x.id)))[:n]),
    ),
)


# --- q4: ABC by 3-year potential -------------------------------------------------------------------

def abc_reference(table):
    """ABC classes by 3-year potential (A while the share before the account is under 80 %)."""
    return m.abc_classes({k: row["potential_3y_t"] for k, row in table.items()})


def _running_case_table():
    from kamlib.data import load_accounts

    return m.account_table(load_accounts())


def _q4_hidden(rng):
    cases = [Case((_random_table(rng, size),)) for size in (5, 9, 14, 25)]
    tied = _random_table(rng, 6)
    for row in tied.values():
        row["potential_3y_t"] = 100.0
    return [*cases, Case((tied,), label="a portfolio of equal accounts")]


q4 = Question(
    id="q4",
    summary="ABC class of each account by 3-year potential",
    answer_name="abc_by_potential",
    reference=abc_reference,
    cases=lambda: [Case((_running_case_table(),), label="the running case's accounts")],
    hidden_cases=_q4_hidden,
    hints=(
        "Rank the accounts by potential_3y_t, largest first (ties by id).",
        "Walk down the ranking keeping the share of total potential *before* each account.",
        "Class A while that share is under 0.80, B while under 0.95, otherwise C. Return {id: 'A'|'B'|'C'}.",
    ),
    mistakes=(
        Mistake("current volume", "You ranked by this year's volume; the definition asks for 3-year potential.",
                lambda t: m.abc_classes({k: r["volume_t"] for k, r in t.items()})),
        Mistake("share including", "The account that crosses 80 % is still A: compare the share *before* the account, not after.",
                lambda t: _abc_after(t)),
    ),
)


def _abc_after(table):
    volumes = {k: r["potential_3y_t"] for k, r in table.items()}
    total, running, out = sum(volumes.values()), 0.0, {}
    for k in sorted(volumes, key=lambda k: (-volumes[k], k)):
        running += volumes[k]
        out[k] = "A" if running / total <= 0.80 else "B" if running / total <= 0.95 else "C"
    return out


QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (not graded) -------------------------------------------------------------

def _cell_of_account(account_id):
    from kamlib.data import load_accounts

    (score,) = [s for s in m.score_accounts(load_accounts()) if s.id == account_id]
    return score.cell


try_it = Question(
    id="try_it",
    summary="the cell of Deepvein Coal Mining (KA07) under the default weights",
    answer_name="answer",
    kind="value",
    reference=_cell_of_account,
    cases=lambda: [Case(("KA07",))],
    hints=(
        "Find KA07 in the list `scores` (or on the matrix plot).",
        "Its cell is the .cell of its AccountScore; spell it as in the matrix, e.g. 'Maintain'.",
    ),
)
