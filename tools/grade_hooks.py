"""KAM Lab's hardened grading: nbgrader plug-ins registered by exercises/nbgrader_config.py.

Grading runs the trainee's code, so the grader defends itself in layers (docs/instructor.md):

* **sandbox** -- :class:`SandboxKernelManager` starts the kernel under bubblewrap: the file
  system is read-only, the course folder (``source/`` with the solutions and hidden tests,
  ``gradebook.db``, every other trainee's files), the repository's ``solutions/`` and the
  other kernels' connection files are hidden; only the submission's own folder is writable;
  the kernel sees no other process. Without bwrap it warns and grades unsandboxed.
* **guard** -- :class:`GuardedExecute` runs ``tools/grade_guard.py`` in the kernel at start
  and, before every graded cell, asks it (over a comm, which input transformers cannot
  blank) to undo hook, builtin, import-system and kamlib tampering; what it undid is
  reported. A kernel that dies or hangs fails its cell, the kernel is restarted and the
  batch goes on; the submission is marked *ungraded*. Outputs are capped per cell.
* **scan** -- :func:`scan_source` reads the submission's own cells for tampering;
  :class:`CellIntegrity` reports edited, deleted, duplicated or re-weighted nbgrader cells
  (nbgrader restores them; the trainee is still flagged).
* **honest results** -- :class:`ReviewReport` writes ``review/<assignment>/<student>/<nb>.json``
  beside the gradebook and marks flagged or ungraded submissions for manual review in the
  gradebook; :class:`HonestCsvExport` leaves an ungraded score blank and says why;
  :class:`StripHiddenTests` keeps hidden-test code out of feedback.

``KAMLAB_DEFENCES=off`` in the environment grades with plain nbgrader (to measure).
"""

from __future__ import annotations

import ast
import asyncio
import csv
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
import warnings
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import ExportPlugin
from nbgrader.preprocessors import Execute, GetGrades, NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from kamlib.data.gradebook import read_reviews

__all__ = [
    "sandbox_available", "SandboxKernelManager", "GuardedExecute", "scan_source", "CellIntegrity",
    "ForgetDuplicates", "ReviewReport", "StripHiddenTests", "HonestCsvExport", "review_dir", "read_reviews", "configure",
]

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
GUARD = TOOLS / "grade_guard.py"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


