"""``hall``: a one-hot, step units placed by Hall's theorem, a binary staircase and a
multiplexer — every map in ``O(√(2^M/M))`` neurons (any depth; derived here).

The first memcap construction of the optimal order: about ``4·√(2^M/M)`` neurons (1047 at
M = 20, where ``depth3`` has 2049 and ``xorsys`` 863); the counting lower bound is about
``1.6·√(2^M/M)`` and Nechiporuk's stated upper bound ``2√2·√(2^M/M)``.

Layout. Split the input index into ``w`` (the low ``e`` bits), the *row* ``y`` (the next ``a``
bits) and the *column* ``z`` (the top ``c`` bits): input ``w + 2^e·y + 2^{e+a}·z``. For each
column ``z`` and row ``y`` the ``B = N·2^e`` output bits ``f_n(w, y, z)`` (bit ``n·2^e + w``)
form one integer ``F(y, z) < 2^B``. Let ``q = 2^a`` (the number of rows) and ``k = ⌈B/a⌉``.

1. **Column one-hot** (``2^c`` units; none when ``c = 0``): ``o_z = [z(x) = z]``, the detectors
   of :func:`~constructions.builders._common.detector_layer`.
2. **Step units** (``2k(q − 1)`` units). Unit ``(r, kind, v)`` for chunk ``r < k``, kind
   ``C`` or ``B`` and value ``v ∈ {1, …, q − 1}`` is ``[J(y) < ℓ(z)]``, ``J(y)`` the row's
   integer value, with a cut ``ℓ(z) ∈ {1, …, q}`` of its own in every column (weights ``ℓ`` on
   the one-hot, ``−2^i`` on the row inputs; pre-activation ``2(ℓ(z) − J(y)) − 1``). The
   pre-activation sum
   ``Φ(y, z) = base(z) + Σ_r 2^{ra} Σ_{units of chunk r that fire} v`` is what the next stage
   reads.
3. **Staircase** (``L`` units, ``L`` = bit length of the largest ``Φ``): the binary digits of
   ``Φ`` from the top, ``D_t = [Φ − Σ_{t'>t} 2^{t'}·D_{t'} ≥ 2^t]`` (pre-activation
   ``2(Φ − Σ_{t'>t} 2^{t'}·D_{t'} − 2^t) + 1``); it reads the step units with their values
   ``2^{ra}·v``, the one-hot with ``base(z)`` and the higher digits.
4. **Multiplexer** (``N·(2^e + 1)`` units when ``e ≥ 1``): ``A_{n,w} = [D_{n2^e+w} and the
   w-inputs equal w]``, output ``n`` = OR over ``w`` of ``A_{n,w}``. With ``e = 0`` the outputs are
   the digits themselves (``N`` copy units when ``N > 1``, none for one output).

Why the cuts exist (the point of the construction). Fix a column and a chunk. A unit fires on
the rows ``y < ℓ``, so the units with cut ``ℓ = y + 1`` change ``Φ`` between row ``y`` and row
``y + 1`` by the sum of their values: row ``y`` is a *slot* that must receive units whose values
sum to the *bill* ``d(y) = t(y) − t(y + 1) (mod q)`` (``t`` the chunk's targets, ``base = t(0)``
and ``t(q) := t(0)``, so the ``q`` bills telescope to 0 mod ``q``). M. Hall (1952): for
every sequence ``d_0, …, d_{q−1}`` in an abelian group of order ``q`` with zero sum there are
permutations ``b, c`` of the group with ``c_i − b_i = d_i``. The ``C`` unit of value ``v`` goes
to the slot with ``c_i = v`` and the ``B`` unit of value ``v`` to the slot with ``b_i = q − v``;
slot ``i`` then receives ``c_i + (q − b_i) ≡ d_i (mod q)`` (units of value 0 are dropped). So
``Φ ≡ F (mod 2^B)`` on every input, chunk by chunk with the carries of lower chunks folded into
the next chunk's targets, and the staircase's low ``B`` digits are the output bits.

Finding the permutations: :func:`hall_pairs`, exchange chains derived here (Hall's own proof
was not available), any slot not yet set allowed to end a chain; every chain visits distinct
slots (proof in docs/constructions.md), so a column costs ``O(q²)`` steps at worst (about 5 per
slot measured at q = 256).

Size (every map, no unit dropped): ``2^c·[c ≥ 1] + 2k(q − 1) + L + mux``, :func:`hall_size`, with
``(e, a, c)`` chosen by :func:`hall_split`. For N outputs the one-hot and the staircase are
shared; each output adds ``2^e`` bits to the entries (``2^e + 1`` multiplexer units).

Odd pre-activations. One-hot: detector parity. Step unit: ``2(ℓ − J) − 1``. Staircase:
``2(·) + 1``. AND: ``D + ⟨s_w, x_w⟩ − e`` with ``e + 1`` terms ±1, so ``≡ e + 1 − e``. OR:
``Σ_w A_w + 2^e − 1``, ``2^e`` terms ±1 plus an odd bias. All odd.

References
----------
M. Hall Jr., "A combinatorial problem on abelian groups", Proc. Amer. Math. Soc. 3(4), 584–587
(1952) (the permutations exist); F. Salzborn and G. Szekeres, Ars Combinatoria 7 (1979) 3–5
(q − 1 arbitrary elements). The construction and the chain's termination proof are derived
here (docs/constructions.md, ``hall``). E. I. Nechiporuk, Doklady AN SSSR 154(4), 1964:
``2√(2^n/n) ≤ L(n) ≤ 2√2·√(2^n/n)`` for threshold circuits (the upper bound stated without proof).
"""

