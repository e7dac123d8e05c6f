"""The command-line edge: one typer module per command group, mounted lazily by ``memcap/cli.py``.

Modules: ``train`` (``memcap train``, ``memcap bench``), ``sweep`` (``memcap sweep``,
``memcap report``), ``search`` (``memcap search``), ``compare`` (``memcap compare``, ``memcap
tour``), ``hardness`` (``memcap hardness``),
``console`` and ``parse`` (shared output and list-parsing helpers). Heavy imports stay inside the
command functions so ``memcap --help`` imports no torch.
"""
