"""Synthetic normalised scores for the sample campaign (pure numpy, seeded).

Top-down: the city index targets give second-level scores with the published
means and standard deviations whose weighted sum is each city's target; the
second-level scores then give leaf scores whose mean is the node's score.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def second_level_scores(
    index: FloatArray,
    weight: FloatArray,
    mean: FloatArray,
    sd: FloatArray,
    rng: np.random.Generator,
    rounds: int = 80,
) -> FloatArray:
    """Scores in [0, 1], cities × nodes, with column moments ≈ (mean, sd) and S @ weight = index.

    `weight` is each node's effective weight in the index (sums to 1). Each column is a
    latent a + b·u clipped to [0, 1], u mixing the city's standardised index with noise;
    the loop alternates an exact index correction with a moment correction of (a, b).
    """
    u = _latent(index, weight, sd, rng)
    a, b = mean.copy(), sd.copy()
    scores = np.clip(a + b * u, 0.0, 1.0)
    for _ in range(rounds):
        scores = _match_index(np.clip(a + b * u, 0.0, 1.0), index, weight, sd)
        a += mean - scores.mean(axis=0)
        b *= sd / np.maximum(scores.std(axis=0, ddof=1), 1e-9)
    return scores


def _latent(
    index: FloatArray, weight: FloatArray, sd: FloatArray, rng: np.random.Generator
) -> FloatArray:
    """Standardised latent per city × node with the correlation that yields the index sd."""
    z = (index - index.mean()) / index.std(ddof=1)
    full = float(weight @ sd) ** 2  # index variance if all nodes moved together
    alone = float((weight**2) @ (sd**2))  # index variance if they moved independently
    rho2 = float(np.clip((index.var(ddof=1) - alone) / max(full - alone, 1e-12), 0.0, 1.0))
    noise = rng.standard_normal((len(index), len(weight)))
    u: FloatArray = np.sqrt(rho2) * z[:, None] + np.sqrt(1.0 - rho2) * noise
    standardised: FloatArray = (u - u.mean(axis=0)) / u.std(axis=0, ddof=1)
    return standardised


def _match_index(
    scores: FloatArray, index: FloatArray, weight: FloatArray, sd: FloatArray
) -> FloatArray:
    """Shift each city's scores, in proportion to each node's sd, until they sum to its index."""
    out = scores
    for _ in range(20):
        residual = index - out @ weight
        if np.max(np.abs(residual)) < 1e-12:
            break
        room = np.where(residual[:, None] > 0, out < 1.0, out > 0.0)
        share = room * sd[None, :]
        denom = np.maximum(share @ weight, 1e-12)
        out = np.clip(out + residual[:, None] * share / denom[:, None], 0.0, 1.0)
    return out


def spread_to_leaves(
    node_scores: FloatArray, n_leaves: int, spread: float, rng: np.random.Generator
) -> FloatArray:
    """Leaf scores (cities × n_leaves) in [0, 1] whose row means equal `node_scores`."""
    noise = rng.standard_normal((len(node_scores), n_leaves)) * spread
    noise -= noise.mean(axis=1, keepdims=True)
    leaves = np.clip(node_scores[:, None] + noise, 0.0, 1.0)
    for _ in range(30):  # give back what clipping took, to the leaves with room
        residual = node_scores - leaves.mean(axis=1)
        if np.max(np.abs(residual)) < 1e-12:
            break
        room = np.where(residual[:, None] > 0, leaves < 1.0, leaves > 0.0)
        count = np.maximum(room.sum(axis=1), 1)
        leaves = np.clip(leaves + room * (residual * n_leaves / count)[:, None], 0.0, 1.0)
    return leaves


def quantise_row(desired: FloatArray, grids: Sequence[FloatArray | None]) -> FloatArray:
    """Snap each leaf score to its grid of allowed values (None = continuous), carrying
    the rounding error on to the next leaf.

    Error diffusion keeps the row mean within one grid step of the desired mean, so node
    scores survive rating scales, yes/no and checklist indicators.
    """
    out = np.empty_like(desired)
    carry = 0.0
    for i, (want, grid) in enumerate(zip(desired, grids, strict=True)):
        wanted = float(np.clip(want + carry, 0.0, 1.0))
        out[i] = wanted if grid is None else float(grid[np.argmin(np.abs(grid - wanted))])
        carry = want + carry - out[i]
    return out