from __future__ import annotations

import numpy as np

from capacity import solvers
from capacity.errors import NotApplicable, UsageError
from constructions.boolean import BooleanFunction
from constructions.builders._common import (
    check_input_limit,
    detector_layer,
    finish,
    index_patterns,
    integer_parts,
    size_arguments,
)
from constructions.network import Layer, SignNetwork

__all__ = ["MAX_HALL_INPUTS", "HallSplit", "build_hall", "hall_pairs", "hall_size", "hall_split"]

#: Largest M built without ``force=True`` (the table has 2^M entries per output).
MAX_HALL_INPUTS = 24

#: ``(e, a, c)``: multiplexed low bits, row bits, column bits.
HallSplit = tuple[int, int, int]


def hall_pairs(bills: np.ndarray | list[int], q: int) -> tuple[np.ndarray, np.ndarray]:
    """Permutations ``b, c`` of ``Z_q`` with ``c_i − b_i ≡ bills_i (mod q)`` for every ``i``.

    Needs ``len(bills) == q`` and ``Σ bills ≡ 0 (mod q)`` (Hall 1952: then they exist). Starts
    from ``b = c = identity`` (all differences 0) and sets the slots one at a time by exchange
    chains: slot ``p`` takes the ``c`` value it needs from its holder ``h``; ``h`` takes a
    floating ``b`` value and needs the ``c`` value that restores its difference, and so on, until
    the needed value is the one slot ``p₀`` gave up or its holder is a slot not yet set (it absorbs
    the change). Each chain visits distinct slots (docs/constructions.md, ``hall``), so it ends
    within ``q`` steps. The answer is checked before it is returned (two permutations whose
    differences are the bills), so it never rests on the proof alone.

    Parameters
    ----------
    bills : sequence of int
        The ``q`` differences (any integers; taken mod ``q``).
    q : int
        The group order, at least 1.

    Returns
    -------
    b, c : numpy.ndarray
        int64 permutations of ``0..q−1``.

    Raises
    ------
    ValueError
        Wrong length or a sum that is not 0 mod ``q``.

    Examples
    --------
    >>> b, c = hall_pairs([1, 1, 3, 3], 4)
    >>> ((c - b) % 4).tolist(), sorted(b.tolist()), sorted(c.tolist())
    ([1, 1, 3, 3], [0, 1, 2, 3], [0, 1, 2, 3])

    References
    ----------
    M. Hall Jr., Proc. Amer. Math. Soc. 3 (1952) 584–587.
    """
    q = int(q)
    # Python ints first: a bill beyond int64 is reduced mod q, not an overflow
    target = [int(v) % q for v in np.asarray(bills, dtype=object).reshape(-1)] if q else []
    if q < 1 or len(target) != q:
        raise UsageError(f"hall_pairs needs q >= 1 and exactly q bills, got q={q}, "
                         f"{len(target)} bills")
    if sum(target) % q:
        raise UsageError(f"the bills must sum to 0 mod {q}, got {sum(target) % q}")
    b = list(range(q))
    c = list(range(q))
    holder = list(range(q))  # holder[value] = slot whose c is value (-1: floating)
    diff = [0] * q
    last = q - 1  # the slot that ends every chain it reaches and takes the floating b value
    for p0 in range(q - 1):
        if diff[p0] == target[p0]:
            continue
        floating_b = b[last]
        freed_c = c[p0]
        holder[freed_c] = -1
        diff[p0] = target[p0]
        p, want = p0, (b[p0] + target[p0]) % q
        for _ in range(q + 1):
            if want == freed_c:
                c[p] = want
                holder[want] = p
                break
            h = holder[want]
            c[p] = want
            holder[want] = p
            if h == last or h > p0:  # a slot not yet set: it takes the freed c value
                c[h] = freed_c
                holder[freed_c] = h
                if h != last:
                    diff[h] = (c[h] - b[h]) % q
                break
            b[h], floating_b = floating_b, b[h]
            p, want = h, (b[h] + diff[h]) % q
        else:  # pragma: no cover - excluded by the proof (chains visit distinct slots)
            raise RuntimeError("hall_pairs: an exchange chain did not end; this is a memcap bug")
        b[last] = floating_b
        diff[last] = (c[last] - b[last]) % q
    # checked per instance (O(q log q)), so no answer rests on the chain proof or on Hall's
    # theorem alone (2026-12-06 proof review); the built network is verified on every input too
    if (sorted(b) != list(range(q)) or sorted(c) != list(range(q))
            or any((cv - bv - t) % q for bv, cv, t in zip(b, c, target, strict=True))):
        raise RuntimeError("hall_pairs: the permutations do not give the bills; this is a "
                           "memcap bug")
    return np.array(b, dtype=np.int64), np.array(c, dtype=np.int64)


