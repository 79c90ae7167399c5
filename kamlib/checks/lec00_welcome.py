"""The welcome notebook's demonstration question (practice: not graded)."""

from kamlib.checks.framework import Number, Question
from kamlib.text import Text

__all__ = ["demo"]


def _steps(_data) -> int:
    from kamlib.models.welcome import STEPS

    return len(STEPS)


demo = Question(
    id="demo", exercise="lec00_welcome",
    summary=Text("how many steps the lecture's staircase has", "大客户开发管理模型的阶梯一共有几级"),
    form=Number(Text("steps", "级"), minimum=0),
    variant=lambda trainee: None,
    practice_answer=_steps,
    hints=(Text("Count the bars in the figure above.", "数一数上图中的台阶。"),
           Text("It is a whole number between 4 and 6.", "是4到6之间的整数。")),
)
