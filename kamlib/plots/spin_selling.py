"""SPIN figures: the lecture's flow, the classifier's confusion matrix, a call's question mix.

Labels come from the glossary in the language plots can draw (:func:`kamlib.plots.style.text`).
Every function returns the Axes and never calls ``show()``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_spin_flow()
>>> len(ax.patches) >= 7
True
"""

from __future__ import annotations

from kamlib.models.spin_selling.classifier import SPIN_TYPES, TYPE_KEYS, ClassifierReport
from kamlib.plots.style import axes, plot_language, text

__all__ = ["FLOW_NODES", "FLOW_EDGES", "TYPE_COLOURS", "spin_flow_layout", "plot_spin_flow",
           "plot_confusion", "plot_question_mix", "plot_call_metrics"]

TYPE_COLOURS = {"S": "#7f8c9a", "P": "#d08c2b", "I": "#b3261e", "N": "#1b7f3b"}
_NEED = "#1f4e79"
_BENEFIT = "#5b2a86"

# The slide's flow (OUTLINE §4): node id -> (glossary key, kind); edges with labels.
FLOW_NODES = (
    ("S", "spin_situation", "question"),
    ("P", "spin_problem", "question"),
    ("implied", "implied_need", "need"),
    ("I", "spin_implication", "question"),
    ("N", "spin_need_payoff", "question"),
    ("explicit", "explicit_need", "need"),
    ("benefit", "fab_benefit", "benefit"),
)
FLOW_EDGES = (
    ("S", "P", None),
    ("P", "implied", "spin_flow_reveals"),
    ("implied", "I", None),
    ("I", "N", "spin_flow_serious"),
    ("N", "explicit", "spin_flow_states"),
    ("explicit", "benefit", "spin_flow_meets"),
)


