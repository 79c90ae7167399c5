"""JupyterHub for a KAM Lab class on one machine, started by ``python -m tools.hub start``
(``make hub``), which checks the machine and writes ``$KAMLAB_HUB_STATE/hub.json`` first.

Everything listens on 127.0.0.1: the proxy (configurable-http-proxy from npm, in
hub/node_modules), its API, the hub, each account's server. Accounts are system accounts
authenticated by PAM; each server runs as its account (LocalProcessSpawner), with the
environment ``tools.hub.user_env`` gives it. See docs/hub.md.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jupyterhub.spawner import LocalProcessSpawner  # noqa: E402

from tools.hub import Settings, place_lectures, user_env  # noqa: E402

c = get_config()  # noqa: F821 -- provided by JupyterHub
settings = Settings.load(os.environ["KAMLAB_HUB_STATE"])
state = settings.path

# --- where it listens, what it keeps ------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{settings.port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_port}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.api_port}"
c.ConfigurableHTTPProxy.command = [settings.proxy]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every server it spawned
c.JupyterHub.cleanup_proxy = True

# --- who may log in -------------------------------------------------------------------------
# PAM: the machine's own accounts and passwords (a small class on one machine). For accounts
# that exist only in the hub, NativeAuthenticator (sign-up, approved by the instructor) is
# the usual choice; the spawner below still needs a system account per user.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no login session per server (containers lack logind)
c.Authenticator.allowed_users = set(settings.trainees)
c.Authenticator.admin_users = {settings.instructor}


# --- each account's server ------------------------------------------------------------------
class KamLabSpawner(LocalProcessSpawner):
    """A server as the account, with kamlib from the bundle (trainees) or the repository's
    grader (the instructor); JUPYTERHUB_USER names the trainee for kamlib's variants."""

    def get_env(self):
        env = super().get_env()
        env.update(user_env(settings, self.user.name))
        return env


def before_spawn(spawner):
    place_lectures(settings, spawner.user.name)


c.JupyterHub.spawner_class = KamLabSpawner
c.Spawner.cmd = [settings.python, "-m", "jupyterhub.singleuser"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = list(settings.extra.get("server_args", []))  # --server-arg (the browser tests)
c.Spawner.default_url = "/lab"
c.Spawner.pre_spawn_hook = before_spawn
c.Spawner.start_timeout = 180  # a class logging in at once on a small machine
c.Spawner.http_timeout = 180
# A class logging in at 9:00 queues instead of starving the machine (hub_load.py sets 0).
c.JupyterHub.concurrent_spawn_limit = settings.extra.get("spawn_limit", 50)

# --- services ---------------------------------------------------------------------------------
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [sys.executable, str(ROOT / "hub" / "idle_culler.py"), f"--timeout={settings.idle_timeout}",
                 "--cull-every=60"]},
    {"name": "kamlab-admin", "api_token": settings.admin_token_file.read_text().strip()},
]
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": "kamlab-admin", "services": ["kamlab-admin"],
     "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users", "tokens",
                "list:services", "read:services"]},
]
