"""Valid examples for tests/test_bad_input.py: module 09, product channel maps."""

from __future__ import annotations


def _map():
    from kamlib.data.channel_maps import load_channel_map

    return load_channel_map("running_case")


EXAMPLES = {
    "plot_top_routes": lambda: {"g": _map()},
}