# --- the sandbox ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def sandbox_available() -> str | None:
    """None when bubblewrap can start a sandbox here, else why not."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bwrap (bubblewrap) is not installed (apt-get install bubblewrap)"
    probe = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid",
             "--die-with-parent", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"bwrap could not run: {err}"
    return None if done.returncode == 0 else f"bwrap cannot create a sandbox here: {done.stderr.strip()}"


def _inside(path: Path, folders) -> bool:
    return any(path == f or f in path.parents for f in folders)


class SandboxKernelManager(AsyncKernelManager):
    """Starts the kernel inside bubblewrap (see the module docstring)."""

    sandbox = Bool(True, help="Run the kernel under bubblewrap when bwrap works here.").tag(config=True)
    hide = List(Unicode(), help="Folders (or files) the kernel must not see.").tag(config=True)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if not self.sandbox:
            return cmd
        problem = sandbox_available()
        if problem:
            warnings.warn(f"KAM Lab grading sandbox is OFF: {problem}. Trainee code can read "
                          "exercises/source and write the gradebook.", RuntimeWarning, stacklevel=2)
            return cmd
        return self.sandbox_args() + cmd

    def sandbox_args(self) -> list[str]:
        cwd = Path(self._launch_args.get("cwd") or os.getcwd()).resolve()
        connection = Path(os.path.realpath(self.connection_file))
        scratch = Path("/tmp")
        hidden = [scratch, connection.parent] + [Path(p).resolve() for p in self.hide if p]
        # what the kernel needs even where a hidden folder covers it: Python and kamlib
        needed = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), REPO / "kamlib", TOOLS}
        args = ["sh", "-c", 'trap "" INT; exec "$0" "$@"',  # the interrupt is for the kernel, not bwrap
                "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        done: list[Path] = []
        for path in hidden:
            if _inside(path, done) or not path.exists():
                continue
            args += ["--tmpfs", str(path)] if path.is_dir() else ["--ro-bind", "/dev/null", str(path)]
            done.append(path)
        for path in sorted(needed):
            if _inside(path, done) and path.exists():
                args += ["--ro-bind", str(path), str(path)]
        args += ["--bind", str(cwd), str(cwd), "--ro-bind", str(connection), str(connection),
                 "--dir", "/tmp/.kamlab", "--setenv", "MPLCONFIGDIR", "/tmp/.kamlab",
                 "--setenv", "IPYTHONDIR", "/tmp/.kamlab", "--setenv", "TMPDIR", "/tmp",
                 "--unsetenv", "JPY_PARENT_PID", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                 "--die-with-parent", "--cap-drop", "ALL", "--chdir", str(cwd), "--"]
        return args


# --- executing a submission --------------------------------------------------------------------

def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class GuardedExecute(Execute):
    """nbgrader's Execute in the sandbox, with the guard, restarts and an output cap."""

    guard = Bool(True, help="Run tools/grade_guard.py in the kernel before graded cells.").tag(config=True)
    guard_timeout = Integer(30, help="Seconds to wait for the guard's answer.").tag(config=True)
    start_retries = Integer(2, help="Retries when the kernel fails to start (before any cell ran; "
                                    "e.g. a port taken by a parallel worker's kernel).").tag(config=True)
    max_output_bytes = Integer(200_000, help="Output kept per cell; the rest is dropped.").tag(config=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        review = resources.setdefault("kamlab", {"ungraded": [], "findings": []})
        for cell in nb.cells:
            if cell.cell_type == "code" and not utils.is_locked(cell):
                name = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {nb.cells.index(cell) + 1}")
                review["findings"] += [{"kind": "scan", "cell": name, "reason": r} for r in scan_source(cell.source)]
        self._review = review
        self._sizes: dict[int, int] = {}
        if self.guard and not any("exec_files" in a for a in self.extra_arguments):
            self.extra_arguments = [*self.extra_arguments, f"--IPKernelApp.exec_files={GUARD}"]
        for attempt in range(self.start_retries + 1):
            self._ran_a_cell = False
            try:
                return super().preprocess(nb, resources, km=km)
            except Exception as err:
                if self._ran_a_cell or attempt == self.start_retries:
                    raise
                self.log.warning("Kernel failed to start (%s: %s); retrying", type(err).__name__, err)
                self.km = self.kc = None

    def _cell_name(self, cell, index) -> str:
        return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"

    def preprocess_cell(self, cell, resources, index):
        self._ran_a_cell = True
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if self.guard and utils.is_grade(cell):
            self._run_guard(self._cell_name(cell, index))
        self._timed_out = False
        try:
            cell = self.execute_cell(cell, index, store_history=True)
        except DeadKernelError:
            self._incident(cell, index, "the kernel died (the code exited or crashed)", "KernelDied")
        except CellTimeoutError:
            self._incident(cell, index, f"no answer within {self.timeout} s (timed out)", "CellTimeoutError")
        else:
            if self._timed_out:
                self._incident(cell, index, f"no answer within {self.timeout} s (timed out)", None)
        if self._sizes.get(index, 0) > self.max_output_bytes:
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout",
                                             text=f"\n[output cut by the grader after {self.max_output_bytes} bytes]\n"))
            self._review["findings"].append({"kind": "output", "cell": self._cell_name(cell, index),
                                             "reason": f"printed {self._sizes[index]} bytes (kept {self.max_output_bytes})"})
        return cell, self.resources

    def _incident(self, cell, index, reason, ename):
        self._review["ungraded"].append({"cell": self._cell_name(cell, index), "reason": reason})
        if ename:
            cell.outputs.append(_error(ename, reason))
        self.log.warning("Ungraded %s: %s; restarting the kernel", self._cell_name(cell, index), reason)
        run_sync(self.km.restart_kernel)(now=True)
        run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)

    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._sizes[cell_index] = self._sizes.get(cell_index, 0) + size
        if self._sizes[cell_index] > self.max_output_bytes and msg["msg_type"] != "error":
            return None
        return super().output(outs, msg, display_id, cell_index)

    def _run_guard(self, cell_name: str) -> None:
        try:
            undone = run_sync(self._ask_guard)()
        except Exception as err:  # no answer: the hooks that run our code were tampered with
            undone = [f"the grader's guard did not answer before {cell_name} ({type(err).__name__})"]
        for reason in undone:
            if not any(f["reason"] == reason for f in self._review["findings"]):
                self._review["findings"].append({"kind": "runtime", "cell": cell_name, "reason": reason})

    async def _ask_guard(self) -> list[str]:
        nonce, comm_id = uuid.uuid4().hex, uuid.uuid4().hex
        msg = self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "kamlab_guard",
                                                "data": {"nonce": nonce}})
        self.kc.shell_channel.send(msg)
        deadline = asyncio.get_running_loop().time() + self.guard_timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise TimeoutError("guard")
            reply = await self.kc.iopub_channel.get_msg(timeout=left)
            content = reply.get("content", {})
            if reply["msg_type"] == "comm_msg" and content.get("comm_id") == comm_id:
                data = content.get("data", {})
                if data.get("nonce") != nonce:
                    return ["the grader's guard answered with a forged message"]
                return list(data.get("undone", []))


