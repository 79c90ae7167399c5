"""Reasons for a person to look at a submission, in plain words. Never a score change.

The score comes from the recorded answers alone, marked outside the kernel, so
tampering with the kernel earns nothing; :func:`scan_source` still says what a
submission tried, so an instructor can talk to the trainee. Honest code -- logging,
warnings, printing, reading a file the trainee shipped -- is never flagged.

>>> scan_source("import logging\\nlogging.basicConfig()\\nq1_answer = ['KA05', 'KA07']")
[]
>>> scan_source("import sys\\nframe = sys._getframe(1)")
["reads the interpreter's stack frames (sys._getframe): a way to hunt for the grader's values"]
"""

from __future__ import annotations

import ast
import re

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from kamgrade.review import add_finding

__all__ = ["scan_source", "ScanSubmission"]

_HOOKS = {
    "ast_transformers": "changes how IPython compiles cells (AST transformers)",
    "input_transformers_post": "changes the text of cells before they run (input transformers)",
    "input_transformers_cleanup": "changes the text of cells before they run (input transformers)",
    "input_transformer_manager": "changes the text of cells before they run (input transformers)",
    "events": "hooks into IPython's cell events",
    "set_custom_exc": "installs a custom exception handler that can hide errors",
    "showtraceback": "replaces how errors are shown",
    "_showtraceback": "replaces how errors are shown",
    "run_cell": "replaces how cells run",
    "meta_path": "changes how Python finds modules (sys.meta_path)",
    "path_hooks": "changes how Python finds modules (sys.path_hooks)",
    "settrace": "installs a trace function",
    "setprofile": "installs a profile function",
    "displayhook": "replaces sys.displayhook",
    "excepthook": "replaces sys.excepthook",
    "_getframe": "reads the interpreter's stack frames (sys._getframe): a way to hunt for the grader's values",
    "f_back": "walks the interpreter's stack frames: a way to hunt for the grader's values",
    "f_locals": "reads another frame's local variables: a way to hunt for the grader's values",
    "register_comm_target": "replaces a kernel message handler (comm target)",
}
_MODULES = {
    "ctypes": "loads C code (ctypes)", "gc": "searches the interpreter's objects (gc)",
    "inspect": "inspects the interpreter's stack or objects (inspect)",
    "threading": "starts background threads", "_thread": "starts background threads",
    "multiprocessing": "starts other processes", "subprocess": "runs other programs",
    "socket": "opens network connections", "signal": "changes signal handling",
    "sqlite3": "opens a database", "nbgrader": "imports the grader (nbgrader)",
    "importlib": "imports modules by computed name or reloads them",
    "builtins": "changes Python's built-in functions", "comm": "talks to the kernel's message layer",
    "kamgrade": "imports the grader (kamgrade)",
}
_EXITS = {"_exit", "kill", "abort", "killpg"}
_FAKE_PASS = re.compile(r"tests? passed|✓\s*q\d|points?\)?\s*$", re.I)
_OUTSIDE = re.compile(r"(^|/)(source|keys|solutions?|release|autograded|submitted)/|gradebook\.db|\.kamlab_secret|^\.\./")


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def scan_source(source: str) -> list[str]:
    """Plain-words reasons to look at one cell's code (empty when nothing stands out)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    reasons: list[str] = []

    def add(reason: str) -> None:
        if reason not in reasons:
            reasons.append(reason)

    kamlib_names = {"kamlib"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "kamlib":
            kamlib_names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            kamlib_names.update((a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("kamlib"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in _MODULES:
                    add(_MODULES[name.split(".")[0]])
        elif isinstance(node, ast.Attribute) and node.attr in _HOOKS:
            add(_HOOKS[node.attr])
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            add(_MODULES["builtins"])
        elif isinstance(node, ast.Attribute) and node.attr == "modules" and _dotted(node.value) == "sys":
            add("replaces loaded modules (sys.modules)")
        elif isinstance(node, ast.Attribute) and node.attr == "path" and _dotted(node.value) == "sys":
            add("changes where Python imports from (sys.path): e.g. a copy of kamlib of its own")
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                base = _dotted(target).split(".")[0] if isinstance(target, ast.Attribute) else ""
                if base in kamlib_names or (isinstance(target, ast.Name) and target.id in kamlib_names - {"kamlib"}
                                            and re.fullmatch(r"q\d\w*", target.id)):
                    add("replaces parts of kamlib, the course's checks (monkey-patching)")
                elif base in ("dataclasses", "math", "copy", "json", "functools", "typing"):
                    add(f"replaces parts of {base} (monkey-patching)")
        elif isinstance(node, ast.FunctionDef) and node.name == "__eq__":
            body = [n for n in node.body if not isinstance(n, ast.Expr)]
            if len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Constant):
                add("defines an object that claims to equal anything")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _FAKE_PASS.search(node.value):
            add("prints text that looks like the grader's verdict")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _OUTSIDE.search(node.value):
            add("looks for files outside its own folder (the course's source, keys, solutions or gradebook)")
        elif isinstance(node, ast.Attribute) and node.attr in ("parents", "parent") and "getcwd" in ast.dump(node.value):
            add("looks for files outside its own folder (walks up from the working folder)")
        elif isinstance(node, ast.Attribute) and node.attr == "__file__" and _dotted(node.value).split(".")[0] in kamlib_names:
            add("looks for files next to the installed kamlib")
        elif isinstance(node, ast.Call):
            leaf = _dotted(node.func).split(".")[-1]
            if leaf in ("exec", "eval", "compile", "__import__"):
                add("runs code built from text (exec/eval)")
            elif leaf in ("setattr", "delattr") and node.args and _dotted(node.args[0]).split(".")[0] in (
                    "kamlib", "sys", "math", "builtins", "dataclasses"):
                add("changes a library's attributes by name (setattr)")
            elif leaf == "getattr" and len(node.args) > 1 and not isinstance(node.args[1], ast.Constant):
                add("reads attributes by a computed name (getattr); usually harmless, sometimes a way round a check")
            elif leaf in _EXITS and _dotted(node.func).startswith(("os.", "signal.")):
                add(f"stops or signals the kernel ({_dotted(node.func)})")
            elif leaf in ("symlink", "link", "mkfifo", "mknod"):
                add(f"creates a link or special file ({leaf})")
    return reasons


class ScanSubmission(NbGraderPreprocessor):
    """Sanitize step: scan the trainee's own cells (not the locked ones nbgrader restores)."""

    def preprocess(self, nb, resources):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or utils.is_locked(cell):
                continue
            name = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index + 1}")
            for reason in scan_source(cell.source):
                add_finding(resources, "scan", name, reason)
        return nb, resources

