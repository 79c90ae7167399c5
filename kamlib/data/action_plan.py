"""The after-class action plan (课后行动计划) as data and as a document: the running case's
worked plan (``action_plan_example.yaml``, Li Wei's 90 days at Greyhill Cement), the words that
make a goal specific in the running case (:func:`goal_vocabulary`), and
:func:`export_action_plan`, which writes a plan as a one-page HTML or Markdown file.

>>> plan = load_example_plan()
>>> plan.account.id, len(plan.goals), plan.links["cell"]
('KA04', 3, 'Invest selectively')
>>> "Greyhill" in goal_vocabulary() and "齿轮油" in goal_vocabulary()
True
"""

from __future__ import annotations

from pathlib import Path

from kamlib.data.course import load_supplier
from kamlib.data.key_accounts import load_accounts
from kamlib.data.schema import (
    DataError,
    bilingual,
    data_path,
    field,
    items,
    read_yaml,
    require_keys,
    text,
)
from kamlib.i18n import check_language, get_language
from kamlib.models import arguments as check
from kamlib.models.action_plan import LINK_KINDS, ActionPlan, make_plan, plan_html, plan_markdown

__all__ = ["load_example_plan", "goal_vocabulary", "export_action_plan", "EXPORT_FORMATS"]

#: File endings :func:`export_action_plan` writes, and the format each gets.
EXPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def load_example_plan(language: str | None = None) -> ActionPlan:
    """The running case's worked plan for KA04, checked with :func:`~kamlib.models.action_plan.make_plan`
    against the portfolio; the free-text links in ``language`` (default: the current one)."""
    source = "action_plan_example.yaml"
    lang = get_language() if language is None else check_language(language)
    raw = require_keys(read_yaml(data_path(source)), ("account", "author", "start", "goals", "links"), source)
    goals = items(raw["goals"], source, "goals")
    links = {}
    if not isinstance(raw["links"], dict):
        raise DataError(f"{source}, key 'links': expected a mapping of link kind -> text")
    for kind, value in raw["links"].items():
        where = f"{source}, link {kind!r}"
        if kind not in LINK_KINDS:
            raise DataError(f"{where}: expected one of {', '.join(LINK_KINDS)}")
        links[kind] = value if isinstance(value, str) else bilingual(value, where).get(lang)
    try:
        return make_plan(raw["account"], goals, load_accounts(), links=links,
                         author=field(raw, "author", text(), source), start=str(raw["start"]))
    except (TypeError, ValueError) as err:
        raise DataError(f"{source}: {err}") from None


def goal_vocabulary() -> list[str]:
    """Words that make a goal specific in the running case (:func:`~kamlib.models.action_plan.smart_cues`'s
    ``names``): every account's id and names (English, Chinese, and the first word of the English
    name, e.g. 'Greyhill'), and every product family in both languages."""
    words = []
    for account in load_accounts():
        words += [account.id, account.name, account.name_zh, account.name.split()[0]]
    for family in load_supplier()["product_families"].values():
        words += [family.en, family.zh, family.en.split(" (")[0].removesuffix("s")]
    return list(dict.fromkeys(w for w in words if w.strip()))


def export_action_plan(plan: ActionPlan, path: str | Path, language: str | None = None) -> Path:
    """Write ``plan`` as a one-page document a salesperson can print or send, to ``path``: HTML
    for ``.html``/``.htm``, Markdown for ``.md``/``.markdown``, in ``language`` ('en' or 'zh';
    default the current one). Writes that one file and nothing else; the folder must exist.
    Returns the path written.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export_action_plan(load_example_plan(), folder / "plan.md", "zh").read_text(encoding="utf-8")[:13]
    '# 90 天行动计划：灰山'
    >>> export_action_plan(load_example_plan(), folder / "plan.pdf")
    Traceback (most recent call last):
    ...
    ValueError: path must end in .html, .htm, .md or .markdown (the format to write), got 'plan.pdf'
    """
    if not isinstance(plan, ActionPlan):
        raise TypeError(f"plan must be an ActionPlan (from make_plan), got {type(plan).__name__}")
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a file path (str or Path) ending in .html or .md, got {type(path).__name__}")
    check.text(str(path), "path", "a file path ending in .html or .md")
    lang = get_language() if language is None else check_language(language)
    target = Path(path).expanduser()
    kind = EXPORT_FORMATS.get(target.suffix.lower())
    if kind is None:
        endings = ", ".join(list(EXPORT_FORMATS)[:-1]) + " or " + list(EXPORT_FORMATS)[-1]
        raise ValueError(f"path must end in {endings} (the format to write), got {check.shown(target.name)}")
    try:
        folder_ok = target.parent.is_dir()
        is_dir = target.is_dir()
    except (OSError, ValueError):
        folder_ok, is_dir = False, False
    if not folder_ok:
        raise ValueError(f"path: the folder {check.shown(str(target.parent))} does not exist; create it or "
                         "write into an existing folder")
    if is_dir:
        raise ValueError(f"path: {check.shown(str(target))} is a folder; give a file name ending in .html or .md")
    document = plan_html(plan, lang) if kind == "html" else plan_markdown(plan, lang)
    try:
        target.write_text(document, encoding="utf-8")
    except OSError as err:
        raise ValueError(f"path: cannot write {check.shown(str(target))} ({err.strerror or err})") from None
    return target
