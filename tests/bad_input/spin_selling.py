"""Valid examples for the bad-input test: SPIN selling functions with required parameters
that tests/test_bad_input.py does not list itself."""

import kamlib

EXAMPLES = {
    "classifier_scores": lambda: {"questions": kamlib.load_spin_questions()},
}
