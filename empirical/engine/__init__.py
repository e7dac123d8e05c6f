"""The training engine: configs, data, the batched ensemble, the trainer, observables, one run.

Modules: ``config`` (frozen run configurations), ``data`` (random memorisation data),
``boolean_data`` (every input of a Boolean map), ``token_data`` (random token sequences),
``ensemble`` (K MLPs in ``(K, ...)`` tensors), ``transformer`` (the decoder-only transformer,
alone and K as one model), ``memorisation`` (the capacity harness: memorised bits),
``fullbatch`` (the hand-written full-batch step), ``train`` (the batched-ensemble trainer),
``observables`` (what is logged per member), ``run`` (one run and its folder), ``executor``
(in-process or Dask execution of many tasks), ``plots`` (the training strip and the one figure
writer). The engine imports nothing else of ``empirical``.
"""
