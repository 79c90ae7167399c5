"""jupyterhub-idle-culler as a hub-managed service that stops at once when the hub stops.

The hub stops its services with SIGINT, then SIGTERM, then SIGKILL, waiting between them;
the culler on its own lets the first two pass, which held every hub shutdown ~20 s. It
keeps no state, so exiting on the first signal loses nothing.
"""

import os
import runpy
import signal


def _exit(signum, frame):
    os._exit(0)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _exit)
    signal.signal(signal.SIGTERM, _exit)
    runpy.run_module("jupyterhub_idle_culler", run_name="__main__", alter_sys=True)
