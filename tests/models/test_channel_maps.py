"""Channel maps (产品通路图): building, checking, volumes, comparing; properties with hypothesis."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.models.channel_maps import (
    build_channel_map,
    channel_map_problems,
    channel_volumes,
    compare_maps,
    edge_table,
    edge_volumes,
    first_fill_share,
    inflows,
    influencers,
    leverage_point,
    random_channel_map,
    route_volumes,
    segment_volumes,
    top_routes,
    validate_channel_map,
)

SMALL = [("Supplier", "Distributor", 0.6), ("Supplier", "OEM", 0.4),
         ("Distributor", "Cement plant", 0.5), ("Distributor", "Mine", 0.5), ("OEM", "Fleet", 1.0)]


def small():
    return build_channel_map(SMALL, source_volumes=1000)


# --- building ------------------------------------------------------------------------------


def test_build_from_tuples_dicts_and_dataframe_agree():
    import pandas as pd

    dicts = [{"from": u, "to": v, "share": s} for u, v, s in SMALL]
    frame = pd.DataFrame(dicts)
    for edges in (SMALL, dicts, frame):
        g = build_channel_map(edges, source_volumes=1000)
        assert nx.utils.graphs_equal(g, small())


def test_kinds_are_inferred_without_nodes():
    g = build_channel_map(SMALL + [{"from": "Lab", "to": "Fleet", "kind": "influence"}])
    kinds = dict(g.nodes(data="kind"))
    assert kinds == {"Supplier": "supplier", "Distributor": "intermediary", "OEM": "intermediary",
                     "Cement plant": "end_user", "Mine": "end_user", "Fleet": "end_user",
                     "Lab": "influencer"}
    assert "share" not in g.edges["Lab", "Fleet"]


def test_declared_nodes_keep_their_attributes():
    g = build_channel_map([("S", "D", 1.0)], nodes={"S": {"kind": "supplier", "volume_t": 5, "en": "Us"},
                                                   "D": "distributor"})
    assert g.nodes["S"] == {"kind": "supplier", "volume_t": 5, "en": "Us"}
    assert g.nodes["D"] == {"kind": "distributor"}


@pytest.mark.parametrize(
    "edges, kwargs, error, message",
    [
        ("S,D,1", {}, TypeError, "edges must be a list"),
        ([("S", "D")], {}, TypeError, "edges[0] must be a (from, to, share) tuple"),
        ([("S", 3, 0.5)], {}, TypeError, "'to' must be a node name"),
        ([("S", "D", 0.5), ("S", "D", 0.2)], {}, ValueError, "edge S → D is listed twice"),
        ([{"from": "S", "to": "D", "shar": 1}], {}, ValueError, "must have keys from, to and share"),
        ([("S", "D", 1.0)], {"source_volumes": "lots"}, TypeError, "source_volumes must be a number"),
        ([("S", "D", 1.0)], {"source_volumes": {"X": 5}}, ValueError, "names 'X', which is not a node"),
        ([("S", "D", 1.0), ("T", "D", 1.0)], {"source_volumes": 9}, ValueError, "found S, T"),
    ],
)
def test_bad_edge_tables_are_named(edges, kwargs, error, message):
    with pytest.raises(error) as info:
        build_channel_map(edges, **kwargs)
    assert message in str(info.value)


def test_dataframe_without_share_column():
    import pandas as pd

    with pytest.raises(ValueError, match="missing share"):
        build_channel_map(pd.DataFrame({"from": ["S"], "to": ["D"]}))


# --- checking ------------------------------------------------------------------------------

KINDS = {"S": "supplier", "D": "distributor", "E": "dealer", "F": "end_user"}


def broken(edges, nodes=KINDS, **kwargs):
    return build_channel_map(edges, nodes=nodes, validate=False, **kwargs)


@pytest.mark.parametrize(
    "edges, nodes, message",
    [
        ([("S", "D", 1.0), ("D", "E", 1.0), ("E", "D", 0.5), ("E", "F", 0.5)], KINDS,
         "loop D → E → D: volume would go round for ever"),
        ([("S", "D", 0.7), ("S", "F", 0.6), ("D", "F", 1.0)], KINDS,
         "shares out of node S add up to 130 %, over 100 % (S → D 0.7, S → F 0.6)"),
        ([("S", "D", -0.2), ("D", "F", 1.0)], KINDS, "share on edge S → D must be a number from 0 to 1, got -0.2"),
        ([("S", "D", "half"), ("D", "F", 1.0)], KINDS, "share on edge S → D must be a number from 0 to 1, got 'half'"),
        ([("S", "D", None), ("D", "F", 1.0)], KINDS, "edge S → D has no share"),
        ([("S", "D", 1.0), ("E", "F", 1.0)], KINDS, "node E is an orphan: nobody supplies it"),
        ([("S", "D", 1.0), ("D", "X", 1.0)], {"S": "supplier", "D": "distributor"},
         "edge to unknown node X (edge D → X)"),
        ([("S", "D", 1.0)], {"S": "supplier", "D": "retailer"}, "node D has unknown kind 'retailer'"),
        ([("S", "D", 1.0)], {"S": {"kind": "supplier", "volume_t": -5}, "D": "end_user"},
         "volume_t of node S must be a number >= 0 (t/yr), got -5"),
        ([("S", "D", 1.0)], {"S": "distributor", "D": "end_user"}, "the map has no supplier"),
        ([("S", "D", 1.0), ("L", "D", 0.5)], {"S": "supplier", "D": "end_user", "L": "influencer"},
         "influencer L moves no volume"),
        ([{"from": "S", "to": "D", "share": 1.0, "channel": "oem"}], {"S": "supplier", "D": "end_user"},
         "channel on edge S → D must be 'first_fill' or 'aftermarket'"),
    ],
)
def test_problems_name_the_node_or_edge(edges, nodes, message):
    g = broken(edges, nodes)
    problems = channel_map_problems(g)
    assert any(message in p for p in problems), problems
    with pytest.raises(ValueError, match="^" + problems[0][:20].replace("(", r"\(")):
        validate_channel_map(g)


def test_self_loop_is_a_loop():
    g = broken([("S", "D", 0.5), ("D", "D", 0.5), ("D", "F", 0.5)])
    assert "loop D → D: volume would go round for ever" in channel_map_problems(g)


def test_a_sound_map_has_no_problems_and_validates_to_itself():
    g = small()
    assert channel_map_problems(g) == []
    assert validate_channel_map(g) is g


def test_not_a_graph():
    with pytest.raises(TypeError, match="g must be a channel map \\(a networkx DiGraph\\), got list"):
        channel_map_problems([])
    with pytest.raises(TypeError, match="MultiDiGraph"):
        route_volumes(nx.MultiDiGraph())
    assert channel_map_problems(nx.DiGraph()) == ["the map is empty: add edges from, to, share"]


# --- volumes -------------------------------------------------------------------------------


def test_route_volumes_and_top_routes():
    routes = route_volumes(small())
    assert routes == {("Supplier", "OEM", "Fleet"): 400.0,
                      ("Supplier", "Distributor", "Cement plant"): 300.0,
                      ("Supplier", "Distributor", "Mine"): 300.0}
    assert top_routes(small(), 2) == [(("Supplier", "OEM", "Fleet"), 400.0),
                                      (("Supplier", "Distributor", "Cement plant"), 300.0)]
    with pytest.raises(ValueError, match="n must be a whole number >= 1, got 0"):
        top_routes(small(), 0)


def test_volumes_need_a_source_volume():
    with pytest.raises(ValueError, match="source Supplier has no volume_t"):
        route_volumes(build_channel_map(SMALL))
    with pytest.raises(ValueError, match="source 'Nowhere' is not a node"):
        route_volumes(small(), source="Nowhere")


def test_invalid_maps_are_refused_by_every_volume_function():
    g = broken([("S", "D", 0.7), ("S", "F", 0.6), ("D", "F", 1.0)])
    for function in (route_volumes, inflows, leverage_point, segment_volumes, first_fill_share):
        with pytest.raises(ValueError, match="over 100 %"):
            function(g)


def test_inflows_edges_segments_and_leverage():
    g = small()
    assert inflows(g) == {"Supplier": 0.0, "Distributor": 600.0, "OEM": 400.0,
                          "Cement plant": 300.0, "Mine": 300.0, "Fleet": 400.0}
    assert edge_volumes(g)[("Distributor", "Mine")] == 300.0
    assert segment_volumes(g) == {"Fleet": 400.0, "Cement plant": 300.0, "Mine": 300.0}
    assert leverage_point(g) == "Distributor"


def test_leverage_point_ties_go_to_the_first_name():
    g = build_channel_map([("S", "B", 0.5), ("S", "A", 0.5)], source_volumes=10)
    assert leverage_point(g) == "A"


def test_partial_shares_leave_the_map():
    g = build_channel_map([("S", "D", 0.5), ("D", "E", 0.5)], source_volumes=100)
    assert segment_volumes(g) == {"E": 25.0}


def test_first_fill_is_decided_by_the_edge_nearest_the_end_user():
    g = build_channel_map([
        {"from": "S", "to": "OEM", "share": 0.4, "channel": "first_fill"},
        {"from": "S", "to": "Fleet", "share": 0.6},
        {"from": "OEM", "to": "Fleet", "share": 0.75},
        {"from": "OEM", "to": "Dealer", "share": 0.25, "channel": "aftermarket"},
        {"from": "Dealer", "to": "Fleet", "share": 1.0},
    ], source_volumes=100)
    assert channel_volumes(g) == {"first_fill": 30.0, "aftermarket": 70.0}
    assert first_fill_share(g) == pytest.approx(0.3)
    assert first_fill_share(build_channel_map([("S", "E", 0.0)], source_volumes=10)) == 0.0


def test_influencers_and_edge_table():
    g = build_channel_map(SMALL + [{"from": "Lab", "to": "Mine", "kind": "influence"},
                                   {"from": "Lab", "to": "Fleet", "kind": "influence"}],
                          source_volumes=1000)
    assert influencers(g) == {"Lab": ["Fleet", "Mine"]}
    assert leverage_point(g) == "Distributor"
    assert {"from": "Lab", "to": "Mine", "share": None, "kind": "influence", "channel": None} in edge_table(g)
    assert sum(route_volumes(g).values()) == pytest.approx(1000)


# --- comparing -----------------------------------------------------------------------------


def test_compare_maps_names_what_differs_never_the_expected_value():
    expected = small()
    got = build_channel_map([("Supplier", "Distributor", 0.5), ("Supplier", "OEM", 0.4),
                             ("Distributor", "Mine", 0.5), ("OEM", "Fleet", 1.0),
                             ("OEM", "Dealer", 0.0)], source_volumes=1000)
    messages = compare_maps(expected, got)
    assert messages == [
        "node Cement plant is missing",
        "unexpected node Dealer",
        "edge Distributor → Cement plant is missing",
        "unexpected edge OEM → Dealer",
        "share on edge Supplier → Distributor is wrong",
    ]
    assert not any("0.6" in m for m in messages)
    assert compare_maps(expected, small()) == []


def test_compare_maps_kinds_channels_volumes_and_types():
    expected = build_channel_map([{"from": "S", "to": "F", "share": 1.0, "channel": "first_fill"},
                                  {"from": "L", "to": "F", "kind": "influence"}], source_volumes=10)
    got = build_channel_map([{"from": "S", "to": "F", "share": 1.0},
                             {"from": "L", "to": "F", "share": 0.1}],
                            source_volumes={"S": 20}, validate=False)
    assert compare_maps(expected, got) == [
        "kind of node L is wrong",
        "volume_t of node S is wrong",
        "kind of edge L → F is wrong (supply or influence?)",
        "channel on edge S → F is missing",
    ]
    assert compare_maps(expected, {"S": "F"}) == ["expected a channel map (a networkx DiGraph), got dict"]
    with pytest.raises(TypeError, match="expected must be a channel map"):
        compare_maps([], expected)


def test_compare_maps_limits_its_messages():
    expected = build_channel_map([("S", f"E{i}", 0.05) for i in range(20)])
    got = build_channel_map([("S", "X", 1.0)])
    messages = compare_maps(expected, got, limit=5)
    assert len(messages) == 5 and messages[-1].startswith("… and ")
    assert len(compare_maps(expected, got, limit=None)) > 20


# --- properties ----------------------------------------------------------------------------


@st.composite
def channel_maps(draw, conserve: bool = False):
    """A layered DAG: supplier -> 1-3 layers of 1-4 nodes -> ends; random shares."""
    volume = draw(st.floats(1, 1e6, allow_nan=False))
    layers = [["S"]] + [[f"L{i}N{j}" for j in range(draw(st.integers(1, 4)))]
                        for i in range(draw(st.integers(1, 3)))]
    edges = []
    for i, layer in enumerate(layers[:-1]):
        below = [n for later in layers[i + 1:] for n in later]
        for j, node in enumerate(layer):
            # always feed the next layer's matching node, so nobody is an orphan
            targets = {layers[i + 1][j % len(layers[i + 1])]}
            targets |= set(draw(st.lists(st.sampled_from(below), max_size=3)))
            weights = [draw(st.integers(1, 100)) for _ in targets]
            scale = 1.0 if conserve else draw(st.floats(0, 1))
            for target, weight in zip(sorted(targets), weights, strict=True):
                edges.append((node, target, scale * weight / sum(weights)))
        for orphan in (n for n in layers[i + 1] if not any(e[1] == n for e in edges)):
            edges.append((layer[0], orphan, 0.0))
    # repair any share sum pushed over 1 by rounding
    g = build_channel_map(edges, source_volumes=volume, validate=False)
    for node in g:
        total = sum(g.edges[node, v]["share"] for v in g.successors(node))
        if total > 1:
            for v in g.successors(node):
                g.edges[node, v]["share"] /= total * (1 + 1e-12)
    return g


@settings(max_examples=60, deadline=None)
@given(channel_maps())
def test_routes_never_exceed_the_source(g):
    volume = g.nodes["S"]["volume_t"]
    routes = route_volumes(g)
    assert all(0 <= v <= volume * (1 + 1e-9) for v in routes.values())
    assert sum(routes.values()) <= volume * (1 + 1e-9)


@settings(max_examples=60, deadline=None)
@given(channel_maps(conserve=True))
def test_volume_is_conserved_when_shares_sum_to_one(g):
    volume = g.nodes["S"]["volume_t"]
    assert math.isclose(sum(segment_volumes(g).values()), volume, rel_tol=1e-9)
    assert math.isclose(sum(route_volumes(g).values()), volume, rel_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(channel_maps())
def test_leverage_point_has_the_largest_inflow(g):
    flow = inflows(g)
    lever = leverage_point(g)
    assert lever != "S"
    assert all(flow[lever] >= flow[n] for n in g if n != "S")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_random_maps_are_sound_conserving_and_reproducible(seed):
    g = random_channel_map(seed)
    assert channel_map_problems(g) == []
    assert math.isclose(sum(segment_volumes(g).values()), g.nodes["Supplier"]["volume_t"], rel_tol=1e-9)
    assert nx.utils.graphs_equal(g, random_channel_map(seed))
    assert 0 <= first_fill_share(g) <= 1
    assert compare_maps(g, random_channel_map(seed)) == []


def test_segment_channel_volumes_add_up_to_the_channel_totals():
    from kamlib.data.channel_maps import load_channel_map
    from kamlib.models.channel_maps import (
        channel_volumes,
        segment_channel_volumes,
        segment_volumes,
        supplied_volume,
    )

    g = load_channel_map("running_case")
    split = segment_channel_volumes(g)
    totals = channel_volumes(g)
    assert list(split) == list(segment_volumes(g))
    for channel in ("first_fill", "aftermarket"):
        assert abs(sum(s[channel] for s in split.values()) - totals[channel]) < 1e-6
    for end, volume in segment_volumes(g).items():
        assert abs(sum(split[end].values()) - volume) < 1e-6
    assert supplied_volume(g) == 36000.0


def test_adopt_kinds_keeps_a_known_kind_only_where_the_role_is_the_same():
    from kamlib.models.channel_maps import adopt_kinds

    g = build_channel_map([("S", "Donghai", 0.6), ("Donghai", "Steel", 1.0), ("S", "Ridgeway", 0.4),
                           ("Lab", "Steel", None, {"kind": "influence"})])
    known = {"S": "supplier", "Donghai": "distributor", "Ridgeway": "oem", "Lab": "influencer", "Steel": "end_user"}
    adopt_kinds(g, known)
    assert dict(g.nodes(data="kind")) == {"S": "supplier", "Donghai": "distributor", "Steel": "end_user",
                                          "Ridgeway": "end_user", "Lab": "influencer"}  # Ridgeway sells on to nobody


def test_adopt_kinds_names_a_bad_argument():
    from kamlib.models.channel_maps import adopt_kinds

    g = build_channel_map([("S", "D", 1.0)])
    with pytest.raises(TypeError, match="kinds must be a dict party name -> kind"):
        adopt_kinds(g, ["distributor"])
    with pytest.raises(ValueError, match=r"kinds\['D'\] must be one of 'supplier'"):
        adopt_kinds(g, {"D": "wholesaler"})
    assert g.nodes["D"]["kind"] == "end_user"  # nothing changed