# --- the static scan ---------------------------------------------------------------------------

_HOOK_ATTRS = {"ast_transformers": "IPython AST transformers", "input_transformers_post": "IPython input transformers",
               "input_transformers_cleanup": "IPython input transformers",
               "input_transformer_manager": "IPython input transformers", "events": "IPython events",
               "register_magic_function": "IPython magics", "run_cell": "the shell's run_cell",
               "showtraceback": "the shell's tracebacks", "_showtraceback": "the shell's tracebacks",
               "meta_path": "the import system", "path_hooks": "the import system",
               "settrace": "a trace function", "setprofile": "a profile function",
               "displayhook": "sys.displayhook", "excepthook": "sys.excepthook"}
_RISKY_MODULES = {"sqlite3", "subprocess", "ctypes", "socket", "gc", "signal", "shutil", "pty", "multiprocessing",
                  "builtins", "importlib", "inspect", "nbgrader", "comm", "threading", "_thread"}
_EXITS = {"_exit", "exit", "quit", "kill", "abort", "killpg"}
_FILE_CALLS = {"open", "Path", "listdir", "scandir", "walk", "glob", "iglob", "connect", "remove", "unlink",
               "rmtree", "copy", "copyfile", "rename", "replace", "system", "popen", "run", "Popen", "chdir",
               "read_text", "write_text", "read_bytes", "write_bytes", "execfile", "loadtxt", "read_csv"}
_FAKE_PASS = re.compile(r"tests? passed|✓", re.I)


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append(_dotted(node.func) + "()")
    return ".".join(reversed(parts))


