"""``make instructor``: JupyterLab for the instructor, with nbgrader's course loaded.

    python -m tools.instructor [--port 8888] [--course exercises] [--root .] [--no-browser]

``make lab`` serves the repository as a trainee would see it: nbgrader there finds no
course config, so Formgrader lists nothing and the exchange is nbgrader's system default.
Here the server runs *in* the nbgrader course (``exercises/``: formgrader and the exchange
read ``nbgrader_config.py`` from the working folder) while serving the repository root, so
lectures and the course are both in the file browser. The exchange the config names
(``c.Exchange.root``: ``exercises/exchange``, or ``KAMLAB_EXCHANGE``) is created first,
world-writable with the sticky bit as nbgrader needs it (o+rwx; +t so nobody removes or
renames another's entry).
"""

from __future__ import annotations

import argparse
import os
import secrets
import stat
import sys
from pathlib import Path

from tools.lab import lab_command

ROOT = Path(__file__).resolve().parent.parent
EXCHANGE_MODE = 0o1777


class InstructorError(Exception):
    """Something to fix before the instructor's lab can start (said in plain words)."""


def course_config(course: Path):
    """The nbgrader config of ``course`` as nbgrader loads it (running its nbgrader_config.py)."""
    from traitlets.config.loader import PyFileConfigLoader

    path = course / "nbgrader_config.py"
    if not path.is_file():
        raise InstructorError(f"{course} is not an nbgrader course: no nbgrader_config.py in it")
    loader = PyFileConfigLoader(path.name, str(course))
    return loader.load_config()


def exchange_root(course: Path) -> Path:
    config = course_config(course)
    root = config.Exchange.get("root")
    if not root:
        raise InstructorError(f"{course / 'nbgrader_config.py'} names no exchange (c.Exchange.root)")
    return Path(str(root))


def ensure_exchange(root: Path) -> Path:
    """Create the exchange folder nbgrader will use, mode 1777 (nbgrader requires o+rwx)."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        if stat.S_IMODE(root.stat().st_mode) != EXCHANGE_MODE:
            root.chmod(EXCHANGE_MODE)
    except PermissionError as error:
        raise InstructorError(
            f"cannot create or open up the exchange folder {root} ({error.strerror}); "
            f"create it as its owner with: mkdir -p {root} && chmod 1777 {root}"
        ) from error
    return root


def instructor_command(root: Path, course: Path, port: int, token: str, *extra: str) -> list[str]:
    relative = course.resolve().relative_to(root.resolve()).as_posix()
    return lab_command(root, port, token, f"--LabApp.default_url=/lab/tree/{relative}", *extra)


def instructor_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    # nbgrader runs alembic (the gradebook's migrations) from PATH.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def check_course(root: Path, course: Path) -> None:
    try:
        course.resolve().relative_to(root.resolve())
    except ValueError:
        raise InstructorError(f"the course {course} must be inside the server root {root} "
                              "(formgrader links into it)") from None
    if not (course / "source").is_dir():
        raise InstructorError(f"{course} has no source/ folder: nothing for formgrader to list")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.instructor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--course", type=Path, default=ROOT / "exercises")
    parser.add_argument("--root", type=Path, default=ROOT, help="the folder the server serves")
    parser.add_argument("--no-browser", action="store_true", help="print the URL only")
    parser.add_argument("--server-arg", action="append", default=[], dest="server_args",
                        help="an extra argument of the server (repeatable)")
    args = parser.parse_args(argv)
    course, root = args.course.resolve(), args.root.resolve()
    try:
        check_course(root, course)
        exchange = ensure_exchange(exchange_root(course))
    except InstructorError as error:
        print(f"make instructor: {error}", file=sys.stderr)
        return 2
    token = secrets.token_hex(16)
    relative = course.relative_to(root).as_posix()
    print(
        "\nKAM Lab, instructor mode. Open this address in your browser:\n\n"
        f"    http://127.0.0.1:{args.port}/lab/tree/{relative}?token={token}\n\n"
        f"Nbgrader menu -> Formgrader: the course in {course}, exchange {exchange}.\n"
        "Autograde a class on every core with: make grade ASSIGNMENT=...\n",
        flush=True,
    )
    command = instructor_command(root, course, args.port, token, *args.server_args)
    if args.no_browser:
        command.append("--no-browser")
    from tools.lab import install_settings

    install_settings()
    # exec, not a child: Ctrl+C or a kill of this process id stops the server itself.
    os.chdir(course)
    os.execve(command[0], command, instructor_env())


if __name__ == "__main__":
    sys.exit(main())
