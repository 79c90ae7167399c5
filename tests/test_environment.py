"""environment.yml: the conda / Binder / JupyterHub image.

It must stay a thin wrapper (conda-forge python + pip installing this project), so
the dependency list lives once, in pyproject.toml, and that list must resolve.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = ROOT / "environment.yml"
PYPROJECT = ROOT / "pyproject.toml"

# What pip prints when it cannot reach an index (then the test is skipped, not failed).
NETWORK_ERRORS = re.compile(
    r"NewConnectionError|ConnectTimeout|ReadTimeout|Temporary failure in name resolution|"
    r"Name or service not known|Network is unreachable|Connection refused|Max retries exceeded|"
    r"ProxyError|SSLError|No matching distribution found for setuptools",
)


@pytest.fixture(scope="module")
def environment() -> dict:
    data = yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "environment.yml must be a YAML mapping"
    return data


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def conda_specs(environment: dict) -> list[str]:
    return [d for d in environment.get("dependencies", []) if isinstance(d, str)]


def pip_section(environment: dict) -> list[str]:
    sections = [d["pip"] for d in environment.get("dependencies", []) if isinstance(d, dict) and "pip" in d]
    assert len(sections) == 1, "environment.yml needs exactly one `- pip:` section"
    return sections[0]


def conda_name(spec: str) -> str:
    return re.split(r"[=<>!~ ]", spec.strip(), maxsplit=1)[0]


def test_has_a_name(environment):
    assert environment.get("name"), "environment.yml needs a name (conda env create uses it)"


def test_channels_are_conda_forge_only(environment):
    assert environment.get("channels") == ["conda-forge"], (
        "use conda-forge only; 'defaults' needs a licence for commercial training"
    )


def test_has_python_and_pip(environment):
    names = [conda_name(s) for s in conda_specs(environment)]
    assert "python" in names, "environment.yml must pin python"
    assert "pip" in names, "environment.yml must list pip (its pip section needs it)"


def test_python_pin_meets_requires_python(environment, project):
    from packaging.specifiers import SpecifierSet

    spec = next(s for s in conda_specs(environment) if conda_name(s) == "python")
    version = spec.partition("=")[2].lstrip("=").strip()
    assert version, f"pin a python version in environment.yml, got {spec!r}"
    assert SpecifierSet(project["requires-python"]).contains(version + ".0"), (
        f"environment.yml python {version} does not satisfy requires-python "
        f"{project['requires-python']!r}"
    )


def test_pip_section_installs_the_project(environment):
    entries = [e.strip() for e in pip_section(environment)]
    assert any(re.fullmatch(r"-e\s+\.(/)?", e) for e in entries), (
        f"the pip section must install the project with `-e .`; got {entries}"
    )


def test_dependencies_are_listed_once(environment, project):
    """Packages from pyproject's dependencies must not be pinned again in the yml."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    ours = {canonicalize_name(Requirement(d).name) for d in project["dependencies"]}
    extra = [e for e in pip_section(environment) if not e.strip().startswith("-")]
    conda = [conda_name(s) for s in conda_specs(environment)]
    twice = sorted(ours & {canonicalize_name(re.split(r"[=<>!~\[ ]", x, maxsplit=1)[0]) for x in extra + conda})
    assert not twice, f"listed in both pyproject.toml and environment.yml: {twice}"


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_project_dependencies_resolve(tmp_path, project):
    """pip resolves `-e <repo>` (what the image runs) without installing anything."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    report = tmp_path / "report.json"
    command = [
        sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
        "--quiet", "--report", str(report), "-e", str(ROOT),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=360, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.skip("pip took over 6 minutes: package index unreachable or too slow")
    if done.returncode != 0:
        if NETWORK_ERRORS.search(done.stderr):
            pytest.skip(f"package index unreachable: {done.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"pip could not resolve the project's dependencies:\n{done.stderr[-3000:]}")

    installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    resolved = {canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"] for i in installs}
    assert "kamlib" in resolved, "the report does not install the project itself"
    for dependency in project["dependencies"]:
        requirement = Requirement(dependency)
        name = canonicalize_name(requirement.name)
        assert name in resolved, f"{requirement.name} is not in pip's resolution"
        assert requirement.specifier.contains(resolved[name], prereleases=True), (
            f"{requirement.name} resolved to {resolved[name]}, outside {requirement.specifier}"
        )
