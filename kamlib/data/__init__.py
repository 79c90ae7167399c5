"""The course's content as data, one loader per dataset, validated on load by the
one schema helper (:mod:`kamlib.data.schema`); loaders build model types.

One module per topic, named by the topic's stem in ``modules.yaml``
(:mod:`kamlib.data.key_accounts`, :mod:`kamlib.data.channel_maps`,
:mod:`kamlib.data.spin_selling`, :mod:`kamlib.data.lubricant_industry`), plus
:mod:`kamlib.data.course` for what every topic shares (modules, glossary, supplier).
Data files sit flat beside them, named with the topic's stem as prefix. Notebooks
never open these files by path; they call a loader.
"""
