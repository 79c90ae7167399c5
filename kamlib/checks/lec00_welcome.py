"""The welcome notebook's demonstration question (not graded)."""

from kamlib.checks.framework import Case, Question

__all__ = ["demo"]


def _steps() -> int:
    from kamlib.plots.course import STEPS

    return len(STEPS)


demo = Question(
    id="demo",
    summary="how many steps the lecture's staircase has",
    answer_name="answer",
    kind="value",
    reference=_steps,
    cases=lambda: [Case()],
    hints=("Count the bars in the figure above.", "It is a whole number between 4 and 6."),
)