def hall_split(inputs: int, outputs: int = 1) -> HallSplit:
    """``(e, a, c)`` minimising :func:`hall_size` (ties: fewer multiplexed bits, then fewer rows).

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    outputs : int, default 1
        Number of outputs N.

    Returns
    -------
    tuple of (int, int, int)
        ``(e, a, c)`` with ``c = M − e − a``.

    Examples
    --------
    >>> hall_split(20), hall_split(24)
    ((3, 8, 9), (3, 10, 11))
    """
    e, a = solvers.hall_split(int(inputs), int(outputs))
    return e, a, int(inputs) - e - a


def _split_parts(split) -> HallSplit:
    """A user's split as three ints (True was read as e = 1, 1.0 raised TypeError)."""
    if not isinstance(split, (tuple, list, np.ndarray)) or len(split) != 3:
        raise UsageError(f"a hall split is (e, a, c), got {split!r}")
    return integer_parts(split, "hall split (e, a, c)")


def hall_size(inputs: int, outputs: int = 1, split: HallSplit | None = None) -> int:
    """Neurons of the ``hall`` network, the same for every map:
    ``2^c·[c ≥ 1] + 2k(2^a − 1) + L + mux`` (:func:`capacity.solvers.hall_neurons`).

    Parameters
    ----------
    inputs : int
        Number of inputs M.
    outputs : int, default 1
        Number of outputs N.
    split : tuple of (int, int, int) or None, default None
        ``(e, a, c)`` with ``e + a + c = M`` (else ``UsageError``); None takes :func:`hall_split`.

    Returns
    -------
    int
        The neuron count.

    References
    ----------
    Derived for memcap (docs/constructions.md, "hall").

    Examples
    --------
    >>> hall_size(20), hall_size(16), hall_size(24)
    (1047, 399, 4123)
    """
    inputs, outputs = size_arguments("hall_size", inputs, outputs)
    e, a, c = hall_split(inputs, outputs) if split is None else _split_parts(split)
    if e + a + c != int(inputs):
        raise UsageError(f"bad split (e, a, c) = {(e, a, c)} for M = {inputs}: e + a + c must "
                         f"be M")
    return solvers.hall_neurons(int(inputs), int(outputs), e, a)


