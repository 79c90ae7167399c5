"""Register KAM Lab's grading in an nbgrader config (``exercises/nbgrader_config.py``)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["configure"]


def configure(c, course_root: str | Path) -> None:
    """Plug the hardened grader into nbgrader's config ``c`` for the course at ``course_root``.

    ``KAMLAB_SANDBOX=off`` runs kernels without bubblewrap (only for an instructor's
    own trusted notebooks); ``KAMLAB_SANDBOX_HIDE`` adds folders the kernel must not see.
    """
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        GetGrades,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    from kamgrade.execute import SandboxedExecute
    from kamgrade.export import HonestCsvExport
    from kamgrade.feedback import StripHiddenTests
    from kamgrade.integrity import CellIntegrity
    from kamgrade.outside import MarkOutside
    from kamgrade.review import CarryFindings, ReviewReport
    from kamgrade.scan import ScanSubmission
    from kamgrade.submission import ForgetDuplicates, RepairSubmission

    course_root = Path(course_root).resolve()
    c.Autograde.pre_convert_hook = "kamgrade.submission.quarantine_links"
    c.Autograde.sanitize_preprocessors = [RepairSubmission, CellIntegrity, ScanSubmission, ClearOutput,
                                          DeduplicateIds, ForgetDuplicates, OverwriteKernelspec, OverwriteCells,
                                          CheckCellMetadata, CarryFindings]
    c.Autograde.autograde_preprocessors = [SandboxedExecute, MarkOutside, IgnorePattern, ClearMetadataPreprocessor,
                                           LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
                                           ReviewReport]
    c.OverwriteCells.add_missing_cells = True
    c.GenerateFeedback.preprocessors = [StripHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
    c.ExportApp.plugin_class = HonestCsvExport
    c.ExchangeFactory.collect = "kamgrade.exchange.SafeCollect"
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".kamlab_secret"]
    extra = [p for p in os.environ.get("KAMLAB_SANDBOX_HIDE", "").split(os.pathsep) if p]
    c.SandboxKernelManager.hide = [str(course_root), *extra]
    if os.environ.get("KAMLAB_SANDBOX") == "off":
        c.SandboxKernelManager.sandbox = False
