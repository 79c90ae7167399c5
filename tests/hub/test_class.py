"""A class on JupyterHub, end to end with the real parts: system accounts (an instructor,
two trainees), PAM logins, configurable-http-proxy from npm, nbgrader's multi-user exchange,
kamgrade's sandboxed autograde, Chromium driving the trainee's JupyterLab.

The instructor releases ex02_key_accounts; trainee A logs in through the browser, fetches it
from the Assignments tab, answers (the answer cells are written into the open notebook,
then Run All, save), Validates and Submits; trainee B, whose server the hub starts through
its REST API, gets a different portfolio and tries to hand in under A's name; the
instructor collects (B's plant is refused: owner check), autogrades with kamgrade, grades
the argument as formgrader does and releases feedback; A fetches it in the browser and
reads it without the hidden cells.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.hub.conftest import (
    ROOT,
    browser_reason,
    pids_mentioning,
    proxy_reason,
    root_reason,
    stop_process,
    unique_accounts,
)

ASSIGNMENT = "ex02_key_accounts"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
HIDDEN_CODE = ("BEGIN HIDDEN TESTS", ".record(q1_answer)", ".record(q2_answer)")
ARGUMENT = (
    "The account with my highest share of wallet is the one I must not lose. We already sell it "
    "most of what it buys, so its growth for us is small, but losing it would cut our volume at "
    "once and hand a competitor a reference plant in its sector. I would not put it in the invest "
    "cell; I would protect it: a service plan, a named technical contact, and a yearly review of "
    "its oil analysis, so that a cheaper tender never finds it unhappy. That is what the lecture "
    "means by a key account: not the biggest one, but the one whose loss costs most."
)


def _why_not() -> str | None:
    return root_reason() or browser_reason() or proxy_reason()


pytestmark = [pytest.mark.timeout(600)]


def _get(url: str, token: str | None = None, timeout: float = 10):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return answer.status, answer.read()


class Class:
    """The running hub of one test: settings, accounts, an admin API client."""

    def __init__(self, settings, accounts, process, log: Path):
        from tools.hubclient import HubClient

        self.settings, self.accounts, self.process, self.log = settings, accounts, process, log
        self.token = settings.admin_token_file.read_text().strip()
        self.client = HubClient(settings.url(), self.token)

    @property
    def instructor(self) -> str:
        return self.accounts.roles["instructor"]

    def trainee(self, which: str) -> str:
        return self.accounts.roles[which]

    def as_instructor(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        from tools.hub import as_user

        done = as_user(self.settings, self.instructor, *command, cwd=self.settings.course())
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(command)} as the instructor failed ({done.returncode}):\n"
                                 f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done

    def formgrader_steps(self, *steps: str, before: str = "") -> str:
        """nbgrader's API, as formgrader's buttons call it, in one process as the instructor
        (each nbgrader command is a slow start on 2 cores); their logs. ``before`` runs first."""
        script = before + (
            "import json, sys\n"
            "from nbgrader.apps import NbGrader\n"
            "from nbgrader.apps.api import NbGraderAPI\n"
            "from nbgrader.coursedir import CourseDirectory\n"
            "app = NbGrader(); app.load_config_file()\n"
            "api = NbGraderAPI(CourseDirectory(config=app.config), config=app.config)\n"
            "for step in sys.argv[2:]:\n"
            "    result = getattr(api, step)(sys.argv[1])\n"
            "    print(step, result.get('log', ''), result.get('error', ''))\n"
            "    if not result.get('success'):\n"
            "        sys.exit(f'{step} failed')\n"
        )
        return self.as_instructor("python", "-c", script, ASSIGNMENT, *steps).stdout

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    import tempfile

    from tests.hub.conftest import Accounts  # noqa: F401 - the type of `accounts`
    from tools.hub import Settings, free_port

    base = Path(tempfile.mkdtemp(prefix="kamlab-class-"))
    base.chmod(0o755)
    accounts = unique_accounts(base, "instructor", "ana", "bo")
    process = None
    try:
        accounts.create()
        port = free_port()
        log = base / "hub.log"
        command = [sys.executable, "-m", "tools.hub", "start", "--state", str(base / "state"), "--port", str(port),
                   "--instructor", accounts.roles["instructor"],
                   "--trainees", f"{accounts.roles['ana']},{accounts.roles['bo']}",
                   "--server-arg=--LabApp.expose_app_in_browser=True"]
        with open(log, "wb") as out:
            process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the hub exited ({process.returncode}):\n{log.read_text()[-3000:]}")
            try:
                if _get(f"http://127.0.0.1:{port}/hub/api")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the hub did not answer in 120 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield Class(Settings.load(base / "state"), accounts, process, log)
    finally:
        if process is not None:
            stop_process(process)
        accounts.remove()
        left = pids_mentioning(str(base))
        import shutil

        shutil.rmtree(base, ignore_errors=True)
        assert not left, f"processes of the test hub still running: {left}"


# --- the browser side ------------------------------------------------------------------------

def login(context, klass: Class, user: str):
    from tests.browser.jlab import start_async

    page = context.new_page()
    page.goto(f"{klass.settings.url()}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", user)
    page.fill("#password_input", klass.accounts.passwords[user])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=120_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000, polling=200)
    start_async(page, "restored", "await window.jupyterapp.restored; return true;", timeout=120)
    return page


def open_assignments(page):
    page.evaluate("() => window.jupyterapp.commands.execute('nbgrader:open-assignment-list')")
    page.locator("#released_assignments_list, #fetched_assignments_list").first.wait_for(timeout=60_000)


def answer_cells(solution: dict) -> dict[str, str]:
    """grade_id -> source of the worked solution's answer cells (general code: any variant)."""
    answers = {}
    for cell in solution["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_answer"):
            answers[grade_id] = "".join(cell["source"])
    answers["q5_answer"] = ARGUMENT
    return answers


