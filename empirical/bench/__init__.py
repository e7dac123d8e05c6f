"""Benchmarks: the ensemble trainer against a plain loop, FLOP/s against the matmul peak, sweeps.

Modules: ``train`` (``memcap bench train``), ``sweep`` (``memcap bench sweep``), ``transformer``
(``memcap bench transformer``).
"""
