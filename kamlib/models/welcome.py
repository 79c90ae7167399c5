"""The course's map: its modules in lecture order, and the lecture's five-step
key-account development & management model (大客户开发管理模型), a staircase the
whole course climbs.

The steps are the lecturer's framework, not a published model. Each step is a
glossary id (``kamlib/data/glossary.yaml``), so it can be shown in English or Chinese.

>>> len(STEPS), STEPS[0]
(5, 'step_definition')
"""

from __future__ import annotations

from dataclasses import dataclass

from kamlib.text import Text

__all__ = ["STEPS", "Module"]

STEPS = ("step_definition", "step_characteristics", "step_problems", "step_tools", "step_manage")


def check_step(value: object, name: str = "step") -> int | None:
    """``value`` when it is a staircase step (1-5) or None; else a ValueError naming ``name``.

    >>> check_step(6, "current")
    Traceback (most recent call last):
    ...
    ValueError: current must be a step from 1 to 5 or None, got 6
    """
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5):
        raise ValueError(f"{name} must be a step from 1 to 5 or None, got {value!r}"[:300])
    return value


@dataclass(frozen=True)
class Module:
    """One module of the course (a lecture notebook and its exercise), as listed in
    ``kamlib/data/modules.yaml``.

    ``step`` is the staircase step (1-5; 0 for the course's frame); ``ready`` says
    whether its notebook exists. A ready module has its front matter: minutes of
    teaching and exercises, the questions it answers, its objectives and key points.
    """

    id: str
    stem: str
    title: Text
    section: str
    step: int
    ready: bool
    teaching_minutes: int | None = None
    exercise_minutes: int | None = None
    questions: tuple[Text, ...] = ()
    objectives: tuple[Text, ...] = ()
    key_points: tuple[Text, ...] = ()

    @property
    def lecture(self) -> str:
        """The lecture notebook's file name: ``lecNN_stem.ipynb``."""
        return f"lec{self.id}_{self.stem}.ipynb"
