"""Sign-unit networks trained by gradient descent, hardened to integer weights and verified.

Training: the engine's MLP with ``activation="sign"`` — hidden units compute sign(z) in the
forward pass and pass the gradient of hardtanh backward (the straight-through estimator). The
two-class head of a one-output target is one sign unit: class 1 wins iff
``(w₁ − w₀)·h + (b₁ − b₀) > 0``. So a member that the trainer counts as memorising is already a
sign network with real weights.

Hardening (:func:`harden`): unit by unit, layer by layer, the real weight row is scaled by the
smallest integer factor c (1, 2, ..., then doubling up to ``max_scale``) at which rounding keeps
the unit's sign on every input it sees: hidden units keep their float signs, the output unit
must give the target. The bias is rounded to the nearest integer of the parity that makes every
pre-activation odd (``w·v ≡ Σ w (mod 2)`` for ±1 values ``v``), so no pre-activation is ever 0
(the memcap convention). The result is a :class:`~constructions.network.SignNetwork` in memcap's
JSON, and :func:`~constructions.verify.verify` checks it exactly on all 2^M inputs: a trial
*succeeds* only when the hardened network verifies.

References
----------
Y. Bengio, N. Léonard, A. Courville, "Estimating or propagating gradients through stochastic
neurons for conditional computation", arXiv:1308.3432 (2013) — the straight-through estimator.
I. Hubara, M. Courbariaux, D. Soudry, R. El-Yaniv, Y. Bengio, "Binarized neural networks",
NeurIPS 2016 — the hardtanh form of its gradient.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np

from capacity.errors import UsageError
from capacity.options import check_integer
from constructions.boolean import BooleanFunction, all_inputs
from constructions.network import Layer, SignNetwork
from constructions.verify import verify
from empirical.engine.run import run_training
from empirical.search.rounds import SearchTask, TaskOutcome, make_task, member_outcomes

__all__ = ["MAX_SCALE", "SignTrial", "harden", "sign_train_task", "train_sign_networks"]

#: Largest factor a unit's real weights are scaled by before rounding.
MAX_SCALE = 1 << 20


def _scales(max_scale: int):
    c = 1
    while c <= max_scale:
        yield c
        c = c + 1 if c < 16 else 2 * c


def _round_unit(values: np.ndarray, w: np.ndarray, b: float, want: np.ndarray,
                max_scale: int) -> tuple[np.ndarray, int, bool]:
    """Integer ``(w, b)`` reproducing the signs ``want`` (0 = either) on the ±1 rows ``values``,
    the bias of the parity making every pre-activation odd; and whether it succeeded."""
    base = float(np.max(np.abs(w))) if np.any(w) else max(abs(float(b)), 1.0)
    care = want != 0
    for c in _scales(max_scale):
        wi = np.rint(c * w / base).astype(np.int64)  # (fan_in,)
        parity = (1 + int(wi.sum())) % 2  # the bias parity that makes w·v + b odd
        bi = 2 * int(np.rint((c * b / base - parity) / 2)) + parity  # parity added exactly
        reach = int(np.abs(wi).sum())
        if abs(bi) > reach:  # the bias alone sets every sign: the least such of its parity
            # (2·rint(·) + parity in float64 lost the parity from 2^53 on, and a bias above
            # 2^63 overflowed the product below)
            bi = (reach + 1 + (reach + 1 + parity) % 2) * (1 if bi > 0 else -1)
        pre = values @ wi + bi  # (P,)
        if np.array_equal(np.sign(pre[care]), want[care]):
            return wi, bi, True
    return wi, bi, False


def harden(state, function: BooleanFunction, *, max_scale: int = MAX_SCALE,
           method: str = "trained:sign-ste") -> SignNetwork:
    """The integer sign network of a trained sign-unit MLP with a two-class head.

    Parameters
    ----------
    state : sequence of array-like
        The member's parameters in ``nn.Sequential`` order (``W (fan_out, fan_in)``, ``b``,
        layer by layer; :meth:`~empirical.engine.ensemble.BatchedMLP.member_state`); the last
        layer has 2 rows (the two classes).
    function : BooleanFunction
        The one-output target (the output unit is rounded to reproduce it).
    max_scale : int
        Largest scale factor tried per unit.

    Returns
    -------
    SignNetwork
        Layered: each hidden layer reads the previous one, the output reads the last hidden
        layer. Verify it with :func:`constructions.verify.verify` (a unit that no scale could
        round faithfully leaves a network that fails verification).

    Examples
    --------
    >>> import numpy as np
    >>> xor = BooleanFunction.from_strings("0110")
    >>> state = [np.array([[0.9, 1.1], [-1.0, -0.8]]), np.array([-1.3, -1.2]),  # AND, NOR
    ...          np.array([[0.4, 0.3], [-0.5, -0.6]]), np.array([0.0, -0.2])]
    >>> net = harden(state, xor)
    >>> verify(net, xor).ok, net.sizes().hidden, net.sizes().max_abs_weight
    (True, 2, 1)
    """
    if function.outputs != 1:
        raise UsageError(f"hardening handles one-output targets (a two-class head), got "
                         f"N = {function.outputs}")
    arrays = [np.asarray(t.detach().cpu().numpy() if hasattr(t, "detach") else t,
                         dtype=np.float64) for t in state]
    if len(arrays) % 2:
        raise UsageError("harden needs weight and bias per layer (a model with biases)")
    pairs = [(arrays[i], arrays[i + 1]) for i in range(0, len(arrays), 2)]
    w_out, b_out = pairs[-1]
    if w_out.shape[0] != 2:
        raise UsageError(f"the head must have 2 classes, got {w_out.shape[0]}")
    m = function.inputs
    x = all_inputs(m).astype(np.int64)  # (P, M) ±1
    real = x.astype(np.float64)  # (P, fan_in) the float network's values
    values = x  # (P, fan_in) the hardened network's values
    layers, offset = [], 0
    for w, b in pairs[:-1]:
        want = np.sign(real @ w.T + b).astype(np.int64)  # (P, H)
        rows, biases = [], []
        for u in range(w.shape[0]):
            wi, bi, _ = _round_unit(values, w[u], float(b[u]), want[:, u], max_scale)
            rows.append(wi.tolist())
            biases.append(bi)
        fan_in = w.shape[1]
        layers.append(Layer.from_lists(rows, biases, list(range(offset, offset + fan_in))))
        offset += fan_in
        real = np.sign(real @ w.T + b)  # (P, H) torch.sign: 0 stays 0
        values = np.where(np.asarray(values @ np.array(rows, dtype=np.int64).T
                                     + np.array(biases)) > 0, 1, -1)  # (P, H)
    target = function.signs()[0].astype(np.int64)  # (P,)
    wi, bi, _ = _round_unit(values, w_out[1] - w_out[0], float(b_out[1] - b_out[0]), target,
                            max_scale)
    layers.append(Layer.from_lists([wi.tolist()], [bi],
                                   list(range(offset, offset + w_out.shape[1]))))
    return SignNetwork(m, tuple(layers), method=method,
                       truth_table=tuple(function.to_strings()))


def _member_function(dataset) -> BooleanFunction:
    labels = dataset.y_train.cpu().numpy()  # (P,) class = the output bit for N = 1
    return BooleanFunction.from_strings("".join("1" if v else "0" for v in labels.tolist()))


def sign_train_task(task: SearchTask) -> TaskOutcome:
    """Search worker (``search_size(..., worker=sign_train_task)``): train one ensemble of
    sign-unit MLPs; a member succeeds when its hardened network verifies exactly.

    Returns ``success`` (verified), ``trained`` (the float network memorised), ``stop_step``
    and ``wall_s``, like :func:`~empirical.search.rounds.train_task`.

    Parameters
    ----------
    task : SearchTask
        One ensemble of K members (:func:`~empirical.search.rounds.make_task`: width × lr ×
        trial) with activation ``sign`` on a one-output Boolean target (a two-class head, as
        :func:`harden` needs).

    Returns
    -------
    TaskOutcome
        Per member, in the task's member order: ``success`` (``(K,)`` bool: the float network
        memorised and its hardened network verifies exactly on all 2^M inputs), ``trained``
        (``(K,)`` bool: the float network memorised), ``stop_step`` (``(K,)`` int64: the step
        it stopped at, the budget when it never stopped), ``diverged``, ``best_count`` and
        ``labels`` (as :func:`~empirical.search.rounds.member_outcomes` gives them), and the
        wall time in seconds.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(steps=300, activation="sign")
    >>> t = make_task(SearchTarget(table="0001").data_config(), [1], 2, 0.05, opts)
    >>> sign_train_task(t).success.tolist()  # AND
    [True, True]
    """
    start = time.perf_counter()
    res = run_training(task.config)
    out = member_outcomes(res)
    ok = np.zeros_like(out.success)
    for k in np.flatnonzero(out.success):
        fn = _member_function(res.datasets[k])
        ok[k] = verify(harden(res.net.member_state(int(k)), fn), fn).ok
    return TaskOutcome(ok, out.stop_step, time.perf_counter() - start, out.success,
                       out.diverged, out.best_count, out.labels)


@dataclass(frozen=True)
class SignTrial:
    """One trained sign network: its trial, whether the float network memorised, the hardened
    network and whether it verified.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(steps=400, activation="sign", seeds=1)
    >>> trial, = train_sign_networks(SearchTarget(function="majority", inputs=3), opts, 0, 0.03)
    >>> trial.trial, trial.trained, trial.verified, trial.network.sizes().neurons
    (0, True, True, 1)
    >>> SignTrial.from_dict(trial.to_dict()) == trial
    True
    """

    trial: int
    trained: bool
    verified: bool
    network: SignNetwork

    def to_dict(self) -> dict:
        """JSON-ready dict (the network in memcap's network JSON).

        Examples
        --------
        >>> from constructions.network import Layer
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))
        >>> sorted(SignTrial(0, True, True, net).to_dict())
        ['network', 'trained', 'trial', 'verified']
        """
        return {"trial": self.trial, "trained": self.trained, "verified": self.verified,
                "network": self.network.to_dict()}

    @classmethod
    def from_dict(cls, d: dict) -> SignTrial:
        """Inverse of :meth:`to_dict`.

        Examples
        --------
        >>> from constructions.network import Layer
        >>> t = SignTrial(1, True, False, SignNetwork(2, (Layer.from_lists([[1, 1]], [1],
        ...                                                                 [0, 1]),)))
        >>> SignTrial.from_dict(t.to_dict()) == t
        True
        """
        return cls(int(d["trial"]), bool(d["trained"]), bool(d["verified"]),
                   SignNetwork.from_dict(d["network"]))


def train_sign_networks(target, options, width: int, lr: float,
                        trials: int | None = None) -> list[SignTrial]:
    """Train ``trials`` sign-unit MLPs of ``width`` (``options.depth`` layers; width 0: no hidden
    layer) at ``lr`` on the search trials of ``target`` and harden every one (the networks
    behind a search's count).

    ``target``/``options`` are a :class:`~empirical.search.target.SearchTarget` and
    :class:`~empirical.search.options.SearchOptions` (activation ``sign``); trial j uses the
    search's seeds (:func:`~empirical.search.rounds.trial_seeds`), so the counts agree with
    :func:`sign_train_task` inside the search.

    Parameters
    ----------
    target : SearchTarget
        The map.
    options : SearchOptions
        The search's options; activation other than ``sign`` is refused.
    width : int
        Hidden units per layer (0: no hidden layer).
    lr : float
        The learning rate.
    trials : int or None, optional
        How many trials (default ``options.seeds``).

    Returns
    -------
    list of SignTrial
        Per trial: whether it trained, whether the hardened network verifies, the network.

    Examples
    --------
    >>> from empirical.search.size import SearchOptions, SearchTarget
    >>> opts = SearchOptions.of(steps=400, activation="sign", seeds=2)
    >>> out = train_sign_networks(SearchTarget(function="parity", inputs=2), opts, 4, 0.03)
    >>> [(t.trained, t.verified) for t in out]
    [(True, True), (True, True)]
    >>> majority = SearchTarget(function="majority", inputs=3)
    >>> train_sign_networks(majority, opts, 0, 0.03)[0].network.sizes().neurons
    1
    """
    if options.model.activation != "sign":
        raise UsageError("train_sign_networks needs activation 'sign' in the options")
    trials = options.seeds if trials is None else check_integer("trials", trials, 1)
    width = check_integer("width", width, 0)  # -3 trained width 1, 2.5 width 2 (audit)
    task = make_task(target.data_config(), [max(width, 1)], trials, float(lr), options)
    cfg = task.config
    if width == 0:  # no hidden layer: the output unit reads the inputs
        cfg = dataclasses.replace(cfg, model=dataclasses.replace(cfg.model, depth=0))
    res = run_training(cfg)
    trained = member_outcomes(res).success
    out = []
    for k in range(trials):
        fn = _member_function(res.datasets[k])
        net = harden(res.net.member_state(k), fn)
        out.append(SignTrial(k, bool(trained[k]), bool(verify(net, fn).ok), net))
    return out