def _chunk_digits(function: BooleanFunction, e: int, a: int, c: int, k: int) -> np.ndarray:
    """``F_r[z, y]``: bits ``r·a .. r·a + a − 1`` of the entry ``F(y, z)`` (bit ``n·2^e + w`` of
    ``F`` is ``f_n(w, y, z)``), shape ``(k, 2^c, 2^a)``."""
    n = function.outputs
    grid = function.table.reshape(n, 1 << c, 1 << a, 1 << e)  # (N, 2^c, 2^a, 2^e)
    bits = np.moveaxis(grid, 0, 2).reshape(1 << c, 1 << a, n << e).astype(np.int64)
    out = np.zeros((k, 1 << c, 1 << a), dtype=np.int64)
    for t in range(n << e):
        out[t // a] += bits[:, :, t] << (t % a)
    return out


def _cuts(chunks: np.ndarray, a: int) -> tuple[np.ndarray, list[int]]:
    """Per column, the cut of every step unit and ``base(z)``.

    Returns ``cuts`` of shape ``(k, 2, q − 1, columns)`` (chunk, kind C/B, value − 1, column)
    holding ``ℓ = slot + 1``, and the list of ``base(z)`` (Python ints).
    """
    q = 1 << a
    k, cols = chunks.shape[0], chunks.shape[1]
    cuts = np.zeros((k, 2, q - 1, cols), dtype=np.int64)
    bases = []
    for z in range(cols):
        carry = np.zeros(q, dtype=np.int64)  # κ_r(y): what lower chunks left, in units of q^r
        base = 0
        for r in range(k):
            digit = chunks[r, z]  # (q,)
            t = (digit + carry) % q
            base_r = int(t[0])
            bills = np.append(t[:-1] - t[1:], t[-1] - base_r) % q
            b, cc = hall_pairs(bills, q)
            cuts[r, 0, cc[cc > 0] - 1, z] = np.flatnonzero(cc > 0) + 1
            bv = (q - b) % q
            cuts[r, 1, bv[bv > 0] - 1, z] = np.flatnonzero(bv > 0) + 1
            phi = np.cumsum((cc + bv)[::-1])[::-1]  # Φ_r(y) = Σ of the values in slots ≥ y
            carry = (digit + carry - base_r - phi) // q  # exact: the numerator is 0 mod q
            base += base_r << (r * a)
        bases.append(base)
    return cuts, bases


def build_hall(function: BooleanFunction, *, strict_layers: bool = False,
               split: HallSplit | None = None, force: bool = False) -> SignNetwork:
    """Build the one-hot + Hall-placed step units + staircase + multiplexer network.

    Parameters
    ----------
    function : BooleanFunction
        The target {±1}^M → {±1}^N.
    strict_layers : bool
        Not supported (the step units read the inputs, the staircase reads every earlier
        digit); must be False.
    split : tuple of int, optional
        ``(e, a, c)``; default :func:`hall_split`.
    force : bool
        Allow ``M > MAX_HALL_INPUTS``.

    Examples
    --------
    >>> from constructions.families import make_function
    >>> from constructions.verify import verify
    >>> f = make_function("random", 10, seed=1)
    >>> net = build_hall(f)
    >>> net.sizes().neurons == hall_size(10), verify(net, f).ok
    (True, True)

    References
    ----------
    M. Hall Jr., Proc. Amer. Math. Soc. 3 (1952) 584–587; docs/constructions.md (``hall``).
    """
    if strict_layers:
        raise NotApplicable("hall reads the inputs and every earlier digit; it has no strictly "
                            "layered form")
    big_m, n = function.inputs, function.outputs
    check_input_limit("hall", big_m, MAX_HALL_INPUTS, force, "holds 2^M table entries in memory")
    e, a, c = hall_split(big_m, n) if split is None else _split_parts(split)
    hall_size(big_m, n, (e, a, c))  # validates the split
    q = 1 << a
    k, big_l = solvers.hall_chunks(n, e, a)
    cuts, bases = _cuts(_chunk_digits(function, e, a, c, k), a)

    w_src = tuple(range(e))
    y_src = tuple(range(e, e + a))
    z_src = tuple(range(e + a, big_m))
    layers: list[Layer] = []
    first = big_m
    onehot: tuple[int, ...] = ()
    if c:
        layers.append(detector_layer(np.arange(1 << c), z_src))
        onehot = tuple(range(first, first + (1 << c)))
        first += 1 << c

    # step units: [J(y) < ℓ(z)], pre-activation Σ_z' ℓ_z' o_z' + Σ ℓ − Σ_i 2^i x_i − q
    ell = cuts.reshape(-1, 1 << c)  # (G, columns), order (chunk, kind, value)
    n_steps = len(ell)
    w_row = -np.broadcast_to(np.int64(1) << np.arange(a, dtype=np.int64), (n_steps, a))
    if c:
        w_steps = np.concatenate([ell, w_row], axis=1)
        b_steps = ell.sum(axis=1) - q
    else:
        w_steps, b_steps = np.array(w_row), 2 * ell[:, 0] - q
    layers.append(Layer(w_steps, b_steps, onehot + y_src))
    step_src = tuple(range(first, first + n_steps))
    first += n_steps

    # staircase on Φ = base(z) + Σ value·[step fires]; 2Φ = Σ v s + Σ v + (one-hot terms)
    values = [v << (r * a) for r in range(k) for _kind in range(2) for v in range(1, q)]
    offset = sum(values) + (sum(bases) if c else 2 * bases[0])  # the constant part of 2Φ
    digits: list[int] = []  # global indices, highest digit first
    for t in range(big_l - 1, -1, -1):
        higher = [1 << tt for tt in range(big_l - 1, t, -1)]
        row = values + (bases if c else []) + [-h for h in higher]
        bias = offset - sum(higher) - (1 << (t + 1)) + 1
        layers.append(Layer(np.array([row], dtype=object), np.array([bias], dtype=object),
                            step_src + onehot + tuple(digits)))
        digits.append(first)
        first += 1
    digit_of = {t: digits[big_l - 1 - t] for t in range(big_l)}  # digit t -> global index

    if e:
        and_rows, and_bias = [], []
        pats = index_patterns(np.arange(1 << e), e)  # (2^e, e)
        for out in range(n):
            for w in range(1 << e):
                row = np.zeros(big_l + e, dtype=np.int64)
                row[big_l - 1 - (out * (1 << e) + w)] = 1  # sources: digits (high first), w
                row[big_l:] = pats[w]
                and_rows.append(row)
                and_bias.append(-e)
        layers.append(Layer(np.array(and_rows), np.array(and_bias, dtype=np.int64),
                            tuple(digits) + w_src))
        and_src = first
        first += n << e
        w_or = np.zeros((n, n << e), dtype=np.int64)
        for out in range(n):
            w_or[out, out << e:(out + 1) << e] = 1
        layers.append(Layer(w_or, np.full(n, (1 << e) - 1, dtype=np.int64),
                            tuple(range(and_src, and_src + (n << e)))))
    elif n > 1:
        layers.append(Layer(np.eye(n, dtype=np.int64), np.zeros(n, dtype=np.int64),
                            tuple(digit_of[t] for t in range(n))))
    return finish(function, layers, f"hall(e={e},a={a},c={c})")
