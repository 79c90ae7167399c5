"""KAM Lab's library: the models, plots, widgets and checks behind the course.

``import kamlib`` is cheap: names are resolved from their home module on first
use (PEP 562), so a grading cell never pays for matplotlib or ipywidgets.

>>> import kamlib
>>> kamlib.get_language()
'en'
"""

from __future__ import annotations

import importlib

from kamlib.i18n import get_language, label, set_language

# public name -> module that defines it
_LAZY = {
    # data
    "load_accounts": "kamlib.data",
    "load_sectors": "kamlib.data",
    "load_supplier": "kamlib.data",
    "accounts_frame": "kamlib.data",
    "load_modules": "kamlib.data",
    # models
    "weighted_score": "kamlib.models.accounts",
    "score_accounts": "kamlib.models.accounts",
    "matrix_cell": "kamlib.models.accounts",
    "shortlist": "kamlib.models.accounts",
    "abc_classes": "kamlib.models.accounts",
    "rank_accounts": "kamlib.models.accounts",
    "normalise_weights": "kamlib.models.accounts",
    "account_table": "kamlib.models.accounts",
    "ATTRACTIVENESS_FACTORS": "kamlib.models.accounts",
    "STRENGTH_FACTORS": "kamlib.models.accounts",
    "DEFAULT_ATTRACTIVENESS_WEIGHTS": "kamlib.models.accounts",
    "DEFAULT_STRENGTH_WEIGHTS": "kamlib.models.accounts",
    # plots
    "plot_selection_matrix": "kamlib.plots.accounts",
    "plot_pareto": "kamlib.plots.accounts",
    "plot_staircase": "kamlib.plots.course",
    # widgets
    "key_accounts_explorer": "kamlib.widgets.accounts",
    "staircase_explorer": "kamlib.widgets.course",
    # channel maps (产品通路图): data, models, plots, widget
    "load_channel_map": "kamlib.data.channels",
    "list_channel_maps": "kamlib.data.channels",
    "build_channel_map": "kamlib.models.channels",
    "validate_channel_map": "kamlib.models.channels",
    "channel_map_problems": "kamlib.models.channels",
    "route_volumes": "kamlib.models.channels",
    "top_routes": "kamlib.models.channels",
    "inflows": "kamlib.models.channels",
    "leverage_point": "kamlib.models.channels",
    "segment_volumes": "kamlib.models.channels",
    "channel_volumes": "kamlib.models.channels",
    "segment_channel_volumes": "kamlib.models.channels",
    "supplied_volume": "kamlib.models.channels",
    "first_fill_share": "kamlib.models.channels",
    "influencers": "kamlib.models.channels",
    "compare_maps": "kamlib.models.channels",
    "plot_channel_map": "kamlib.plots.channels",
    "plot_inflows": "kamlib.plots.channels",
    "plot_segment_channels": "kamlib.plots.channels",
    "channel_map_layout": "kamlib.plots.channels",
    "channel_map_builder": "kamlib.widgets.channels",
    "render_channel_map": "kamlib.widgets.channels",
    # SPIN selling (SPIN模式): data, models, plots, widgets
    "load_spin_questions": "kamlib.data.spin",
    "load_spin_statements": "kamlib.data.spin",
    "load_scenario": "kamlib.data.spin",
    "list_scenarios": "kamlib.data.spin",
    "classify_question": "kamlib.models.spin",
    "classify_questions": "kamlib.models.spin",
    "evaluate_classifier": "kamlib.models.spin",
    "need_label": "kamlib.models.spin",
    "fab_label": "kamlib.models.spin",
    "SPIN_TYPES": "kamlib.models.spin",
    "start_call": "kamlib.models.spin_roleplay",
    "RolePlayCall": "kamlib.models.spin_roleplay",
    "plot_spin_flow": "kamlib.plots.spin",
    "plot_confusion": "kamlib.plots.spin",
    "plot_question_mix": "kamlib.plots.spin",
    "spin_roleplay": "kamlib.widgets.spin",
    "question_classifier_explorer": "kamlib.widgets.spin",
    # checks
    "____": "kamlib.checks",
    "progress": "kamlib.checks.progress",
}

__all__ = ["get_language", "set_language", "label", *_LAZY]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kamlib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
