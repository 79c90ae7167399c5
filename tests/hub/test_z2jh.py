"""hub/z2jh-values.yaml, the Zero to JupyterHub values for a large class: it parses, uses the
chart's keys, mounts the shared exchange where the environment and nbgrader's config say
it is, and gives trainees the same course id and server config as ``make hub``."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.hub.conftest import ROOT

VALUES = ROOT / "hub" / "z2jh-values.yaml"
#: Top-level keys of the jupyterhub chart's values (z2jh 3.x/4.x) this file may use.
CHART_KEYS = {"hub", "proxy", "singleuser", "scheduling", "prePuller", "ingress", "cull", "debug",
              "rbac", "global", "custom", "imagePullSecret", "imagePullSecrets", "fullnameOverride",
              "nameOverride", "enabled", "cluster", "appVersion"}


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text())


def test_chart_keys(values):
    assert set(values) <= CHART_KEYS, set(values) - CHART_KEYS
    single = values["singleuser"]
    assert {"image", "extraEnv", "storage", "memory", "cpu", "defaultUrl", "extraFiles"} <= set(single)
    assert single["image"]["name"] and str(single["image"]["tag"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    config = values["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"]
    assert config["Authenticator"]["admin_users"]


def test_the_exchange_is_one_shared_volume(values):
    single = values["singleuser"]
    root = single["extraEnv"]["KAMLAB_EXCHANGE"]
    (mount,) = [m for m in single["storage"]["extraVolumeMounts"] if m["mountPath"] == root]
    (volume,) = [v for v in single["storage"]["extraVolumes"] if v["name"] == mount["name"]]
    assert volume["persistentVolumeClaim"]["claimName"]  # one claim, shared by every server
    nbgrader = single["extraFiles"]["nbgrader-config"]
    assert nbgrader["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    assert f'c.Exchange.root = "{root}"' in nbgrader["stringData"]


def test_same_environment_as_make_hub(values):
    from tools.hub import COURSE_ID, TRAINEE_SERVER_CONFIG

    single = values["singleuser"]
    assert single["extraEnv"]["KAMLAB_NO_KEYS"] == "1"
    assert f'c.CourseDirectory.course_id = "{COURSE_ID}"' in single["extraFiles"]["nbgrader-config"]["stringData"]
    assert single["extraFiles"]["trainee-server-config"]["data"] == TRAINEE_SERVER_CONFIG
    assert single["defaultUrl"] == "/lab"
    # Trainees tell apart on the shared volume only with a uid each (SafeCollect's owner check).
    assert "c.KubeSpawner.uid" in values["hub"]["extraConfig"]["kamlab-uids"]
    # The image is built from the trainee bundle: no repository, no kamgrade in it.
    dockerfile = (ROOT / "hub" / "Dockerfile").read_text()
    assert "wheels/kamlib-" in dockerfile and "kamgrade" not in dockerfile
    assert json.loads(json.dumps(single["memory"]))["limit"]
