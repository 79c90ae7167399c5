"""The course's map: the staircase steps and the module records."""

from __future__ import annotations

from kamlib.i18n import label
from kamlib.models.welcome import STEPS, Module
from kamlib.text import Text


def test_five_steps_each_in_the_glossary():
    assert len(STEPS) == 5
    assert [label(step, "zh") for step in STEPS] == ["清晰定义", "掌握特征", "解决问题", "活用工具", "开发/管理"]


def test_a_module_knows_its_lecture_notebook():
    module = Module("09", "channel_maps", Text("Product channel maps", "产品通路图"), "3.1", 4, True)
    assert module.lecture == "lec09_channel_maps.ipynb"
    assert module.questions == () and module.teaching_minutes is None
