"""COINr's data-preparation chain, each step optional and recorded.

Order as in COINr's own example (`build_example_coin`): Denominate → Impute → Screen →
Treat; then the usual normalise → aggregate (`scoring.pipeline.score`). By default units are
screened on the imputed data, as COINr's example does (`Screen(dset = "Imputed")`), which
drops nobody once imputation has filled every gap; `screen_on = "raw"` screens on the
availability of the data as given (after denomination) instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from scoring.hierarchy import BoolArray, FloatArray, ScoringError
from scoring.treatment import (
    IMPUTE_METHODS,
    ImputeMethod,
    Screened,
    Treated,
    denominate,
    impute,
    screen,
    treat,
)

ScreenOn = Literal["imputed", "raw"]


@dataclass(frozen=True)
class DataSteps:
    """Which treatment steps to run and how. `impute` is None, "mean", "median",
    "group-mean:COLUMN" or "group-median:COLUMN"."""

    denominate: bool = False
    impute: str | None = None
    screen: float | None = None
    screen_on: ScreenOn = "imputed"
    treat: bool = False
    winmax: int = 5
    skew_thresh: float = 2.0
    kurt_thresh: float = 3.5

    def __post_init__(self) -> None:
        if self.impute is not None:
            parse_impute(self.impute)
        if self.screen is not None and not 0.0 <= self.screen <= 1.0:
            raise ValueError(f"screen must be a share between 0 and 1, got {self.screen}")
        if self.screen_on not in get_args(ScreenOn):
            raise ValueError(f"screen_on must be one of {get_args(ScreenOn)}")
        if self.winmax < 0:
            raise ValueError("winmax must be >= 0")

    @property
    def active(self) -> bool:
        """At least one step is switched on."""
        return self.denominate or self.impute is not None or self.screen is not None or self.treat

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DataSteps:
        unknown = sorted(set(d) - set(asdict(cls())))
        if unknown:
            raise ValueError(f"unknown data step {unknown[0]!r}")
        return cls(**dict(d))


def parse_impute(text: str) -> tuple[ImputeMethod, str | None]:
    """ "mean" → ("mean", None); "group-mean:G" → ("group-mean", "G"); ValueError otherwise."""
    name, _, group = text.partition(":")
    method = next((m for m in IMPUTE_METHODS if m == name), None)
    if method is None:
        raise ValueError(
            f"unknown imputation {text!r}: use none, mean, median, group-mean:COLUMN "
            "or group-median:COLUMN"
        )
    grouped = method.startswith("group")
    if grouped and not group:
        raise ValueError(f"{method} needs a grouping column, e.g. {method}:GROUP")
    if group and not grouped:
        raise ValueError(f"{method} takes no grouping column")
    return method, group or None


@dataclass(frozen=True, eq=False)
class UnitData:
    """Raw values of the units (units × leaves, in the tree's leaf order) and side columns."""

    codes: tuple[str, ...]
    values: FloatArray
    groups: Mapping[str, Sequence[str | None]] = field(default_factory=dict)
    denominators: Mapping[str, FloatArray] = field(default_factory=dict)
    denominated_by: tuple[str | None, ...] = ()  # per leaf: its denominator column
    scale: tuple[float, ...] = ()  # per leaf scale factor (COINr's ScaleFactor), default 1

    def subset(self, keep: BoolArray) -> UnitData:
        """The same data for the units where `keep` is true."""
        return replace(
            self,
            codes=tuple(c for c, k in zip(self.codes, keep, strict=True) if k),
            values=self.values[keep],
            groups={g: _kept(vs, keep) for g, vs in self.groups.items()},
            denominators={d: a[keep] for d, a in self.denominators.items()},
        )


def _kept(values: Sequence[str | None], keep: BoolArray) -> list[str | None]:
    return [v for v, k in zip(values, keep, strict=True) if k]


@dataclass(frozen=True, eq=False)
class Prepared:
    """The data after the steps, for the units kept, and the record of each step."""

    codes: tuple[str, ...]  # units kept
    values: FloatArray  # kept units × leaves, ready to normalise
    kept: BoolArray  # per input unit
    imputed: BoolArray  # kept units × leaves: cells filled by imputation
    screened: Screened | None
    treated: Treated | None
    log: tuple[str, ...]
    steps: DataSteps

    def frame(self, leaf_codes: Sequence[str]) -> pd.DataFrame:
        """The prepared values: index = unit codes ("uCode"), columns = leaf codes."""
        return pd.DataFrame(
            self.values, index=pd.Index(self.codes, name="uCode"), columns=list(leaf_codes)
        )

    def imputed_frame(self, leaf_codes: Sequence[str]) -> pd.DataFrame:
        """True where a cell was filled by imputation (same layout as `frame`)."""
        return pd.DataFrame(
            self.imputed, index=pd.Index(self.codes, name="uCode"), columns=list(leaf_codes)
        )


def prepare(data: UnitData, steps: DataSteps) -> Prepared:
    """Run the chosen steps in COINr's order on `data`."""
    x = data.values.astype(np.float64, copy=True)
    log: list[str] = []
    if steps.denominate:
        x = _denominate(data, x, log)
    raw_availability = x
    imputed = np.zeros(x.shape, dtype=bool)
    if steps.impute is not None:
        method, group = parse_impute(steps.impute)
        groups = _groups(data, group)
        result = impute(x, method, groups, group)
        x, imputed = result.values, result.imputed
        log.append(f"imputed {int(imputed.sum())} cells by {steps.impute}")
    keep = np.ones(x.shape[0], dtype=bool)
    screened = None
    if steps.screen is not None:
        screened = screen(raw_availability if steps.screen_on == "raw" else x, steps.screen)
        keep = screened.keep
        dropped = [c for c, k in zip(data.codes, keep, strict=True) if not k]
        names = f": {', '.join(dropped)}" if dropped else ""
        log.append(
            f"screened at {steps.screen:g} on the {steps.screen_on} data: "
            f"{len(dropped)} units removed{names}"
        )
        x, imputed = x[keep], imputed[keep]
    treated = None
    if steps.treat:
        treated = treat(x, steps.winmax, steps.skew_thresh, steps.kurt_thresh)
        x = treated.values
        log.append(_treat_line(treated))
    codes = tuple(c for c, k in zip(data.codes, keep, strict=True) if k)
    return Prepared(codes, x, keep, imputed, screened, treated, tuple(log), steps)


def _denominate(data: UnitData, x: FloatArray, log: list[str]) -> FloatArray:
    by = data.denominated_by or (None,) * x.shape[1]
    scale = data.scale or (1.0,) * x.shape[1]
    result = denominate(x, data.denominators, by, scale)
    line = f"denominated {int(result.denominated.sum())} indicators"
    if result.undefined.any():
        line += f"; {int(result.undefined.sum())} cells without a denominator became missing"
    log.append(line)
    return result.values


def _groups(data: UnitData, group: str | None) -> Sequence[str | None] | None:
    if group is None:
        return None
    if group not in data.groups:
        known = ", ".join(data.groups) or "none"
        raise ScoringError(f"unknown grouping column {group!r} (known: {known})", group)
    return data.groups[group]


def _treat_line(t: Treated) -> str:
    counts = {s: t.status.count(s) for s in ("winsorised", "log", "untreated")}
    return (
        "treated outliers (COINr's rule): "
        f"{counts['winsorised']} winsorised ({int(t.n_winsorised.sum())} points), "
        f"{counts['log']} log-transformed, {counts['untreated']} could not be checked"
    )
