"""Command-line side of the methods: data-treatment options of `score`, and `uncertainty`.

`score --framework META --data DATA [--denominate] [--impute M] [--screen F] [--treat coinr]`
runs COINr's preparation chain (scoring.prepare) before normalising. `uncertainty` runs the
batched Monte Carlo (scoring.uncertainty) and writes one row per unit: uCode, Nominal, Mean,
Median, Q5, Q95 (ranks; R's quantile type 7), then one column per tier with its probability;
with `--sensitivity FILE` also the sensitivity indices of the mean absolute rank shift.
Bad input raises CommandError with one message naming the file (and column).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import get_args

import numpy as np

from models.commands import CommandError, _check_output, _settings
from models.framework import SourceError
from models.idata import UnitTable, read_idata
from models.imeta import MetaTable, read_imeta
from models.tables import Cell, write_table
from scoring.aggregate import AggregateMethod
from scoring.hierarchy import FloatArray, ScoringError
from scoring.normalise import NormaliseMethod
from scoring.prepare import DataSteps, UnitData, prepare
from scoring.sensitivity import SensitivityResult, run_sensitivity
from scoring.uncertainty import UncertaintyResult, UncertaintySpec, run_uncertainty

SCALE_COLUMN = "ScaleFactor"  # optional iMeta column, COINr's denomby$ScaleFactor


def add_treatment_arguments(p: argparse.ArgumentParser) -> None:
    """COINr's data-treatment steps, run in COINr's order before normalisation."""
    g = p.add_argument_group("data treatment (COINr order: denominate, impute, screen, treat)")
    g.add_argument(
        "--denominate",
        action="store_true",
        help="divide by the iMeta Denominator column (times an optional ScaleFactor column)",
    )
    g.add_argument(
        "--impute",
        metavar="METHOD",
        help="mean, median, group-mean:GROUP or group-median:GROUP (an iData group column)",
    )
    g.add_argument("--screen", type=float, metavar="F", help="keep units with ≥ F data (0–1)")
    g.add_argument(
        "--screen-on",
        choices=("imputed", "raw"),
        default="imputed",
        help="screen on the imputed data (COINr's example; default) or on the data as given",
    )
    g.add_argument("--treat", choices=("coinr", "none"), help="outlier treatment")


def steps_from_args(args: argparse.Namespace) -> DataSteps:
    try:
        return DataSteps(
            denominate=bool(args.denominate),
            impute=args.impute,
            screen=args.screen,
            screen_on=args.screen_on,
            treat=args.treat == "coinr",
        )
    except ValueError as error:
        raise CommandError(f"bad data-treatment option: {error}") from error


def unit_data(meta: MetaTable, units: UnitTable, source: Path) -> UnitData:
    """The engine's view of an iData table: values, groups, denominators per leaf."""
    by, scale = [], []
    scales = meta.extras.get(SCALE_COLUMN, {})
    for code in units.indicators:
        spec = meta.framework[code].spec
        by.append((spec.denominator or None) if spec is not None else None)
        scale.append(_scale(scales.get(code), code, source))
    return UnitData(
        codes=units.codes,
        values=units.values,
        groups=dict(units.groups),
        denominators=dict(units.denominators),
        denominated_by=tuple(by),
        scale=tuple(scale),
    )


def _scale(text: str | None, code: str, source: Path) -> float:
    if not text:
        return 1.0
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise CommandError(f"{source}, column {SCALE_COLUMN}, {code}: {text!r} is not > 0")
    return value


def prepared_values(
    args: argparse.Namespace, meta: MetaTable, units: UnitTable
) -> tuple[tuple[str, ...], FloatArray]:
    """Unit codes and values after the requested treatment steps (as given if none)."""
    steps = steps_from_args(args)
    if not steps.active:
        return units.codes, units.values
    try:
        prepared = prepare(unit_data(meta, units, args.framework), steps)
    except ScoringError as error:
        raise CommandError(f"{args.data}: {error}") from error
    for line in prepared.log:
        print(line)
    return prepared.codes, prepared.values


# ---------------------------------------------------------------- uncertainty


