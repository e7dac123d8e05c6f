"""Exact exhaustive evaluation of a sign network that exploits each unit's *input support*.

A unit depends only on the inputs in its transitive support ``S`` (the inputs reachable through
non-zero weights), so its values over all ``2^M`` inputs are determined by ``2^|S|`` numbers. Every
value is stored as an array ``(rows, 2^|S|)`` over its support cube (column ``c`` has bit ``t``
equal to the ``t``-th smallest input of ``S``) and broadcast over the other input axes only when
a later unit adds it to something with a larger support.

Units of a layer are grouped by support. For a group with support ``T`` the sources it reads are
split into *blocks* (sources whose joint support ``S_B ⊆ T`` is small are merged), each block's
contribution is one matrix product ``W_B @ V_B`` over ``2^|S_B|`` points, and the pre-activation
is the broadcast sum of the block terms plus the bias. Two blocks are merged only where the
merged block costs fewer elements (:func:`_block_cost`: the stacked copy of its sources, the
product, its term's pass over the group's points and a fixed :data:`BLOCK_OVERHEAD`) than the
two apart, so a unit that reads one whole earlier group (a staircase reading every step unit)
multiplies that group's array in place instead of copying it beside its other sources. Blocks
of several later groups that read the same whole group are multiplied by it in one product per
chunk (:func:`_shared_products`, within one memory budget).
In the depth-3 construction, layer 1
(the ``Y`` detectors) costs ``2^m`` points, layer 2 is an outer sum of an ``X`` part and a ``Y``
part, and only the last layers touch all ``2^M`` points.

Memory is bounded by chunking over the high input bits: a chunk fixes inputs ``l..M-1`` and covers
the ``2^l`` consecutive input indices sharing them; values whose support avoids the fixed bits are
computed once and reused by every chunk.

Exactness. Arithmetic is in :func:`constructions.evaluate.exact_dtype` of the network's
pre-activation bound ``B``: every partial sum formed (inside a matrix product, or when adding block
terms and the bias) is an integer of absolute value at most ``B`` (< 2^24 for float32, < 2^53 for
float64), so it is represented exactly and the result is the exact integer.

Zero pre-activations. All values are ±1, so a pre-activation is ``≡ Σ_s w_s + b (mod 2)``: a unit
whose weight sum plus bias is odd is *proved* non-zero on every input. Units of even parity are
checked element by element on every input. Together this covers every unit on every input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from capacity.errors import UsageError
from capacity.options import check_integer
from constructions.evaluate import exact_dtype
from constructions.network import SignNetwork

__all__ = ["DEFAULT_CHUNK_BYTES", "REPLAN_BITS", "REPLAN_WORK", "FactoredPlan", "factored_chunks",
           "factored_plan", "factored_work", "plan_chunk_bits"]

#: Default memory budget for the largest array of one chunk (the peak is a few times this).
DEFAULT_CHUNK_BYTES = 1 << 25
#: :func:`factored_plan` looks at chunks up to this many bits larger than the budget's ...
REPLAN_BITS = 2
#: ... when the budget's plan computes at least this many elements (about a second of work):
#: a cheaper plan is taken if it halves the work.
REPLAN_WORK = 10**9


def _popcount(mask: int) -> int:
    return int(mask).bit_count()


#: Fixed cost of evaluating one block, in array elements: the Python and numpy calls around its
#: product and its term's pass, about 10 µs (a 2026-12-03 review measured 12 µs a block and
#: chunk), i.e. 2^14 elements at the engine's 1.6–6·10^9 elements a second.
BLOCK_OVERHEAD = 1 << 14


@dataclass
class _Block:
    cols: list          # column indices into the layer's sources
    groups: list        # (group id, rows of that group) per contributing value group
    mask: int           # joint support
    view: bool = False  # one whole source group, rows in order: its array is read in place


@dataclass
class _Group:
    layer: int
    mask: int                   # full support
    units: np.ndarray           # unit rows within the layer
    blocks: list                # list of (_Block, weight matrix (U, |B|))
    bias: np.ndarray            # (U,)
    even: np.ndarray            # rows of units with even parity (need an element check)


def _unit_masks(net: SignNetwork) -> list[np.ndarray]:
    """Support bitmask of every value (inputs first, then each layer's units)."""
    masks = [np.array([1 << j for j in range(net.inputs)], dtype=np.int64)]
    flat = masks[0]
    for layer in net.layers:
        src = flat[list(layer.sources)]  # (S,)
        nz = np.asarray(layer.weights != 0)  # (U, S)
        unit = np.bitwise_or.reduce(np.where(nz, src[None, :], 0), axis=1) if src.size else \
            np.zeros(layer.units, dtype=np.int64)  # (U,)
        masks.append(unit.astype(np.int64))
        flat = np.concatenate([flat, masks[-1]])
    return masks


def _merge_blocks(blocks: list[_Block], target: int, low: int, units: int) -> list[_Block]:
    """Merge blocks within each class (chunk-invariant: support inside the chunk bits ``low``;
    chunk-dependent: the rest) wherever the merged block costs fewer elements than the two
    apart (:func:`_block_cost`): first each block into the smallest block containing its
    support, then the pair that gains most, while some pair gains.

    Keeping the classes apart lets every invariant block's product be computed once and reused
    by all chunks, while a dependent block costs only its few chunk-varying points.
    """
    merged: list[_Block] = []
    for invariant in (True, False):
        cls = [b for b in blocks if (b.mask & ~low == 0) == invariant]
        # an invariant product is computed once for all 2^|T \ low| chunks, so it may cost that
        # many passes over the chunk cube
        merged += _merge_class(cls, _popcount(target if invariant else target & low), low, units)
    return merged


def _block_cost(columns: int, mask: int, view: bool, target_bits: int, low: int,
                units: int) -> int:
    """Elements one evaluation of a block of ``columns`` sources over support ``mask`` costs a
    group of ``units`` units: stacking its sources into one array (none for a view), its
    matrix product, its term's pass over the group's ``2^target_bits`` points, and
    :data:`BLOCK_OVERHEAD`. (:attr:`FactoredPlan.work` counts the product and the pass only.)"""
    points = 1 << _popcount(mask & low)
    stack = 0 if view else columns * points
    return stack + units * columns * points + (units << target_bits) + BLOCK_OVERHEAD


def _merge_class(blocks: list[_Block], target_bits: int, low: int, units: int
                 ) -> list[_Block]:
    def cost(b: _Block) -> int:
        return _block_cost(len(b.cols), b.mask, b.view, target_bits, low, units)

    def union_cost(a: _Block, b: _Block) -> int:  # a merged block is never a view
        return _block_cost(len(a.cols) + len(b.cols), a.mask | b.mask, False, target_bits,
                           low, units)

    def union(a: _Block, b: _Block) -> _Block:
        return _Block(a.cols + b.cols, a.groups + b.groups, a.mask | b.mask)

    kept: list[_Block] = []
    costs: list[int] = []
    for b in sorted(blocks, key=lambda b: -_popcount(b.mask)):
        host = [i for i, k in enumerate(kept) if b.mask & ~k.mask == 0]
        if host:
            i = min(host, key=lambda i: _popcount(kept[i].mask))
            both = union_cost(kept[i], b)
            if both <= costs[i] + cost(b):
                kept[i], costs[i] = union(kept[i], b), both
                continue
        kept.append(b)
        costs.append(cost(b))
    return _merge_pairs(kept, costs, (units << target_bits) + BLOCK_OVERHEAD, units, low)


def _merge_pairs(kept: list[_Block], costs: list[int], fixed: int, units: int, low: int
                 ) -> list[_Block]:
    """Merge the pair of blocks that gains most (the first such pair in list order on ties),
    while some pair gains (``gain >= 0``), in place of ``kept``/``costs``.

    Each row ``a`` keeps its best partner ``b > a``; a merge into ``a`` recomputes row ``a``
    and the rows whose best partner was ``a`` or the merged block, and offers the new ``a`` to
    the rows before it: typically O(blocks^2) gains in all, where recomputing every pair after
    every merge took O(blocks^3) (a 1 200-unit OR of distinct ANDs spent 41 s planning its
    verification, 2026-12-05 review). The merges and their order are those of that exhaustive
    search.
    """
    columns = [len(k.cols) for k in kept]
    masks = [k.mask & low for k in kept]
    alive = list(range(len(kept)))  # ids in list order; a merge keeps the first id

    def gain(a: int, b: int) -> int:  # union_cost inlined: it runs O(blocks^2) times
        both = (columns[a] + columns[b]) * (units + 1) * (1 << (masks[a] | masks[b]).bit_count())
        return costs[a] + costs[b] - both - fixed

    def row(a: int) -> tuple[int, int] | None:  # best (gain, partner) after a, first on ties
        best = None
        for b in alive[alive.index(a) + 1:]:
            g = gain(a, b)
            if g >= 0 and (best is None or g > best[0]):
                best = (g, b)
        return best

    best_of = {a: row(a) for a in alive}
    while True:
        top = None
        for a in alive:
            r = best_of[a]
            if r is not None and (top is None or r[0] > top[0]):
                top = (r[0], a, r[1])
        if top is None:
            break
        g, a, b = top
        kept[a] = _Block(kept[a].cols + kept[b].cols, kept[a].groups + kept[b].groups,
                         kept[a].mask | kept[b].mask)
        costs[a] += costs[b] - g  # the union's cost
        columns[a] += columns[b]
        masks[a] |= masks[b]
        alive.remove(b)
        del best_of[b]
        best_of[a] = row(a)
        for c in alive:
            if c >= a:
                if c < b and best_of[c] is not None and best_of[c][1] == b:
                    best_of[c] = row(c)
                continue
            r = best_of[c]
            if r is not None and r[1] in (a, b):
                best_of[c] = row(c)
                continue
            g_ca = gain(c, a)
            if g_ca >= 0 and (r is None or g_ca > r[0] or (g_ca == r[0] and a < r[1])):
                best_of[c] = (g_ca, a)
    return [kept[a] for a in alive]


@dataclass(frozen=True)
class _SkeletonGroup:
    """One unit group of a :class:`_Skeleton`: its layer index, support mask, unit indices in
    the layer, source blocks before merging, and the positions (in ``units``) of the units
    whose Σw + b is even."""
    layer: int
    mask: int
    units: np.ndarray
    blocks: list
    even: np.ndarray


@dataclass
class _Skeleton:
    """The chunk-independent part of a plan: the unit groups (units of one layer with one
    support) and each group's source blocks before merging, in :func:`_plan`'s order."""
    groups: list[_SkeletonGroup]
    out_group: np.ndarray
    out_row: np.ndarray


def _first_occurrence_groups(keys: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The distinct ``keys`` in order of first occurrence, and the positions holding each
    (ascending): the order a dict filled in one pass over ``keys`` would give."""
    if keys.size <= 256:  # that dict: numpy's sorts cost more on the small groups of most nets
        found: dict[int, list[int]] = {}
        for position, key in enumerate(keys.tolist()):
            found.setdefault(key, []).append(position)
        return (np.array(list(found), dtype=keys.dtype),
                [np.array(at, dtype=np.int64) for at in found.values()])
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    ranked = rank[inverse.reshape(-1)]
    positions = np.argsort(ranked, kind="stable")
    ends = np.searchsorted(ranked[positions], np.arange(order.size + 1))
    return distinct[order], [positions[ends[k]:ends[k + 1]] for k in range(order.size)]


def _skeleton(net: SignNetwork) -> _Skeleton:
    """Group the units by layer and support and split each group's sources into one block per
    source group (vectorised: a 2^19-unit lookup network at M = 20 has a Python-level loop of
    2^19 steps in each of its two layers otherwise)."""
    masks = _unit_masks(net)
    # value -> (group id, row); inputs are groups 0..M-1
    group_of = np.arange(net.inputs, dtype=np.int64)
    row_of = np.zeros(net.inputs, dtype=np.int64)
    group_masks = [1 << j for j in range(net.inputs)]
    group_sizes = [1] * net.inputs
    groups = []
    for li, layer in enumerate(net.layers):
        w_all = layer.weights
        # the parity of Σw + b from the low bits (two's complement: x & 1 is x mod 2 for
        # negative x too), without summing huge weights
        parity = np.asarray((np.bitwise_and(w_all, 1).sum(axis=1)
                             + np.bitwise_and(layer.biases, 1)) % 2, dtype=np.int64)
        sources = np.asarray(layer.sources, dtype=np.int64)
        new_group_of = np.zeros(layer.units, dtype=np.int64)
        new_row_of = np.zeros(layer.units, dtype=np.int64)
        unit_masks, unit_sets = _first_occurrence_groups(masks[li + 1])
        for m, units_arr in zip(unit_masks.tolist(), unit_sets, strict=True):
            gid = net.inputs + len(groups)
            used = np.flatnonzero(np.any(w_all[units_arr] != 0, axis=0))  # source columns read
            read = sources[used]
            src_groups, src_rows = group_of[read], row_of[read]
            blocks = []
            for g, at in zip(*_first_occurrence_groups(src_groups), strict=True):
                g = int(g)
                rows = src_rows[at]
                view = rows.size == group_sizes[g] and bool(
                    np.array_equal(rows, np.arange(rows.size)))
                blocks.append(_Block(used[at].tolist(), [(g, rows.tolist())], group_masks[g],
                                     view=view))
            groups.append(_SkeletonGroup(li, m, units_arr, blocks,
                                         np.flatnonzero(parity[units_arr] == 0)))
            group_masks.append(m)
            group_sizes.append(units_arr.size)
            new_group_of[units_arr] = gid
            new_row_of[units_arr] = np.arange(units_arr.size)
        group_of = np.concatenate([group_of, new_group_of])
        row_of = np.concatenate([row_of, new_row_of])
    out_start = net.values - net.outputs
    return _Skeleton(groups, group_of[out_start:], row_of[out_start:])


def _plan(net: SignNetwork, dtype, low: int, skeleton: _Skeleton | None = None
          ) -> tuple[list[_Group], np.ndarray, np.ndarray]:
    """Group the units and split their sources into blocks, with the weights in ``dtype``
    (``skeleton``: :func:`_skeleton`'s, when the caller plans several chunk sizes)."""
    skeleton = _skeleton(net) if skeleton is None else skeleton
    groups: list[_Group] = []
    for sg in skeleton.groups:
        layer = net.layers[sg.layer]
        w = layer.weights[sg.units]  # (U, S)
        merged = _merge_blocks(sg.blocks, sg.mask, low, sg.units.size)
        planned = [(b, w[:, b.cols].astype(dtype)) for b in merged]
        groups.append(_Group(sg.layer, sg.mask, sg.units, planned,
                             layer.biases[sg.units].astype(dtype), sg.even))
    return groups, skeleton.out_group, skeleton.out_row


def _dims(src: int, dst: int, bits: int) -> tuple[int, ...]:
    """Axis sizes (descending bit order over ``dst``) viewing a ``src``-cube inside ``dst``."""
    return tuple(2 if src >> b & 1 else 1 for b in range(bits - 1, -1, -1) if dst >> b & 1)


def _expand(arr: np.ndarray, src: int, dst: int, bits: int) -> np.ndarray:
    """View ``arr`` (R, 2^|src|) as (R, *dims) broadcastable over the ``dst`` cube."""
    return arr.reshape((arr.shape[0],) + _dims(src, dst, bits))


def _full(arr: np.ndarray, src: int, dst: int, bits: int) -> np.ndarray:
    """``arr`` (R, 2^|src|) broadcast to (R, 2^|dst|)."""
    shape = (arr.shape[0],) + _dims(dst, dst, bits)
    return np.broadcast_to(_expand(arr, src, dst, bits), shape).reshape(arr.shape[0], -1)


def plan_chunk_bits(net: SignNetwork, budget_bytes: int = DEFAULT_CHUNK_BYTES) -> int:
    """The largest ``l`` (chunks of ``2^l`` inputs) keeping every group array within budget.

    Parameters
    ----------
    net : SignNetwork
        The network.
    budget_bytes : int, default DEFAULT_CHUNK_BYTES
        Most bytes one group's array may take (default 32 MiB).

    Returns
    -------
    int
        ``l`` in ``[0, M]``; 0 when no larger ``l`` fits the budget.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> plan_chunk_bits(SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [0], [0, 1, 2]),)))
    3
    """
    masks = _unit_masks(net)
    item = exact_dtype(net.preactivation_bound()).itemsize
    sizes: dict[int, int] = {}
    for layer_masks in masks[1:]:
        for m in layer_masks.tolist():
            sizes[m] = sizes.get(m, 0) + 1
    for bits in range(net.inputs, -1, -1):
        low = (1 << bits) - 1
        worst = max((n << _popcount(m & low)) for m, n in sizes.items())
        if worst * item <= budget_bytes or bits == 0:
            return bits
    return 0  # pragma: no cover


@dataclass
class FactoredPlan:
    """How :func:`factored_chunks` evaluates ``net``: chunks of ``2^bits`` inputs, the unit
    groups with their source blocks and weights in ``dtype``, and where each output is.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> and3 = SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [-2], [0, 1, 2]),))
    >>> plan = factored_plan(and3, 1)   # chunks of 2^1 inputs
    >>> plan.bits, plan.dtype, len(plan.groups)
    (1, dtype('float32'), 1)
    >>> [o.tolist() for _, o, _ in factored_chunks(and3, plan=plan)]   # +1 on the last input only
    [[[-1, -1]], [[-1, -1]], [[-1, -1]], [[-1, 1]]]
    """

    net: SignNetwork
    bits: int
    dtype: np.dtype
    groups: list[_Group]
    out_group: np.ndarray
    out_row: np.ndarray
    #: blocks served by one product per chunk for all readers of a source group
    #: (:func:`_shared_products`)
    shared: dict = field(default_factory=dict)

    @property
    def largest_array_bytes(self) -> int:
        """Bytes of the largest group array of one chunk (the budget's bound, or up to 4× it
        where :func:`factored_plan` took a larger chunk).

        Examples
        --------
        >>> from constructions.network import Layer
        >>> and3 = SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [-2], [0, 1, 2]),))
        >>> factored_plan(and3).largest_array_bytes  # one unit on 8 points, float32
        32
        """
        low = (1 << self.bits) - 1
        return max((len(g.units) << _popcount(g.mask & low) for g in self.groups),
                   default=0) * self.dtype.itemsize

    @property
    def work(self) -> int:
        """Array elements the evaluation computes over all its chunks (a cost model).

        Counts, as the evaluator runs them, the multiply-adds of every block product (``U``
        units × the block's sources × its points) and the elements of every pre-activation sum
        (``U`` × the group's points, once per block term and once for the bias and sign), each
        once if it does not depend on the chunk and once per chunk otherwise. Verification time
        is about this number over a machine's element rate
        (``constructions.verify.FACTORED_RATE``).

        Examples
        --------
        >>> from constructions.network import Layer
        >>> and3 = SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [-2], [0, 1, 2]),))
        >>> factored_plan(and3).work     # block {x0, x1, x2} (1 × 3 × 8), sums 2 × 8
        40
        >>> factored_plan(and3, 0).work  # 8 chunks of one point, each paying the product and sums
        40
        """
        low = (1 << self.bits) - 1
        chunks = 1 << (self.net.inputs - self.bits)
        work = 0
        for g in self.groups:
            units = len(g.units)
            once = every = 0
            for block, _ in g.blocks:
                sb = block.mask & low
                product = units * len(block.cols) << _popcount(sb)
                if block.mask == sb:
                    once += product
                else:
                    every += product
            every += (units << _popcount(g.mask & low)) * (len(g.blocks) + 1)
            work += once + (every if g.mask & ~low == 0 else every * chunks)
        return work


def factored_plan(net: SignNetwork, chunk_bits: int | None = None) -> FactoredPlan:
    """The plan of :func:`factored_chunks` for ``net`` (chunks of ``2^chunk_bits`` inputs), made
    once so that a caller can read its cost (:attr:`FactoredPlan.work`) and then evaluate with
    it.

    By default the chunk is :func:`plan_chunk_bits`'s, the largest whose group arrays fit the
    budget, unless that plan's work is at least :data:`REPLAN_WORK` and a chunk up to
    :data:`REPLAN_BITS` bits larger (group arrays up to 4× the budget) at least halves it:
    where the budget cuts a block's support, the block's product is recomputed in every chunk
    instead of once (depth3 at M = 23: 7.1·10^13 elements at 2^11-input chunks, 1.0·10^11 at
    2^12; it was refused as "about 20 h" and verifies in ≈ 2 min; 2026-12-04 review).

    Parameters
    ----------
    net : SignNetwork
        The network.
    chunk_bits : int or None, default None
        ``l`` in ``[0, M]`` (else ``UsageError``); None: the default above.

    Returns
    -------
    FactoredPlan
        The plan.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> plan = factored_plan(SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),)))
    >>> plan.bits, len(plan.groups)
    (2, 1)
    """
    if chunk_bits is not None:
        # 1.5 and True were cut to 1 by int() (2026-12-07 audit): an integer, as every size
        return _plan_at(net, check_integer("chunk_bits", chunk_bits))
    skeleton = _skeleton(net)  # the same for every chunk size
    best = _plan_at(net, plan_chunk_bits(net), skeleton)
    if best.work >= REPLAN_WORK:  # a long check: worth ~0.3 s a plan to look at larger chunks
        for bits in range(best.bits + 1, min(net.inputs, best.bits + REPLAN_BITS) + 1):
            plan = _plan_at(net, bits, skeleton)
            if 2 * plan.work <= best.work:
                best = plan
    return best


def _plan_at(net: SignNetwork, bits: int, skeleton: _Skeleton | None = None) -> FactoredPlan:
    """:func:`factored_plan` at chunks of ``2^bits`` inputs."""
    if not 0 <= bits <= net.inputs:
        raise UsageError(f"chunk must be a power of two between 1 and 2**M, got 2**{bits}")
    dtype = exact_dtype(net.preactivation_bound())
    groups, out_g, out_r = _plan(net, dtype, (1 << bits) - 1, skeleton)
    shared = _shared_products(groups, net.inputs, (1 << bits) - 1, dtype)
    return FactoredPlan(net, bits, dtype, groups, out_g, out_r, shared)


def factored_work(net: SignNetwork, chunk_bits: int | None = None) -> int:
    """:attr:`FactoredPlan.work` of ``net``'s plan: the elements :func:`factored_chunks`
    computes over all its chunks.

    Parameters
    ----------
    net : SignNetwork
        The network.
    chunk_bits : int or None, default None
        As in :func:`factored_plan`.

    Returns
    -------
    int
        The element count.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> factored_work(SignNetwork(3, (Layer.from_lists([[1, 1, 1]], [-2], [0, 1, 2]),)))
    40
    """
    return factored_plan(net, chunk_bits).work


def factored_chunks(net: SignNetwork, chunk_bits: int | None = None,
                    plan: FactoredPlan | None = None
                    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Evaluate ``net`` on all ``2^M`` inputs, one chunk of consecutive inputs at a time, with
    ``plan`` (:func:`factored_plan` of ``net``, then ``chunk_bits`` is not read) or a plan made
    here.

    Parameters
    ----------
    net : SignNetwork
        The network.
    chunk_bits : int or None, default None
        ``l``, chunks of ``2^l`` inputs, for a plan made here (None: :func:`factored_plan`'s
        default).
    plan : FactoredPlan or None, default None
        A plan made by :func:`factored_plan` for this very ``net`` (another's: ``UsageError``).

    Yields
    ------
    start : int
        First input index of the chunk (chunks cover ``[start, start + 2^l)``).
    outputs : numpy.ndarray of int8, shape (N, 2^l)
        The ±1 outputs (``sign(0)`` counted as +1, as in :func:`evaluate_batch`).
    zero : numpy.ndarray of bool, shape (2^l,)
        True where some unit has a zero pre-activation.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [-1], [0, 1]),))   # AND
    >>> [(s, o.tolist(), z.tolist()) for s, o, z in factored_chunks(net)]
    [(0, [[-1, -1, -1, 1]], [False, False, False, False])]
    """
    m_in = net.inputs
    if plan is None:
        plan = factored_plan(net, chunk_bits)
    elif plan.net is not net:
        raise UsageError("factored_chunks: the plan was made for another network")
    dtype, bits, groups = plan.dtype, plan.bits, plan.groups
    out_g, out_r = plan.out_group, plan.out_row
    is_float = dtype.kind == "f"
    low = (1 << bits) - 1
    gmasks = [1 << j for j in range(m_in)] + [g.mask for g in groups]
    last_use = {}
    for gi, g in enumerate(groups):
        for block, _ in g.blocks:
            for src, _ in block.groups:
                last_use[src] = gi
    out_groups = set(out_g.tolist())
    cache: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}
    term_cache: dict = {}
    share_of = plan.shared
    shared: dict = {}  # this chunk's products of shared blocks not yet used
    one = np.ones((1, 1), dtype=dtype)
    pattern = np.array([[-1, 1]], dtype=dtype)  # (1, 2) an input over its own bit
    for chunk in range(1 << (m_in - bits)):
        start = chunk << bits
        vals: dict[int, np.ndarray] = {}
        for j in range(m_in):
            vals[j] = pattern if j < bits else (one if start >> j & 1 else -one)
        zero = np.zeros(1 << bits, dtype=bool)  # (2^l,)
        for gi, g in enumerate(groups):
            gid = m_in + gi
            t = g.mask & low
            if g.mask & ~low == 0 and gid in cache:
                vals[gid], zmask = cache[gid]
            else:
                vals[gid], zmask = _evaluate_group(g, vals, gmasks, term_cache, low, bits, dtype,
                                                   is_float, share_of, shared)
                if g.mask & ~low == 0:
                    cache[gid] = (vals[gid], zmask)
            if zmask is not None:
                zero |= _full(zmask[None, :], t, low, bits)[0]
            for src in [s for s, last in last_use.items() if last == gi]:
                if src >= m_in and src not in out_groups:
                    vals.pop(src, None)
        out = np.empty((net.outputs, 1 << bits), dtype=np.int8)  # (N, 2^l)
        for gid in sorted(set(out_g.tolist())):
            rows = np.flatnonzero(out_g == gid)
            g = groups[gid - m_in]
            out[rows] = _full(vals[gid][out_r[rows]], g.mask & low, low, bits)
        yield start, out, zero


def _shared_products(groups: list[_Group], inputs: int, low: int, dtype,
                     budget: int = DEFAULT_CHUNK_BYTES) -> dict:
    """The chunk-dependent blocks that are a view of one whole source group, where several
    blocks (of later groups) read the same source: their weights stacked, so that one matrix
    product per chunk serves them all (a staircase's units each read every step unit).

    Returns ``{(id(group), block index): (source group id, stacked weights, slots)}``, the same
    tuple for every reader, ``slots`` mapping each reader to its rows of the product. A product
    lives from its first reader to its last, so the sources with the most readers are shared
    first while all shared products together fit ``budget`` bytes; Python-integer (object)
    arithmetic is not shared.
    """
    if np.dtype(dtype).kind == "O":
        return {}
    readers: dict[int, list] = {}
    for g in groups:
        for bi, (block, w) in enumerate(g.blocks):
            if block.view and block.mask & ~low and block.groups[0][0] >= inputs:
                readers.setdefault(block.groups[0][0], []).append(((id(g), bi), w))
    share_of, used = {}, 0
    for src, found in sorted(readers.items(), key=lambda item: -len(item[1])):
        points = 1 << _popcount(groups[src - inputs].mask & low)
        size = sum(w.shape[0] for _, w in found) * points * np.dtype(dtype).itemsize
        if len(found) < 2 or used + size > budget:
            continue
        used += size
        slots, start = {}, 0
        for key, w in found:
            slots[key] = (start, start + w.shape[0])
            start += w.shape[0]
        entry = (src, np.concatenate([w for _, w in found], axis=0), slots)
        share_of.update((key, entry) for key in slots)
    return share_of


def _evaluate_group(g: _Group, vals: dict, masks: list, cache: dict, low: int, bits: int,
                    dtype, is_float: bool, share_of: dict | None = None,
                    shared: dict | None = None):
    """Sign values (U, 2^|T|) of one unit group and its zero mask over T (or None); a block in
    ``share_of`` takes its rows of a product made for all its readers at the first of them (kept
    in ``shared`` until each reader has taken its rows)."""
    t = g.mask & low
    units = len(g.units)
    terms = []
    for bi, (block, w) in enumerate(g.blocks):
        sb = block.mask & low
        if block.mask == sb and (id(g), bi) in cache:
            terms.append((sb, cache[(id(g), bi)]))
            continue
        if share_of and (id(g), bi) in share_of:
            src, stacked_w, slots = share_of[(id(g), bi)]
            if (id(g), bi) not in shared:
                product = stacked_w @ vals[src]
                shared.update((key, product[a:b]) for key, (a, b) in slots.items())
            terms.append((sb, shared.pop((id(g), bi))))
            continue
        parts = []
        for src, rows in block.groups:
            arr = vals[src]
            if len(rows) != arr.shape[0] or rows != list(range(arr.shape[0])):
                arr = arr[rows]
            parts.append(_full(arr, masks[src] & low, sb, bits)
                         if arr.shape[1] != (1 << _popcount(sb)) else arr)
        stacked = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=0)  # (|B|, 2^|S_B|)
        terms.append((sb, w @ stacked))  # (U, 2^|S_B|)
        if block.mask == sb:  # independent of the chunk: reuse it in every chunk
            cache[(id(g), bi)] = terms[-1][1]
    terms.sort(key=lambda item: -item[1].shape[1])
    shape = (units,) + _dims(t, t, bits)
    bias = g.bias.reshape((units,) + (1,) * (len(shape) - 1))
    if not terms:
        pre = np.broadcast_to(bias, shape).copy()
    else:
        sb, last = terms[-1]
        last = _expand(last, sb, t, bits) + bias
        if is_float:
            last += 0.0  # no -0.0 in the last addend, so no -0.0 in the sum
        if len(terms) == 1:
            pre = np.broadcast_to(last, shape).copy() if last.shape != shape else last
        else:
            pre = np.empty(shape, dtype=dtype)
            first_sb, first = terms[0]
            if len(terms) == 2:
                np.add(_expand(first, first_sb, t, bits), last, out=pre)
            else:
                np.copyto(pre, _expand(first, first_sb, t, bits))
                for sb, term in terms[1:-1]:
                    pre += _expand(term, sb, t, bits)
                pre += last
    pre = pre.reshape(units, -1)  # (U, 2^|T|)
    zmask = None
    if g.even.size:
        zmask = np.any(pre[g.even] == 0, axis=0)  # (2^|T|,)
    if is_float:
        np.copysign(1.0, pre, out=pre)
    else:
        pre = np.where(pre >= 0, 1, -1).astype(dtype)
    return pre, zmask


