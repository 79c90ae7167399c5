"""Pure models: dataclasses and functions, numbers, tables and networkx graphs in and out.

One module per topic, named by the topic's stem in ``kamlib/data/modules.yaml``
(:mod:`~kamlib.models.key_accounts`, :mod:`~kamlib.models.channel_maps`, the
:mod:`~kamlib.models.spin_selling` package, ...). No file loading, no matplotlib, no
ipywidgets; models import only models and the core (:mod:`kamlib.i18n`,
:mod:`kamlib.text`). Every public function checks its input and raises a ValueError or
TypeError that names the argument and what it accepts (:mod:`kamlib.models.arguments`).
"""