def _literal_path_ok(node) -> bool:
    """A literal relative path inside the submission's folder."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    path = node.value
    return not (path.startswith(("/", "~")) or ".." in Path(path).parts)


def scan_source(source: str) -> list[str]:
    """Reasons to review one cell's code (empty when nothing looks like tampering).

    >>> scan_source("def weighted_score(s, w):\\n    return sum(w[f] * s[f] for f in w) / 100")
    []
    >>> scan_source("get_ipython().ast_transformers.append(X())")
    ['changes IPython AST transformers']
    >>> scan_source("exec('x' + '=1')")
    ['exec/eval of a built string']
    """
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    reasons: list[str] = []

    def add(reason: str) -> None:
        if reason not in reasons:
            reasons.append(reason)

    kamlib_names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                root = name.split(".")[0]
                if root in _RISKY_MODULES:
                    add(f"imports {root}")
                if root == "kamlib":
                    kamlib_names.update((a.asname or a.name).split(".")[0] for a in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _HOOK_ATTRS:
            add(f"changes {_HOOK_ATTRS[node.attr]}")
        elif isinstance(node, ast.Name) and node.id in ("__builtins__", "builtins"):
            add("touches builtins")
        elif isinstance(node, ast.Attribute) and node.attr == "modules" and _dotted(node.value) == "sys":
            add("manipulates sys.modules")
        elif isinstance(node, ast.Attribute) and node.attr in ("environ", "putenv", "unsetenv") and _dotted(node.value) == "os":
            add("changes os.environ")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                base = _dotted(target).split(".")[0] if isinstance(target, ast.Attribute) else ""
                if base in kamlib_names or base == "kamlib":
                    add("patches kamlib")
                elif isinstance(target, ast.Attribute) and base in ("math", "copy", "random", "operator", "importlib", "sys", "os"):
                    add(f"patches the {base} module")
        elif isinstance(node, ast.FunctionDef) and node.name == "__eq__":
            body = [n for n in node.body if not isinstance(n, ast.Expr)]
            if len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Constant):
                add("defines an __eq__ that always answers the same")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _FAKE_PASS.search(node.value):
            add("prints text that imitates the grader")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            leaf = name.split(".")[-1]
            if leaf in ("exec", "eval", "compile", "__import__", "import_module", "reload", "execfile"):
                literal = node.args and isinstance(node.args[0], ast.Constant)
                add(f"{leaf} of a literal" if literal and leaf in ("__import__", "import_module") else "exec/eval of a built string")
            elif leaf in ("setattr", "delattr", "__setattr__", "__delattr__"):
                add("sets attributes dynamically (setattr)")
            elif leaf in ("getattr",) and len(node.args) > 1 and not isinstance(node.args[1], ast.Constant):
                add("reads attributes by computed name (getattr)")
            elif leaf in _EXITS and (name.startswith(("os.", "sys.")) or name in ("exit", "quit")):
                add(f"exits or signals the kernel ({name})")
            elif leaf in _FILE_CALLS and name not in ("copy.copy", "copy.deepcopy"):
                if not (node.args and _literal_path_ok(node.args[0])):
                    add(f"file access outside the submission ({name})")
    return reasons


# --- sanitize phase: what nbgrader will quietly restore ------------------------------------------

def review_dir(db_url: str) -> Path:
    """Where review files live: ``review/`` beside a sqlite gradebook (else the working folder)."""
    if db_url.startswith("sqlite:///"):
        return Path(db_url[len("sqlite:///"):]).resolve().parent / "review"
    return Path.cwd() / "review"


def _review_file(resources, suffix: str = "json") -> Path:
    info = resources["nbgrader"]
    return review_dir(info["db_url"]) / info["assignment"] / info["student"] / f"{info['notebook']}.{suffix}"


def _released(source: str) -> set[str]:
    """A locked cell as the instructor wrote it and as the release shows it (hidden tests cut)."""
    kept, hiding = [], False
    for line in source.splitlines():
        if line.strip() == HIDDEN_BEGIN:
            hiding = True
        elif line.strip() == HIDDEN_END:
            hiding = False
        elif not hiding:
            kept.append(line)
    return {source.strip(), "\n".join(kept).strip()}


class ForgetDuplicates(NbGraderPreprocessor):
    """After DeduplicateIds: drop the nbgrader metadata it left without a grade id
    (nbgrader 0.9.6's add_missing_cells fails on it with KeyError: 'grade_id')."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.get("metadata", {})
        if "nbgrader" in meta and "grade_id" not in meta["nbgrader"]:
            del meta["nbgrader"]
        return cell, resources


class CellIntegrity(NbGraderPreprocessor):
    """Before nbgrader restores them: edited, deleted, duplicated or re-weighted graded cells."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        findings = []
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
            sources = {c.name: c for c in notebook.source_cells}
            points = {c.name: c.max_score for c in notebook.grade_cells}
            seen: dict[str, int] = {}
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                grade_id = meta.get("grade_id")
                if not grade_id:
                    continue
                seen[grade_id] = seen.get(grade_id, 0) + 1
                source = sources.get(grade_id)
                if source is not None and source.locked and cell.source.strip() not in _released(source.source):
                    findings.append((grade_id, "a locked cell was edited (nbgrader restored it)"))
                if grade_id in points and meta.get("points") is not None and float(meta["points"]) != points[grade_id]:
                    findings.append((grade_id, f"points changed to {meta['points']} (nbgrader restored {points[grade_id]})"))
            findings += [(g, f"cell duplicated ({n} copies)") for g, n in seen.items() if n > 1]
            findings += [(g, "graded cell deleted (restored for grading)") for g in points if g not in seen]
        path = _review_file(resources, "sanitize.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([{"kind": "cells", "cell": g, "reason": r} for g, r in findings]))
        return nb, resources


# --- after grading: the review file and the gradebook's review marks ---------------------------

class ReviewReport(NbGraderPreprocessor):
    """Write the review file; flag tampered submissions and mark ungraded ones for review."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        review = resources.get("kamlab", {"ungraded": [], "findings": []})
        sanitize = _review_file(resources, "sanitize.json")
        findings = (json.loads(sanitize.read_text()) if sanitize.exists() else []) + review["findings"]
        status = "ungraded" if review["ungraded"] else "flagged" if findings else "graded"
        record = {"student": info["student"], "assignment": info["assignment"], "notebook": info["notebook"],
                  "status": status, "ungraded": review["ungraded"], "findings": findings}
        path = _review_file(resources)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False))
        sanitize.unlink(missing_ok=True)
        with Gradebook(info["db_url"]) as gb:
            submission = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            submission.flagged = status != "graded"
            if status != "graded":
                for grade in submission.grades:
                    if grade.cell.cell_type == "code":
                        grade.needs_manual_grade = True
            gb.db.commit()
        if status != "graded":
            self.log.warning("%s %s: %s (%s)", info["student"], info["notebook"], status,
                             "; ".join(f"{f['cell']}: {f['reason']}" for f in review["ungraded"] + findings))
        return nb, resources