WRITE_ANSWERS = """
const w = panelById(arg.panel);
let written = 0;
for (const cell of w.content.widgets) {
  const meta = cell.model.getMetadata('nbgrader') || {};
  if (meta.grade_id && arg.answers[meta.grade_id] !== undefined) {
    cell.model.sharedModel.setSource(arg.answers[meta.grade_id]);
    written += 1;
  }
}
return written;
"""

SETUP_OUTPUT = """
const w = panelById(arg);
for (const cell of w.content.widgets) {
  const meta = cell.model.getMetadata('nbgrader') || {};
  if (meta.grade_id === 'setup') {
    const parts = [];
    for (let j = 0; j < cell.model.outputs.length; j++) {
      const o = cell.model.outputs.get(j).toJSON();
      parts.push(o.text || (o.data && o.data['text/plain']) || '');
    }
    return parts.join('\\n');
  }
}
return null;
"""


def trainee_works_and_submits(page, klass: Class) -> str:
    """Fetch, answer, Run All, save, Validate, Submit; the setup cell's printed portfolio."""
    from tests.browser.jlab import open_notebook, run_all, start_async, validate

    open_assignments(page)
    page.locator("#released_assignments_list button:has-text('Fetch')").first.click()
    page.locator("#fetched_assignments_list .list_item button:has-text('Submit')").first.wait_for(timeout=60_000)
    panel = open_notebook(page, NOTEBOOK, timeout=120)
    solution = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    answers = answer_cells(solution)
    written = start_async(page, "answers", WRITE_ANSWERS, {"panel": panel, "answers": answers})
    assert written == len(answers), f"wrote {written} of {len(answers)} answer cells"
    run_all(page, panel, timeout=180)
    portfolio = start_async(page, "setup", SETUP_OUTPUT, panel)
    start_async(page, "save", "await window.jupyterapp.commands.execute('docmanager:save'); return true;")
    dialog = validate(page, panel, timeout=180)
    page.keyboard.press("Escape")
    assert dialog["title"].strip() == "Validation Results", dialog
    assert "Success" in dialog["body"] or "passed" in dialog["body"].lower(), dialog
    open_assignments(page)
    page.locator("#fetched_assignments_list .list_item button:has-text('Submit')").first.click()
    page.locator("#submitted_assignments_list .list_item").first.wait_for(timeout=60_000)
    return portfolio or ""