def spin_flow_layout() -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) for the flow: a U, left to right along the top
    (situation, problem, implied need, implication), back along the bottom
    (need-payoff, explicit need, benefit).

    >>> spin_flow_layout()["S"], spin_flow_layout()["benefit"]
    ((0.0, 1.0), (1.0, 0.0))
    """
    top = ("S", "P", "implied", "I")
    bottom = ("benefit", "explicit", "N")
    pos = {node: (float(x), 1.0) for x, node in enumerate(top)}
    pos.update({node: (float(x + 1), 0.0) for x, node in enumerate(bottom)})
    return pos


def _wrap(label: str, width: int = 14) -> str:
    if any("\u3400" <= ch <= "\u9fff" for ch in label):
        return label
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def plot_spin_flow(ax=None):
    """The lecture's SPIN flow as a figure: situation -> problem -> implied need ->
    implication -> need-payoff -> explicit need -> benefit.

    Questions are coloured by type, needs in blue, the benefit in purple.
    """
    from matplotlib.patches import FancyBboxPatch

    ax = axes(ax, figsize=(9, 4.2))
    pos = spin_flow_layout()
    w, h = 0.78, 0.42
    for node, key, kind in FLOW_NODES:
        x, y = pos[node]
        colour = TYPE_COLOURS[node] if kind == "question" else _NEED if kind == "need" else _BENEFIT
        box = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                             facecolor=colour, edgecolor="white", linewidth=1.5, alpha=0.92)
        ax.add_patch(box)
        ax.text(x, y, _wrap(text(key)), ha="center", va="center", color="white", fontsize=9.5)
    for start, end, key in FLOW_EDGES:
        (x0, y0), (x1, y1) = pos[start], pos[end]
        if y0 == y1:  # along a row
            step = w / 2 if x1 > x0 else -w / 2
            a, b = (x0 + step, y0), (x1 - step, y1)
        else:  # down the right-hand side
            a, b = (x0, y0 - h / 2), (x1, y1 + h / 2)
        ax.annotate("", xy=b, xytext=a, arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.6})
        if key:
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            dx, dy = (0.08, 0) if y0 != y1 else (0, 0.27 if y0 == 1 else -0.29)
            ax.text(mx + dx, my + dy, _wrap(text(key), 18 if y0 != y1 else 26), ha="left" if y0 != y1 else "center",
                    va="center", fontsize=8, color="#333333")
    sx, sy = pos["S"]
    ax.text(sx, sy + 0.33, text("spin_flow_file"), ha="center", va="bottom", fontsize=8,
            color="#333333")
    ax.set_xlim(-0.55, 3.95)
    ax.set_ylim(-0.55, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(text("spin_flow_title"), fontsize=11)
    return ax


def plot_confusion(report: ClassifierReport, ax=None):
    """The question classifier's confusion matrix: true type (rows) against
    predicted type (columns), counts in the cells, accuracy in the title.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from kamlib import evaluate_classifier, load_spin_questions
    >>> ax = plot_confusion(evaluate_classifier(load_spin_questions(), split="heldout"))
    >>> ax.get_xlabel()
    'predicted type'
    """
    if not isinstance(report, ClassifierReport):
        raise TypeError(f"report must be a ClassifierReport (from evaluate_classifier), got {type(report).__name__}")
    ax = axes(ax, figsize=(5.6, 4.8))
    grid = [[report.confusion[t][p] for p in SPIN_TYPES] for t in SPIN_TYPES]
    top = max(max(row) for row in grid) or 1
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=top)
    for i, row in enumerate(grid):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center", fontsize=11,
                    color="white" if count > top / 2 else "#222222")
    names = [_wrap(text(TYPE_KEYS[t]), 12) for t in SPIN_TYPES]
    ax.set_xticks(range(4), names, fontsize=8)
    ax.set_yticks(range(4), names, fontsize=8)
    ax.set_xlabel(text("spin_predicted_type"))
    ax.set_ylabel(text("spin_true_type"))
    language = plot_language()  # English when no Chinese font is installed
    ax.set_title(f"{text('spin_confusion_title')}\n{report.heading(language)}{'：' if language == 'zh' else ': '}"
                 f"{text('spin_accuracy')} {report.accuracy:.0%} (n={report.n})", fontsize=10)
    return ax


def plot_question_mix(debrief, ax=None):
    """A role-play call's questions by SPIN type, with the outcome in the title and
    the turns where a feature was pitched too early noted under the bars.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from kamlib.data.spin_selling import start_call
    >>> call = start_call("cement_open_gear", language="en")
    >>> _ = call.ask("Are you happy with your grease consumption?")
    >>> [round(b.get_height()) for b in plot_question_mix(call.debrief()).patches]
    [0, 1, 0, 0]
    """
    from kamlib.models.spin_selling.roleplay import Debrief

    if not isinstance(debrief, Debrief):
        raise TypeError(f"debrief must be a Debrief (from call.debrief()), got {type(debrief).__name__}")
    ax = axes(ax, figsize=(6.4, 4))
    counts = [debrief.mix[t] for t in SPIN_TYPES]
    ax.bar(range(4), counts, color=[TYPE_COLOURS[t] for t in SPIN_TYPES], width=0.7)
    for i, count in enumerate(counts):
        ax.text(i, count + 0.05, str(count), ha="center", va="bottom", fontsize=10)
    ax.set_xticks(range(4), [_wrap(text(TYPE_KEYS[t]), 12) for t in SPIN_TYPES], fontsize=8.5)
    ax.set_ylabel(text("spin_questions_asked"))
    ax.set_ylim(0, max(counts + [1]) * 1.25 + 0.5)
    ax.yaxis.get_major_locator().set_params(integer=True)
    outcome = text(debrief.outcome.key)
    ax.set_title(f"{text('spin_mix_title')} — {text('spin_outcome')}: {outcome}", fontsize=10.5)
    if debrief.early_pitches:
        turns = ", ".join(map(str, debrief.early_pitches))
        ax.text(0.99, 0.97, f"{text('spin_early_pitch')}: {text('spin_turn')} {turns}",
                transform=ax.transAxes, ha="right", va="top", fontsize=8.5, color=TYPE_COLOURS["I"])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def plot_call_metrics(debriefs, labels=None, ax=None):
    """Call metrics of one or more role-play calls, side by side (Gong-style): the seller's
    talk share, the share of implication and need-payoff questions, and the needs uncovered,
    made explicit and met (as a share of the scenario's needs). A dashed line marks the
    talk share Gong Labs reports for top reps (43 %, a vendor's figure: practitioner claim).
    Questions asked, the longest monologue and early pitches are listed in the legend.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from kamlib.data.spin_selling import start_call
    >>> call = start_call("cement_open_gear", language="en")
    >>> _ = call.ask("Are you happy with your grease consumption?")
    >>> len(plot_call_metrics(call.debrief()).patches)
    5
    """
    from kamlib.models.spin_selling.roleplay import METRIC_BENCHMARKS, Debrief

    if isinstance(debriefs, Debrief):
        debriefs = [debriefs]
    if not isinstance(debriefs, (list, tuple)) or not debriefs or not all(isinstance(d, Debrief) for d in debriefs):
        raise TypeError("debriefs must be a Debrief (from call.debrief()) or a list of them, "
                        f"got {type(debriefs).__name__}")
    if labels is None:
        labels = [text(d.outcome.key) for d in debriefs]
    if not isinstance(labels, (list, tuple)) or len(labels) != len(debriefs) or not all(isinstance(x, str) for x in labels):
        raise ValueError(f"labels must be a list of {len(debriefs)} str (one per debrief), got {labels!r}"[:300])
    rows = ("spin_talk_share", "spin_share_i_n", "spin_needs_uncovered", "spin_needs_explicit_share",
            "spin_needs_met_share")
    ax = axes(ax, figsize=(7.2, 4.2))
    n, height = len(debriefs), 0.8 / len(debriefs)
    colours = ("#1f4e79", "#b3261e", "#7f8c9a", "#1b7f3b")
    for k, (d, label) in enumerate(zip(debriefs, labels, strict=True)):
        m = d.metrics
        total = max(m.needs_total, 1)
        values = [m.talk_share, m.share_i_n, m.needs_uncovered / total, m.needs_explicit / total, m.needs_met / total]
        ys = [i + (k - (n - 1) / 2) * height for i in range(len(rows))]
        legend = (f"{label}: {text('spin_questions_asked')} {m.questions}, {text('spin_longest_monologue')} "
                  f"{m.longest_monologue} {text('spin_words')}, {text('spin_early_pitch')} {m.early_pitches}")
        ax.barh(ys, [100 * v for v in values], height=height * 0.92, color=colours[k % len(colours)], label=legend)
        for y, v in zip(ys, values, strict=True):
            ax.text(100 * v + 1, y, f"{v:.0%}", va="center", fontsize=8)
    ax.axvline(100 * METRIC_BENCHMARKS["talk_share"][0], ymin=1 - 1 / len(rows), ymax=1, color="#444", ls="--", lw=1,
               label=text("spin_talk_benchmark"))
    ax.set_yticks(range(len(rows)), [_wrap(text(r), 26) for r in rows], fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    ax.set_xlabel(text("spin_share_axis"))
    ax.set_title(text("spin_metrics_title") + (f" — {text('spin_outcome')}: {text(debriefs[0].outcome.key)}"
                                               if n == 1 else ""), fontsize=10.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7.5, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