def write_review_csv(records: list[dict], dest: Path) -> None:
    """One row per reason: student, assignment, notebook, status, kind, cell, reason."""
    with open(dest, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "assignment", "notebook", "status", "kind", "cell", "reason"])
        for r in records:
            rows = [("ungraded", u["cell"], u["reason"]) for u in r["ungraded"]]
            rows += [(f["kind"], f["cell"], f["reason"]) for f in r["findings"]]
            for kind, cell, reason in rows or [("", "", "")]:
                out.writerow([r["student"], r["assignment"], r["notebook"], r["status"], kind, cell, reason])


# --- feedback and export -----------------------------------------------------------------------

class StripHiddenTests(NbGraderPreprocessor):
    """Feedback never shows hidden-test code: the region goes, tracebacks shrink to one line."""

    def preprocess_cell(self, cell, resources, index):
        if HIDDEN_BEGIN not in cell.source:
            return cell, resources
        kept, hiding = [], False
        for line in cell.source.splitlines():
            if line.strip() == HIDDEN_BEGIN:
                hiding = True
                kept.append("# (hidden tests: not shown)")
            elif line.strip() == HIDDEN_END:
                hiding = False
            elif not hiding:
                kept.append(line)
        cell.source = "\n".join(kept)
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources


class HonestCsvExport(ExportPlugin):
    """nbgrader's CSV columns plus ``status`` and ``reasons``; an ungraded score is left blank."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        reviews = {(r["assignment"], r["student"]): r
                   for r in read_reviews(review_dir(str(gradebook.engine.url)))}
        keys = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                "raw_score", "late_submission_penalty", "score", "max_score", "status", "reasons"]
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            out = csv.DictWriter(fh, keys)
            out.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    row = {"assignment": assignment.name, "duedate": assignment.duedate or "",
                           "student_id": student.id, "last_name": student.last_name or "",
                           "first_name": student.first_name or "", "email": student.email or "",
                           "max_score": assignment.max_score}
                    try:
                        sub = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        row.update(timestamp="", raw_score="", late_submission_penalty="", score="",
                                   status="missing", reasons="no submission")
                        out.writerow(row)
                        continue
                    review = reviews.get((assignment.name, student.id))
                    grades = [g for nb in sub.notebooks for g in nb.grades]
                    pending = any(g.needs_manual_grade for g in grades)
                    status = review["status"] if review else "graded"
                    reasons = "; ".join(f"{x['cell']}: {x['reason']}"
                                        for x in (review["ungraded"] + review["findings"] if review else []))
                    never = [g.name for g in grades if g.cell.cell_type == "code"
                             and g.auto_score is None and g.manual_score is None]
                    if never:
                        status, pending = "ungraded", True
                        reasons = "; ".join(filter(None, [reasons, f"autograde did not score {', '.join(never)}"]))
                    if status != "graded" and not pending:
                        status = f"reviewed ({status})"
                    row.update(timestamp=sub.timestamp or "", late_submission_penalty=sub.late_submission_penalty,
                               status=status, reasons=reasons)
                    if status == "ungraded":
                        row.update(raw_score="", score="")
                    else:
                        row.update(raw_score=sub.score, score=max(0.0, sub.score - sub.late_submission_penalty))
                    out.writerow(row)
        self.log.info("Exported grades with review status to %s", dest)


# --- the configuration -------------------------------------------------------------------------

def configure(c, course_root: Path) -> None:
    """Register the defences in an nbgrader config ``c`` for the course at ``course_root``."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    c.Autograde.sanitize_preprocessors = [CellIntegrity, ClearOutput, DeduplicateIds, ForgetDuplicates,
                                          OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
    c.Autograde.autograde_preprocessors = [GuardedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                           SaveAutoGrades, AssignLatePenalties, CheckCellMetadata, ReviewReport]
    c.OverwriteCells.add_missing_cells = True
    c.GenerateFeedback.preprocessors = [StripHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
    c.ExportApp.plugin_class = HonestCsvExport
    extra = [p for p in os.environ.get("KAMLAB_SANDBOX_HIDE", "").split(os.pathsep) if p]
    c.SandboxKernelManager.hide = [str(course_root), str(REPO / "exercises"), str(REPO / "solutions"), *extra]
    if os.environ.get("KAMLAB_SANDBOX") == "off":
        c.SandboxKernelManager.sandbox = False