def add_uncertainty_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("uncertainty", help="Monte Carlo rank intervals and tier probabilities")
    p.add_argument("--framework", type=Path, required=True, help="iMeta table (CSV or XLSX)")
    p.add_argument("--data", type=Path, required=True, help="iData table (CSV or XLSX)")
    p.add_argument("--samples", type=int, default=1000, metavar="N", help="default 1000")
    noise_help = "weights × (1 + U(−X, X)) at every level, e.g. 0.25"
    p.add_argument("--weight-noise", type=float, default=0.0, metavar="X", help=noise_help)
    p.add_argument("--normalise-choices", type=_list, default=(), metavar="M1,M2,…")
    p.add_argument("--aggregate-choices", type=_list, default=(), metavar="A1,A2,…")
    impute_help = "e.g. none,mean,group-mean:GROUP"
    p.add_argument("--impute-choices", type=_list, default=(), metavar="I1,…", help=impute_help)
    drop_help = "also leave out one indicator at a time (or none)"
    p.add_argument("--drop-indicators", action="store_true", help=drop_help)
    p.add_argument("--seed", type=int, help="random seed (results are reproducible with it)")
    sa_help = "also estimate sensitivity indices (N(k + 2) runs) into FILE"
    p.add_argument("--sensitivity", type=Path, metavar="FILE", help=sa_help)
    p.add_argument("--normalise", help="nominal normalisation (default minmax)")
    p.add_argument("--range", type=_range, metavar="LO,HI", help="default 0,100")
    p.add_argument("--aggregate", help="nominal aggregation (default arithmetic)")
    p.add_argument("--min-coverage", type=float, metavar="F")
    add_treatment_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="rank table (.csv or .xlsx)")


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _range(text: str) -> tuple[float, float]:
    try:
        lo, hi = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LO,HI (two numbers), got {text!r}") from None
    return lo, hi


def uncertainty(args: argparse.Namespace) -> int:
    _check_output(args.out)
    if args.sensitivity is not None:
        _check_output(args.sensitivity)
    spec = _spec(args)
    args.normalise = args.normalise or "minmax"
    args.range = args.range or (0.0, 100.0)
    settings = _settings(args)
    try:
        meta = read_imeta(args.framework)
        units = read_idata(args.data, meta)
        data = unit_data(meta, units, args.framework)
        h, steps = meta.framework.to_hierarchy(), steps_from_args(args)
        if args.sensitivity is None:
            result = run_uncertainty(h, data, settings, steps, spec)
        else:
            sa = run_sensitivity(h, data, settings, steps, spec)
            result = sa.uncertainty
            _write_sensitivity(args.sensitivity, sa)
    except SourceError as error:
        raise CommandError(str(error)) from error
    except ScoringError as error:
        raise CommandError(f"{args.data}: {error}") from error
    _write_ranks(args.out, result)
    varied = ", ".join(result.assumptions) or "nothing varied"
    runs, n_units = result.ranks.shape
    print(f"{runs} samples of {n_units} units ({varied}) → {args.out}")
    return 0


def _spec(args: argparse.Namespace) -> UncertaintySpec:
    for name, allowed in (
        ("normalise_choices", get_args(NormaliseMethod)),
        ("aggregate_choices", get_args(AggregateMethod)),
    ):
        bad = [c for c in getattr(args, name) if c not in allowed]
        if bad:
            flag = "--" + name.replace("_", "-")
            raise CommandError(f"{flag}: unknown method {bad[0]!r}; choose from {allowed}")
    try:
        return UncertaintySpec(
            samples=args.samples,
            weight_noise=args.weight_noise,
            normalise=args.normalise_choices,
            aggregate=args.aggregate_choices,
            impute=args.impute_choices,
            drop_indicators=args.drop_indicators,
            seed=args.seed,
        )
    except ValueError as error:
        raise CommandError(f"bad uncertainty option: {error}") from error


def _write_ranks(path: Path, result: UncertaintyResult) -> None:
    frame = result.frame()
    rows: list[list[Cell]] = [
        [str(row[0]), *(_cell(v) for v in row[1:])] for row in frame.itertuples(index=False)
    ]
    write_table(path, [str(c) for c in frame.columns], rows, "Uncertainty")


def _write_sensitivity(path: Path, sa: SensitivityResult) -> None:
    frame = sa.frame()
    rows: list[list[Cell]] = [
        [str(name), *(_cell(v) for v in values)]
        for name, values in zip(frame.index, frame.to_numpy(), strict=True)
    ]
    write_table(path, ["Assumption", *(str(c) for c in frame.columns)], rows, "Sensitivity")


def _cell(value: float) -> Cell:
    number = float(value)
    return None if np.isnan(number) else number
