"""Trained-capacity search: the smallest network gradient descent trains to memorise a target.

Modules: ``target`` (a Boolean map or n random points), ``options`` (``SearchOptions`` and the
typed results ``CandidateResult``, ``SearchResult``), ``size`` (``search_size``), ``plan``
(bracket and k-section rounds), ``rounds`` (one round of ensembles), ``lockstep`` (independent
searches trained together), ``stats`` (Wilson intervals), ``report`` (table, figure, folder).
Imports the engine, and from below it ``constructions`` (the Boolean targets) and ``capacity``
(errors, atomic files); never the comparison or the CLI.
"""