def feedback_text(page, klass: Class, user: str) -> str:
    """Fetch Feedback in the Assignments tab, then read the page as the trainee does."""
    open_assignments(page)
    button = page.locator("#submitted_assignments_list button:has-text('Fetch Feedback')").first
    button.wait_for(timeout=60_000)
    button.click()
    link = page.locator("#submitted_assignments_list a:has-text('view feedback'), "
                        "#submitted_assignments_list button:has-text('View feedback')").first
    link.wait_for(timeout=60_000)
    home = klass.settings.home(user)
    (html_file,) = sorted((home / ASSIGNMENT / "feedback").glob("*/*.html"))
    relative = html_file.relative_to(home).as_posix()
    viewer = page.context.new_page()
    viewer.goto(f"{klass.settings.url()}/user/{user}/files/{relative}", wait_until="domcontentloaded")
    text = viewer.inner_text("body")
    viewer.close()
    return text


# --- the instructor and trainee B through the API -------------------------------------------

def portfolio_of(klass: Class, user: str) -> str:
    """What trainee ``user``'s setup cell prints, run in their own server's kernel."""
    release = json.loads((ROOT / "exercises" / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    setup = next("".join(c["source"]) for c in release["cells"]
                 if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "setup")

    async def run():
        await klass.client.spawn(user)
        return await klass.client.run_cells(user, [setup, "import os, kamlib\n"
                                                   "print(os.environ['JUPYTERHUB_USER'], kamlib.__file__)"])

    setup_result, whoami = klass.client.run(run())
    assert setup_result.error is None, setup_result.error
    return setup_result.text, whoami.text


def plant_under_other_name(klass: Class, planter: str, victim: str) -> str:
    """``planter`` makes a submission folder named for ``victim`` in the inbound."""
    from tools.hub import as_user

    inbound = klass.settings.exchange / "kamlab" / "inbound"
    name = f"{victim}+{ASSIGNMENT}+2030-01-01 00:00:00.000000 UTC+planted"
    script = (
        "import json, os, sys\n"
        f"d = os.path.join({str(inbound)!r}, {name!r})\n"
        "os.mkdir(d)\n"
        f"open(os.path.join(d, {ASSIGNMENT + '.ipynb'!r}), 'w').write(json.dumps({{'cells': [], 'metadata': {{}}, "
        "'nbformat': 4, 'nbformat_minor': 5}))\n"
        "open(os.path.join(d, 'timestamp.txt'), 'w').write('2030-01-01 00:00:00.000000 UTC')\n"
        f"try:\n    os.listdir({str(inbound)!r}); print('LISTED')\nexcept PermissionError:\n    print('NOT LISTABLE')\n"
    )
    done = as_user(klass.settings, planter, klass.settings.python, "-c", script)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_class_round_on_the_hub(klass, chromium, artifacts):
    ana, bo = klass.trainee("ana"), klass.trainee("bo")
    timings = {}
    t0 = time.monotonic()
    # The instructor releases while trainee A logs in (both take a while on 2 cores).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        released = pool.submit(klass.formgrader_steps, "generate_assignment", "release_assignment")
        page = login(chromium, klass, ana)
        released.result()
    timings["release + login"] = time.monotonic() - t0

    # Trainee A, in the browser.
    t0 = time.monotonic()
    try:
        portfolio_a = trainee_works_and_submits(page, klass)
    except Exception:
        from tests.browser.jlab import screenshot

        screenshot(page, artifacts / "hub-trainee.png")
        raise
    timings["trainee in the browser"] = time.monotonic() - t0
    assert f"trainee='{ana}'" in portfolio_a, portfolio_a[:500]

    # Trainee B: own server, own variant, own identity; cannot list the inbound, plants a fake.
    t0 = time.monotonic()
    portfolio_b, whoami = portfolio_of(klass, bo)
    assert whoami.split()[0] == bo and str(klass.settings.trainee_site) in whoami, whoami
    assert f"trainee='{bo}'" in portfolio_b
    accounts = lambda text: re.findall(r"Account\(id='(KA\d+)'", text)  # noqa: E731
    assert accounts(portfolio_a) and accounts(portfolio_a) != accounts(portfolio_b), (portfolio_a[:300], portfolio_b[:300])
    try:  # a trainee has no Formgrader (it would show their home as a course)
        status = _get(f"{klass.settings.url()}/user/{bo}/formgrader", klass.token)[0]
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 404, status
    assert "NOT LISTABLE" in plant_under_other_name(klass, bo, ana)
    timings["trainee B"] = time.monotonic() - t0

    # The instructor: collect, autograde with kamgrade, grade the argument, release feedback.
    t0 = time.monotonic()
    collected = klass.formgrader_steps("collect")
    assert f"handed in under the name '{ana}' but owned by '{bo}'" in collected, collected[-3000:]
    course = klass.settings.course()
    submitted = sorted(p.name for p in (course / "submitted").glob("*"))
    assert submitted == [ana], collected[-3000:]
    graded = klass.as_instructor("python", "-m", "kamgrade", "autograde", ASSIGNMENT, "--course", str(course),
                                 "--jobs", "1", "--", "--Execute.timeout=60", check=False)
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    timings["collect + autograde"] = time.monotonic() - t0
    grade = (
        "from nbgrader.api import Gradebook\n"
        f"with Gradebook('sqlite:///{course / 'gradebook.db'}') as gb:\n"
        f"    g = gb.find_grade('q5_answer', {ASSIGNMENT!r}, {ASSIGNMENT!r}, {ana!r})\n"
        "    g.manual_score = 4; g.needs_manual_grade = False; gb.db.commit()\n"
        f"    s = gb.find_submission({ASSIGNMENT!r}, {ana!r})\n"
        "    print('SCORE', s.score, s.max_score)\n"
    )
    t0 = time.monotonic()
    returned = klass.formgrader_steps("generate_feedback", "release_feedback", before=grade)
    assert "SCORE 16.0 16.0" in returned, returned[-3000:]

    # Trainee A reads the feedback in the browser: points, no hidden cells.
    text = html.unescape(feedback_text(page, klass, ana))
    timings["feedback"] = time.monotonic() - t0
    page.close()
    assert "q1.check(q1_answer)" in text, text[:1500]
    assert "16" in text and "hidden tests: not shown" in text, text[:1500]
    for code in HIDDEN_CODE:
        assert code not in text, code
    print("timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


def test_exchange_permissions(klass):
    """What stops a trainee from reading or planting: modes and owners nbgrader expects."""
    import os
    import stat

    exchange = klass.settings.exchange
    course = exchange / "kamlab"
    owner = lambda p: os.stat(p).st_uid  # noqa: E731
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    instructor_uid = __import__("pwd").getpwnam(klass.instructor).pw_uid
    assert mode(exchange) == 0o1777 and owner(exchange) == 0
    assert mode(course / "inbound") == 0o3733 and owner(course / "inbound") == instructor_uid
    assert mode(course / "outbound") == 0o755 and owner(course) == instructor_uid
    assert mode(klass.settings.course()) == 0o700
    for user in klass.accounts.names:
        assert mode(klass.settings.home(user)) == 0o700, user


def test_the_idle_culler_runs_and_everything_is_on_loopback(klass):
    """The culler is a running hub service; the hub, its proxy and every server listen on 127.0.0.1."""
    status, body = _get(f"{klass.settings.url()}/hub/api/services", klass.token)
    services = json.loads(body)
    assert status == 200 and "idle-culler" in services, services
    assert "idle_culler.py" in " ".join(services["idle-culler"]["command"])
    assert any(p for p in pids_mentioning("idle_culler.py"))
    log = klass.log.read_text(errors="replace")
    listening = re.findall(r"(?:running at|listening on|Proxying) (http://[^\s]+)", log)
    assert listening and all("127.0.0.1" in url for url in listening), listening
