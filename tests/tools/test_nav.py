"""tools.nav writes each lecture's navigation, Overview and Key points from modules.yaml,
and --check reports a notebook whose generated cells drifted."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from kamlib.data.course import load_modules
from tools import nav

READY = [m for m in load_modules() if m.ready]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.mark.parametrize("module", READY, ids=[m.stem for m in READY])
def test_front_matter_renders_in_both_editions_with_the_same_numbers(module):
    for render in (nav.overview, nav.key_points):
        en, zh = render(module, "en"), render(module, "zh")
        assert len(en.splitlines()) == len(zh.splitlines())
        assert sorted(NUMBER.findall(en)) == sorted(NUMBER.findall(zh)), (en, zh)
    assert nav.overview(module).startswith(f"**Overview.** Teaching: {module.teaching_minutes} min")
    assert 3 <= len(module.key_points) <= 5


def test_check_reports_a_drifted_overview_and_a_missing_tag(tmp_path):
    module = next(m for m in READY if m.stem == "key_accounts")
    path = tmp_path / module.lecture
    shutil.copy(nav.COURSE / module.lecture, path)
    assert nav.update(path, module, list(load_modules()), READY, write=False) == []
    nb = json.loads(path.read_text(encoding="utf-8"))
    overview = next(c for c in nb["cells"] if "overview" in c["metadata"].get("tags", []))
    overview["source"] = overview["source"].replace("Teaching: 40 min", "Teaching: 45 min")
    key_points = next(c for c in nb["cells"] if "key_points" in c["metadata"].get("tags", []))
    key_points["metadata"]["tags"] = []
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert nav.update(path, module, list(load_modules()), READY, write=False) == [
        f"{module.lecture}: no markdown cell tagged 'key_points'",
        f"{module.lecture}: overview cell out of date",
    ]
    nav.update(path, module, list(load_modules()), READY, write=True)
    assert "Teaching: 40 min" in path.read_text(encoding="utf-8")
