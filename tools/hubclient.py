"""A small client of a JupyterHub's REST API and of its users' servers (kernels over the
websocket), for the hub's tests and ``benchmarks/hub_load.py``. Loopback only.

    client = HubClient("http://127.0.0.1:8000", admin_token)
    await client.spawn("amy")                       # POST /hub/api/users/amy/server, wait ready
    out = await client.execute("amy", "import os; print(os.environ['JUPYTERHUB_USER'])")
    await client.run_cells("amy", cells)            # Run All, cell by cell, through one kernel
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlparse

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

__all__ = ["HubClient", "Execution", "code_cells"]


@dataclass
class Execution:
    """What a cell printed (stdout and results as text), and its error if any."""

    text: str = ""
    error: str | None = None
    outputs: list = field(default_factory=list)


def code_cells(notebook: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c["cell_type"] == "code"]


class HubClient:
    def __init__(self, base_url: str, token: str, timeout: float = 300):
        host = urlparse(base_url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"base_url must be on this machine (127.0.0.1), got {base_url}")
        self.base_url, self.token, self.timeout = base_url.rstrip("/"), token, timeout
        self._http: dict[int, AsyncHTTPClient] = {}

    @property
    def http(self) -> AsyncHTTPClient:
        """One HTTP client per event loop (a tornado client belongs to the loop it was made in)."""
        loop = id(asyncio.get_running_loop())
        if loop not in self._http:
            self._http[loop] = AsyncHTTPClient(force_instance=True, max_clients=200)
        return self._http[loop]

    def run(self, coroutine):
        """Run ``coroutine`` to its end from synchronous code, also where an event loop is
        already running in this thread (Playwright's): in a thread of its own."""
        import threading

        box = {}

        def target():
            try:
                box["value"] = asyncio.run(coroutine)
            except BaseException as error:  # noqa: BLE001 - handed to the caller
                box["error"] = error

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    async def api(self, method: str, path: str, body: dict | None = None, timeout: float | None = None):
        request = HTTPRequest(
            f"{self.base_url}{path}", method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
            body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
            request_timeout=timeout or self.timeout, allow_nonstandard_methods=True,
        )
        answer = await self.http.fetch(request)
        return json.loads(answer.body) if answer.body else None

    # --- the hub ---------------------------------------------------------------------------
    async def spawn(self, user: str) -> float:
        """Start ``user``'s server and wait until the hub says it is ready; seconds taken."""
        start = time.monotonic()
        try:
            await self.api("POST", f"/hub/api/users/{user}/server")
        except HTTPClientError as error:
            if error.code != 400:  # 400: already running
                raise
        while True:
            model = await self.api("GET", f"/hub/api/users/{user}")
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - start
            if time.monotonic() - start > self.timeout:
                raise TimeoutError(f"{user}'s server not ready after {self.timeout:.0f}s")
            if not model.get("pending") and not server:
                raise RuntimeError(f"{user}'s server failed to start (see the hub's log)")
            await asyncio.sleep(0.25)

    async def stop(self, user: str) -> None:
        try:
            await self.api("DELETE", f"/hub/api/users/{user}/server")
        except HTTPClientError as error:
            if error.code not in (204, 400, 404):
                raise
        start = time.monotonic()
        while time.monotonic() - start < 60:
            model = await self.api("GET", f"/hub/api/users/{user}")
            if not model.get("servers") and not model.get("pending"):
                return
            await asyncio.sleep(0.25)

    # --- a user's server ----------------------------------------------------------------------
    async def start_kernel(self, user: str) -> str:
        kernel = await self.api("POST", f"/user/{user}/api/kernels", {"name": "python3"})
        return kernel["id"]

    async def shutdown_kernel(self, user: str, kernel_id: str) -> None:
        try:
            await self.api("DELETE", f"/user/{user}/api/kernels/{kernel_id}")
        except HTTPClientError:
            pass

    async def run_cells(self, user: str, cells: list[str], kernel_id: str | None = None,
                        stop_on_error: bool = True) -> list[Execution]:
        """Execute ``cells`` one after the other in one kernel (Run All); their results."""
        own = kernel_id is None
        kernel_id = kernel_id or await self.start_kernel(user)
        ws_url = self.base_url.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kernel_id}/channels"
        socket = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {self.token}"},
                                                     request_timeout=self.timeout),
                                         max_message_size=64 * 1024 * 1024)
        results = []
        try:
            for code in cells:
                result = await self._execute(socket, code)
                results.append(result)
                if result.error and stop_on_error:
                    break
        finally:
            socket.close()
            if own:
                await self.shutdown_kernel(user, kernel_id)
        return results

    async def execute(self, user: str, code: str) -> Execution:
        (result,) = await self.run_cells(user, [code])
        return result

    async def _execute(self, socket, code: str) -> Execution:
        msg_id = uuid.uuid4().hex
        await socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "kamlab",
                       "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        result, idle, replied = Execution(), False, False
        deadline = time.monotonic() + self.timeout
        while not (idle and replied):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"cell did not finish in {self.timeout:.0f}s: {code[:80]!r}")
            raw = await asyncio.wait_for(socket.read_message(), remaining)
            if raw is None:
                raise ConnectionError("the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue  # binary frames carry widget buffers only
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                result.text += content["text"]
            elif kind in ("execute_result", "display_data"):
                result.outputs.append(content)
                result.text += content.get("data", {}).get("text/plain", "") + "\n"
            elif kind == "error":
                result.error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                if content.get("status") == "error" and not result.error:
                    result.error = f"{content.get('ename')}: {content.get('evalue')}"
        return result
