"""The course's JupyterLab settings (tools/jupyterlab/overrides.json).

Every key must exist in JupyterLab's own schema (a typo is silently ignored by
JupyterLab, so the news pop-up would come back without anyone noticing), every value
must validate, and ``python -m tools.lab_settings`` must install the file where JupyterLab reads
it: ``<sys.prefix>/share/jupyter/lab/settings/overrides.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools import lab_settings

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "tools" / "jupyterlab" / "overrides.json"
LAB = Path(sys.prefix) / "share" / "jupyter" / "lab"


def overrides() -> dict:
    return json.loads(OVERRIDES.read_text(encoding="utf-8"))


def schema_path(plugin_id: str) -> Path:
    """``@jupyterlab/apputils-extension:notification`` ->
    ``<lab>/schemas/@jupyterlab/apputils-extension/notification.json``."""
    package, _, plugin = plugin_id.partition(":")
    return LAB / "schemas" / package / f"{plugin}.json"


def test_overrides_is_a_json_object_of_plugins():
    data = overrides()
    assert isinstance(data, dict) and data, "overrides.json must be a non-empty JSON object"
    for plugin_id, values in data.items():
        assert ":" in plugin_id, f"{plugin_id!r} is not a plugin id like 'package:plugin'"
        assert isinstance(values, dict), f"{plugin_id}: settings must be an object"


def test_news_popup_is_off():
    notification = overrides()["@jupyterlab/apputils-extension:notification"]
    # The schema's type is a *string* "true"/"false"/"none"; a JSON false is invalid.
    assert notification["fetchNews"] == "false"
    assert notification["checkForUpdates"] is False


@pytest.mark.parametrize("plugin_id", sorted(overrides()))
def test_every_key_exists_in_jupyterlab_schema(plugin_id):
    jsonschema = pytest.importorskip("jsonschema")
    path = schema_path(plugin_id)
    assert path.is_file(), f"{plugin_id}: no schema at {path} (plugin renamed or not installed?)"
    schema = json.loads(path.read_text(encoding="utf-8"))
    values = overrides()[plugin_id]
    unknown = sorted(set(values) - set(schema.get("properties", {})))
    assert not unknown, f"{plugin_id}: keys not in JupyterLab's schema: {unknown}"
    # Overrides are merged into the schema defaults; a partial object must validate.
    jsonschema.validate(values, {**schema, "required": []})


def test_installer_writes_overrides_into_sys_prefix(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    installed = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert lab_settings.install() == installed
    assert json.loads(installed.read_text(encoding="utf-8")) == overrides()


def test_installer_runs_as_a_module_from_the_repository_root():
    done = subprocess.run([sys.executable, "-m", "tools.lab_settings"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_this_environment_has_the_overrides_installed():
    installed = LAB / "settings" / "overrides.json"
    assert installed.is_file(), f"{installed} missing: run `python -m tools.lab_settings`"
    assert json.loads(installed.read_text(encoding="utf-8")) == overrides(), (
        f"{installed} differs from {OVERRIDES}: run `python -m tools.lab_settings`"
    )


def test_jupyterlab_serves_news_off_by_default(tmp_path):
    """What JupyterLab's settings API would answer a new user (empty user settings)."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    get_overrides = getattr(settings_utils, "_get_overrides", None)
    if get_overrides is None:
        pytest.skip("jupyterlab_server has no _get_overrides (private API moved)")
    app_settings = str(LAB / "settings")
    found, _ = get_overrides(app_settings)
    result, _ = settings_utils.get_settings(
        app_settings,
        str(LAB / "schemas"),
        str(tmp_path),
        schema_name="@jupyterlab/apputils-extension:notification",
        overrides=found,
    )
    properties = result["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
