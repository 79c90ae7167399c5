"""Running a submission's cells: in the sandbox, within time and output limits.

:class:`SandboxedExecute` is nbgrader's ``Execute`` with

* the kernel from :class:`kamgrade.sandbox.SandboxKernelManager`, told whose
  submission it runs;
* a wall-clock limit per notebook besides nbgrader's per-cell timeout: the cells
  after the limit do not run;
* a cap on the output kept per cell (the recorded answers are always kept), and
  on the size of any single message the kernel sends, so a 400 MB print costs the
  grader no memory;
* a kernel that dies, hangs, runs out of time or hits a limit gets the submission
  marked *ungraded* with the reason; the kernel is restarted and the batch goes on.
"""

from __future__ import annotations

import json
import time

import zmq
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from kamgrade.outside import ANSWER_MIME
from kamgrade.review import add_finding, add_ungraded
from kamgrade.sandbox import SandboxKernelManager

__all__ = ["SandboxedExecute", "limit_reason"]


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


#: An error a limit causes in the trainee's own code -> what to tell the instructor.
LIMIT_ERRORS = (
    (lambda e, v: e == "MemoryError", "the code hit the sandbox's memory limit"),
    (lambda e, v: "Errno 11" in v or "Resource temporarily unavailable" in v, "the code hit the sandbox's process limit"),
    (lambda e, v: "Errno 28" in v or "No space left on device" in v, "the code filled the sandbox's disk space"),
    (lambda e, v: "Errno 27" in v or "File too large" in v, "the code hit the sandbox's file-size limit"),
    (lambda e, v: "Errno 24" in v or "Too many open files" in v, "the code hit the sandbox's open-file limit"),
)


def limit_reason(cell) -> str | None:
    """Why a cell's error is a sandbox limit (not a wrong answer), or None."""
    for output in cell.get("outputs", []):
        if output.get("output_type") != "error":
            continue
        ename, evalue = str(output.get("ename", "")), str(output.get("evalue", ""))
        for matches, reason in LIMIT_ERRORS:
            if matches(ename, evalue):
                return f"{reason} ({ename}: {evalue[:120]})"
    return None


class SandboxedExecute(Execute):
    """nbgrader's Execute in the sandbox, with limits (see the module docstring)."""

    notebook_timeout = Integer(300, help="Seconds for the whole notebook; later cells do not run.").tag(config=True)
    start_retries = Integer(2, help="Retries when the kernel fails to start before any cell ran.").tag(config=True)
    max_output_bytes = Integer(200_000, help="Output kept per cell; the rest is dropped.").tag(config=True)
    max_message_bytes = Integer(16 * 2**20, help="Larger kernel messages are dropped unread.").tag(config=True)
    replay_timeout = Integer(60, help="Seconds per cell when cells are replayed after a restart "
                                      "(they ran cleanly once; a loaded machine is slower).").tag(config=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kwargs)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        info = self.resources.get("nbgrader", {})
        if isinstance(km, SandboxKernelManager):
            km.trainee = info.get("student", "")
            km.submission = self.resources.get("metadata", {}).get("path", "")
        return km

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        for channel in (kc.iopub_channel, kc.shell_channel):
            channel.socket.setsockopt(zmq.MAXMSGSIZE, self.max_message_bytes)
        return kc

    def preprocess(self, nb, resources=None, km=None):
        self._sizes: dict[int, int] = {}
        self._started = None
        self._ran: list[str] = []  # code that ran cleanly, replayed after a restart
        self._stopped = False
        for attempt in range(self.start_retries + 1):
            self._ran_a_cell = False
            try:
                return super().preprocess(nb, resources, km=km)
            except Exception as err:
                if self._ran_a_cell or attempt == self.start_retries:
                    raise
                self.log.warning("Kernel failed to start (%s: %s); retrying", type(err).__name__, err)
                self.km = self.kc = None

    @staticmethod
    def _name(cell, index) -> str:
        return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"

    def preprocess_cell(self, cell, resources, index):
        self._ran_a_cell = True
        self._started = self._started or time.monotonic()
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if time.monotonic() - self._started > self.notebook_timeout:
            if not self._stopped:
                add_ungraded(self.resources, self._name(cell, index),
                             f"the notebook ran longer than {self.notebook_timeout} s; this cell and the ones after it did not run")
                self._stopped = True
            cell.outputs.append(_error("NotRun", f"not run: the notebook's {self.notebook_timeout} s were used up"))
            return cell, self.resources
        self._timed_out = False
        try:
            cell = self.execute_cell(cell, index, store_history=True)
        except DeadKernelError:
            self._ungraded(cell, index, "the kernel died (the code exited, crashed or hit a memory, "
                                        "process or CPU limit)", "KernelDied")
        except CellTimeoutError:
            self._ungraded(cell, index, f"no answer within {self.timeout} s (timed out)", "CellTimeoutError")
        else:
            if self._timed_out:
                self._ungraded(cell, index, f"no answer within {self.timeout} s (timed out)", None)
            elif limit_reason(cell):
                add_ungraded(self.resources, self._name(cell, index), limit_reason(cell))
        if not any(o.get("output_type") == "error" for o in cell.outputs):
            self._ran.append(cell.source)
        if self._sizes.get(index, 0) > self.max_output_bytes:
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout",
                                             text=f"\n[output cut by the grader after {self.max_output_bytes} bytes]\n"))
            add_finding(self.resources, "output", self._name(cell, index),
                        f"printed {self._sizes[index]:,} bytes; the grader kept the first {self.max_output_bytes:,}")
        return cell, self.resources

    def _ungraded(self, cell, index, reason, ename, restart: bool = True):
        add_ungraded(self.resources, self._name(cell, index), reason)
        if ename:
            cell.outputs.append(_error(ename, reason))
        if restart:
            self.log.warning("Ungraded %s: %s; restarting the kernel", self._name(cell, index), reason)
            run_sync(self.km.restart_kernel)(now=True)
            run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
            self._replay()

    def _replay(self) -> None:
        """Run again, quietly, the cells that ran cleanly before the crash, so the answers
        after it are marked as they would have been (what ran is scored)."""
        for code in self._ran:
            try:
                run_sync(self.kc.execute_interactive)(code, store_history=False, timeout=self.replay_timeout,
                                                      output_hook=lambda msg: None)
            except Exception as err:  # a replay that fails leaves the later answers unmarked
                self.log.warning("Replay after restart failed: %s", err)
                add_finding(self.resources, "replay", "restart", f"replaying the cells before the crash failed ({err})")
                return

    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(json.dumps(content, default=str))
        answer = ANSWER_MIME in content.get("data", {}) and size < 64_000
        self._sizes[cell_index] = self._sizes.get(cell_index, 0) + size
        if self._sizes[cell_index] > self.max_output_bytes and msg["msg_type"] != "error" and not answer:
            return None
        return super().output(outs, msg, display_id, cell_index)
