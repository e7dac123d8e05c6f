"""Trained-capacity search: the smallest network gradient descent trains to memorise a target.

Modules: ``target`` (a Boolean map or n random points), ``size`` (``search_size`` and
``SearchResult``), ``plan`` (bracket and k-section rounds), ``rounds`` (one round of ensembles),
``stats`` (Wilson intervals), ``report`` (table, figure, folder). Imports only the engine.
"""
