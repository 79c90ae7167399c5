"""Answers that are wrong in one known way, for the grading tests: each must lose
exactly its own question's points."""

# ex02 q2: the axes swapped
SWAPPED_AXES = '''
def matrix_cell(attractiveness, strength):
    def band(score):
        return "low" if score < 4 else "high" if score >= 7 else "medium"
    grid = {("high", "low"): "Invest selectively", ("high", "medium"): "Invest for growth",
            ("high", "high"): "Invest for growth", ("medium", "low"): "Withdraw",
            ("medium", "medium"): "Invest selectively", ("medium", "high"): "Maintain",
            ("low", "low"): "Withdraw", ("low", "medium"): "Manage for cash",
            ("low", "high"): "Manage for cash"}
    return grid[band(strength), band(attractiveness)]
'''

# ex09 q1: shares of the downstream node's inflow instead of the upstream node's outflow
SHARE_OF_INFLOW = '''
def build_map(rows):
    received = {}
    for _, to, tonnes in rows:
        received[to] = received.get(to, 0.0) + tonnes
    g = nx.DiGraph()
    for frm, to, tonnes in rows:
        g.add_edge(frm, to, share=tonnes / received[to])
    return g
'''

# ex09 q2: route volume from added shares instead of multiplied ones
SUMMED_SHARES = '''
def top_route(g):
    source = next(n for n, kind in g.nodes(data="kind") if kind == "supplier")
    routes = {}

    def walk(path, score):
        nexts = [v for v in g.successors(path[-1]) if g.edges[path[-1], v].get("kind", "supply") == "supply"]
        if not nexts:
            routes[path] = score
        for v in nexts:
            walk(path + (v,), score + g.edges[path[-1], v]["share"])

    walk((source,), 0.0)
    return min(routes, key=lambda route: (-routes[route], route))
'''

# ex10 q3: every advantage labelled a benefit, the classic "benefit = how it helps" mistake
ADVANTAGES_AS_BENEFITS = '''
def q3_labels():
    from kamlib.checks.ex10_spin_selling import q3_reference
    return {k: "B" if v == "A" else v for k, v in q3_reference().items()}
'''

# ex10 q4: a pitch before the explicit need, then a textbook SPIN sequence
PITCH_FIRST = '''
def q4_script():
    return [
        "Our grease is a transparent synthetic with a high-viscosity base oil.",
        "Are you happy with your grease consumption?",
        "How does the extra grease affect your maintenance budget?",
        "How would halving grease consumption help your budget?",
    ]
'''
