"""Contact networks between seller and buyer: how exposed a relationship is, bow-tie → diamond."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.models.relationship_stages import (
    LEVELS,
    Contact,
    Stage,
    add_links,
    check_stage,
    contact_network,
    contact_positions,
    exposure,
    remove_contact,
)
from kamlib.text import Text

T = Text("x", "x")
PEOPLE = [Contact("kam", "seller", "manager", T), Contact("gm", "seller", "director", T),
          Contact("eng", "seller", "expert", T), Contact("buy", "buyer", "manager", T),
          Contact("dir", "buyer", "director", T), Contact("mnt", "buyer", "manager", T),
          Contact("rel", "buyer", "expert", T), Contact("op", "buyer", "operator", T)]
INSIDE = [("gm", "kam"), ("kam", "eng"), ("dir", "buy"), ("dir", "mnt"), ("mnt", "rel"), ("mnt", "op")]


def net(*cross):
    return contact_network(PEOPLE, [*INSIDE, *cross])


def test_a_bow_tie_hangs_on_two_people_and_one_link():
    e = exposure(net(("kam", "buy")))
    assert e.shape == "bow_tie" and e.key_people == ("buy", "kam")
    assert (e.people_to_cut, e.links_to_cut, e.cross_links) == (1, 1, 1)
    assert e.cross_links_by_level["manager"] == 1 and e.levels_reached == 1
    assert (e.buyer_people, e.buyer_reached) == (5, 5)


def test_the_kam_opening_doors_still_leaves_the_kam_as_the_single_point():
    e = exposure(net(("kam", "buy"), ("kam", "mnt")))
    assert e.shape == "widening" and e.key_people == ("kam",) and e.links_to_cut == 2 and e.people_to_cut == 1


def test_a_diamond_has_no_single_point_and_reaches_three_levels():
    e = exposure(net(("kam", "buy"), ("gm", "dir"), ("eng", "rel")))
    assert e.shape == "diamond" and e.key_people == () and e.people_to_cut == 3 and e.levels_reached == 3
    two_levels = exposure(net(("kam", "buy"), ("eng", "mnt")))
    assert two_levels.key_people == () and two_levels.shape == "widening"


def test_a_change_of_person_is_measurable():
    g = net(("kam", "buy"))
    gone = exposure(remove_contact(g, "buy"))
    assert gone.shape == "apart" and gone.buyer_reached == 0 and gone.links_to_cut == 0
    assert "buy" in g  # remove_contact works on a copy
    behind = exposure(remove_contact(net(("kam", "buy"), ("eng", "mnt")), "mnt"))
    assert behind.shape == "bow_tie" and behind.buyer_reached == 2  # the buyer and the director are left


def test_a_person_who_only_cuts_off_a_colleague_is_not_a_key_person():
    e = exposure(net(("kam", "buy"), ("gm", "dir")))
    assert "mnt" not in e.key_people and e.key_people == ()  # mnt's loss strands rel and op, not the link


def test_positions_face_each_other_by_level():
    pos = contact_positions(net(("kam", "buy")))
    assert all(x < 0 for n, (x, _) in pos.items() if n in ("kam", "gm", "eng"))
    assert all(x > 0 for n, (x, _) in pos.items() if n in ("buy", "dir", "op"))
    assert pos["gm"][1] == len(LEVELS) - 1 and pos["op"][1] == 1 and pos["buy"][1] == pos["mnt"][1]


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="contacts must not be empty"):
        contact_network([], [])
    with pytest.raises(ValueError, match="level must be one of 'director', 'manager', 'expert', 'operator', 'staff'"):
        Contact("x", "buyer", "foreman", T)
    with pytest.raises(ValueError, match="stage must be one of 'pre', 'early'"):
        check_stage("late")
    with pytest.raises(ValueError, match="id must be one of"):
        Stage("late", T, T, T)
    with pytest.raises(ValueError, match="contacts must include people of both companies"):
        contact_network(PEOPLE[:3], [])
    with pytest.raises(ValueError, match="links must join contacts of the network"):
        add_links(net(), [("kam", "nobody")])
    with pytest.raises(ValueError, match="contact must be a person in the network"):
        remove_contact(net(), "nobody")
    with pytest.raises(ValueError, match="g must not be empty"):
        exposure(nx.Graph())
    with pytest.raises(TypeError, match="g must be a contact network"):
        exposure(nx.DiGraph())


_PAIRS = [(s.id, b.id) for s in PEOPLE if s.side == "seller" for b in PEOPLE if b.side == "buyer"]


@settings(max_examples=60, deadline=None)
@given(cross=st.lists(st.sampled_from(_PAIRS), min_size=1, max_size=8, unique=True))
def test_the_key_people_are_exactly_those_whose_loss_cuts_the_companies_apart(cross):
    g = net(*cross)
    e = exposure(g)
    cutting = tuple(sorted(n for n in g if exposure(remove_contact(g, n)).shape == "apart"))
    assert e.key_people == cutting
    assert (e.people_to_cut == 1) == bool(cutting) and e.links_to_cut <= e.cross_links
    assert (e.shape == "bow_tie") == (e.links_to_cut == 1)
