"""Valid examples for the bad-input test: SPIN selling functions with required parameters
that tests/test_bad_input.py does not list itself."""

import kamlib


def _debrief():
    call = kamlib.start_call("cement_open_gear", language="en")
    call.ask("Are you happy with your grease consumption?")
    return call.debrief()


EXAMPLES = {
    "classifier_scores": lambda: {"questions": kamlib.load_spin_questions()},
    "is_real_question": lambda: {"text": "Is dust in the gear guards a problem?"},
    "is_rude": lambda: {"text": "Is dust in the gear guards a problem?"},
    "plot_call_metrics": lambda: {"debriefs": _debrief()},
}
