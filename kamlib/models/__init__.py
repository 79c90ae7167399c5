"""Pure models: dataclasses and functions, numbers and tables in and out.

No matplotlib, no ipywidgets here. Every public function checks its input and
raises a ValueError or TypeError that names the argument and what it accepts.
"""
