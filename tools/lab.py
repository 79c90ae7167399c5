"""``make lab``: start JupyterLab on 127.0.0.1 at the welcome notebook and print its URL."""

import argparse
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WELCOME = "course/lec00_welcome.ipynb"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true", help="print the URL only")
    args = parser.parse_args()
    token = secrets.token_hex(16)
    url = f"http://127.0.0.1:{args.port}/lab/tree/{WELCOME}?token={token}"
    print(f"\nKAM Lab is starting. Open this address in your browser:\n\n    {url}\n", flush=True)
    command = lab_command(ROOT, args.port, token, f"--LabApp.default_url=/lab/tree/{WELCOME}")
    if args.no_browser:
        command.append("--no-browser")
    install_settings()
    return subprocess.call(command, cwd=ROOT)


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
    try:
        runpy.run_path(str(ROOT / "tools" / "lab_settings.py"), run_name="__main__")
    except OSError as error:
        print(f"warning: could not install the course's JupyterLab settings: {error}")


if __name__ == "__main__":
    sys.exit(main())
