"""``make lab``: start JupyterLab on 127.0.0.1 at the welcome notebook and print its URL.

    python -m tools.lab [--port 8888] [--no-browser] [--language zh]

``make lab-zh`` (``--language zh``) opens the Chinese edition's welcome notebook, shows
JupyterLab's own menus in Chinese (the official jupyterlab-language-pack-zh-CN) and makes
Chinese kamlib's default language; a notebook can still switch with ``set_language``.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WELCOME = {"en": "course/lec00_welcome.ipynb", "zh": "course/zh/lec00_welcome.ipynb"}
LOCALE = {"en": "en", "zh": "zh_CN"}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lab", description=__doc__)
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true", help="print the URL only")
    parser.add_argument("--language", choices=tuple(WELCOME), default="en", help="the edition to open")
    args = parser.parse_args()
    token = secrets.token_hex(16)
    welcome = WELCOME[args.language]
    url = f"http://127.0.0.1:{args.port}/lab/tree/{welcome}?token={token}"
    starting = {"en": "KAM Lab is starting. Open this address in your browser:",
                "zh": "KAM Lab 正在启动。请在浏览器中打开这个地址："}[args.language]
    print(f"\n{starting}\n\n    {url}\n", flush=True)
    command = lab_command(ROOT, args.port, token, f"--LabApp.default_url=/lab/tree/{welcome}",
                          *language_arguments(args.language))
    if args.no_browser:
        command.append("--no-browser")
    install_settings()
    return subprocess.call(command, cwd=ROOT, env={**os.environ, "KAMLAB_LANGUAGE": args.language})


def language_arguments(language: str, settings_root: Path | None = None) -> list[str]:
    """JupyterLab's menus in ``language``: a user-settings folder of the course's own whose
    translation setting names the locale (the language pack provides the strings)."""
    folder = (settings_root or Path(sys.prefix) / "share" / "kamlab") / f"lab-user-settings-{language}"
    plugin = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.write_text(json.dumps({"locale": LOCALE[language]}), encoding="utf-8")
    return [f"--LabApp.user_settings_dir={folder}"]


def lab_command(root: Path, port: int, token: str, *extra: str) -> list[str]:
    """JupyterLab on 127.0.0.1 only, one fixed port, a token, serving ``root``
    (the browser tests start it the same way)."""
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        *extra,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI run as root; JupyterLab refuses without this.
        command.append("--ServerApp.allow_root=True")
    return command


def install_settings() -> None:
    """Re-install the course's JupyterLab settings: .venv/.installed only tracks
    pyproject.toml, so an edited overrides.json would otherwise never arrive."""
    from tools import lab_settings

    try:
        lab_settings.install()
    except OSError as error:
        print(f"warning: could not install the course's JupyterLab settings: {error}")


if __name__ == "__main__":
    sys.exit(main())
