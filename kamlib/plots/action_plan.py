"""Plots for the after-class action plan: each goal's deadline on the 90-day horizon, and the
SMART cues found per goal (a grid of goals × letters, R always left to judgement)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamlib.models import arguments as check
from kamlib.models.action_plan import MAX_DAYS, SMART_LETTERS, ActionPlan, Cue
from kamlib.plots.style import axes, text

__all__ = ["plot_action_plan", "plot_smart_cues"]

_LETTER_TERMS = {"S": "smart_specific", "M": "smart_measurable", "A": "smart_assignable",
                 "R": "smart_realistic", "T": "smart_time_related"}


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def plot_action_plan(plan: ActionPlan, ax=None):
    """The plan's goals as bars from day 0 to each deadline on the 90-day horizon, labelled
    with the owner and baseline → target; a deadline beyond 90 days would stand out past the
    dashed line (make_plan refuses one, so a checked plan never shows it)."""
    if not isinstance(plan, ActionPlan):
        raise TypeError(f"plan must be an ActionPlan (from make_plan), got {type(plan).__name__}")
    ax = axes(ax, figsize=(8, 1.2 + 0.6 * len(plan.goals)))
    n = len(plan.goals)
    for i, goal in enumerate(plan.goals):
        y = n - 1 - i
        ax.barh(y, goal.deadline_days, height=0.55, color="#7fa7cf", edgecolor="#1f4e79")
        ax.text(2, y, _short(f"{goal.owner}: {goal.baseline:g} → {goal.target:g}"), va="center", fontsize=8,
                color="#10263d")
    ax.axvline(MAX_DAYS, color="#b3261e", linestyle="--", lw=1)
    ax.text(MAX_DAYS, n - 0.45, text("plan_horizon"), ha="right", va="bottom", fontsize=8, color="#b3261e")
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{text('plan_goal')} {n - k}" for k in range(n)], fontsize=8)
    ax.set_xlim(0, MAX_DAYS + 10)
    ax.set_ylim(-0.6, n - 0.1)
    ax.set_xlabel(text("days_from_start"))
    ax.set_title(text("plan_timeline_title"), fontsize=10)
    return ax


def plot_smart_cues(cues: Sequence[Mapping[str, Cue]], labels: Sequence[str] | None = None, ax=None):
    """A grid, one row per goal (``cues``: what :func:`~kamlib.models.action_plan.smart_cues`
    returned for each), one column per letter: green where the cue was found, red where it is
    missing, grey for R (no cue decides it: judge it against the account's data)."""
    rows = check.items(cues, "cues", "a list of what smart_cues returns, one per goal")
    for row in rows:
        if not isinstance(row, Mapping) or set(row) != set(SMART_LETTERS) or not all(
                isinstance(c, Cue) for c in row.values()):
            raise TypeError("cues must hold what smart_cues returns (S, M, A, R, T -> Cue), one per goal")
    if labels is None:
        labels = [str(i + 1) for i in range(len(rows))]
    labels = check.texts(labels, "labels", "a list of goal labels (str), one per goal")
    if len(labels) != len(rows):
        raise ValueError(f"labels must have one label per goal ({len(rows)}), got {len(labels)}")
    ax = axes(ax, figsize=(7, 1.4 + 0.45 * max(len(rows), 1)))
    colours = {True: "#d8f0dd", False: "#f6dcdc", None: "#e6e6e6"}
    markers = {True: ("o", "#1b6e31"), False: ("X", "#b3261e"), None: ("s", "#888888")}
    n = len(rows)
    grid = [[colours[row[letter].found] for letter in SMART_LETTERS] for row in rows]
    if rows:
        from matplotlib.colors import to_rgb

        ax.imshow([[to_rgb(c) for c in line] for line in grid], extent=(0, len(SMART_LETTERS), 0, n),
                  aspect="auto", interpolation="nearest")
    for state, (marker, colour) in markers.items():
        points = [(c + 0.5, n - 0.5 - r) for r, row in enumerate(rows) for c, letter in enumerate(SMART_LETTERS)
                  if row[letter].found is state]
        ax.scatter([x for x, _ in points], [y for _, y in points], marker=marker, s=60, color=colour,
                   label=text({True: "cue_found", False: "cue_missing", None: "cue_judge"}[state]))
    ax.set_xlim(0, len(SMART_LETTERS))
    ax.set_ylim(0, max(n, 1))
    ax.set_xticks([c + 0.5 for c in range(len(SMART_LETTERS))])
    ax.set_xticklabels([f"{letter}\n{text(_LETTER_TERMS[letter])}" for letter in SMART_LETTERS], fontsize=8)
    ax.set_yticks([n - 0.5 - r for r in range(n)])
    ax.set_yticklabels([_short(label, 24) for label in labels], fontsize=8)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, fontsize=8, frameon=False)
    ax.set_title(text("smart_cues_title"), fontsize=10)
    return ax
