"""Scoring schemes (评分方案): every choice the sources disagree on, as data.

A scheme is a small TOML file. ``base = "central-2020"`` inherits a preset and overrides only
the tables it gives (arrays such as ``[[grades]]`` replace the base's). Presets live beside this
module in ``schemes/*.toml``; the format is documented in docs/scoring.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.core.vocabulary import Level1, Level2

DEFAULT_SCHEME = "central-2020"


class SchemeError(ValueError):
    """A scheme file that cannot be used; the message says where and what."""


class Bucket(StrEnum):
    """The weight buckets of a self-evaluation (一级 weights)."""

    BUDGET = "budget"
    OUTPUT = "output"
    BENEFIT = "benefit"
    SATISFACTION = "satisfaction"


INDICATOR_BUCKETS = (Bucket.OUTPUT, Bucket.BENEFIT, Bucket.SATISFACTION)


class ReverseRule(StrEnum):
    RATIO = "ratio"  # w × T / A (S11)
    LINEAR = "linear"  # w × (1 − (A − T) / T), 0 from 2T on (V1)


class Level(StrEnum):
    """Qualitative outcome levels (定性指标完成等级)."""

    ACHIEVED = "达成"
    PARTIAL = "部分达成"
    FAILED = "未达成"


@dataclass(frozen=True, slots=True)
class Band:
    """A level's score band as shares of the weight, and the share used when no score is given."""

    low: Decimal
    high: Decimal
    default: Decimal


@dataclass(frozen=True, slots=True)
class Grade:
    label: str
    min: Decimal


@dataclass(frozen=True, slots=True)
class MonitoringThresholds:
    red_below: Decimal
    yellow_below: Decimal
    blue_from: Decimal
    budget_red_below: Decimal
    budget_yellow_below: Decimal
    not_prorated: frozenset[Level2]
    prorate_percent: bool  # False: rates (%) are shares, not cumulative counts


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    title: str
    weights: dict[Bucket, Decimal]
    categories: dict[Level1, Bucket]
    reverse: ReverseRule
    bands: dict[Level, Band]
    budget_cap: bool
    reason_below: Decimal
    grades: tuple[Grade, ...]  # highest first
    monitoring: MonitoringThresholds

    @property
    def indicator_total(self) -> Decimal:
        """Points for the 三级指标 together (100 minus the budget weight)."""
        return sum((self.weights[b] for b in INDICATOR_BUCKETS), Decimal(0))

    def bucket_of(self, category: Level1) -> Bucket | None:
        return self.categories.get(category)

    def grade(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.min:
                return grade.label
        return self.grades[-1].label


_COST_LEVEL2 = {"cost", "economic_cost", "social_cost", "ecological_cost"}


def preset_names() -> list[str]:
    folder = resources.files("jixiao.scoring").joinpath("schemes")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def _preset_text(name: str) -> str | None:
    entry = resources.files("jixiao.scoring").joinpath("schemes", f"{name}.toml")
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


def load_scheme(name_or_path: str | Path | None = None) -> Scheme:
    """A preset by name (``central-2020``) or a TOML file path; :class:`SchemeError` otherwise."""
    raw = _load_raw(str(name_or_path or DEFAULT_SCHEME), seen=())
    return _build(raw, str(name_or_path or DEFAULT_SCHEME))


def parse_scheme(text: str, origin: str = "<scheme>") -> Scheme:
    return _build(_resolve(_parse_toml(text, origin), origin, seen=(origin,)), origin)


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text, parse_float=Decimal)  # 0.8 stays exactly 0.8
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{origin}: not valid TOML: {exc}") from exc


def _load_raw(ref: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if ref in seen:
        raise SchemeError(f"scheme {ref}: 'base' chain loops ({' → '.join((*seen, ref))})")
    text = _preset_text(ref) if "/" not in ref and not ref.endswith(".toml") else None
    if text is None:
        path = Path(ref)
        if not path.is_file():
            known = ", ".join(preset_names())
            raise SchemeError(f"no scheme {ref!r}: not a preset ({known}) and not a file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemeError(f"{ref}: cannot read scheme: {exc}") from exc
    return _resolve(_parse_toml(text, ref), ref, (*seen, ref))


# every key a scheme file may hold, per table ("" is the top level)
_KEYS: dict[str, frozenset[str]] = {
    "": frozenset(
        {
            "name",
            "title",
            "base",
            "weights",
            "categories",
            "quantitative",
            "qualitative",
            "budget",
            "grades",
            "monitoring",
        }
    ),
    "weights": frozenset(b.value for b in Bucket),
    "quantitative": frozenset({"reverse"}),
    "qualitative": frozenset({"achieved", "partial", "failed"}),
    "budget": frozenset({"cap", "reason_below"}),
    "monitoring": frozenset(
        {
            "red_below",
            "yellow_below",
            "blue_from",
            "budget_red_below",
            "budget_yellow_below",
            "not_prorated",
            "prorate_percent",
        }
    ),
}


def _check_keys(data: dict[str, Any], origin: str) -> None:
    """A typo ([weight], [quantitativ], budget.reson_below) is an error, never ignored."""
    for table, allowed in _KEYS.items():
        section = data if not table else data.get(table)
        if not isinstance(section, dict):
            continue
        for key in section:
            if key not in allowed:
                where = f"[{table}] " if table else ""
                known = ", ".join(sorted(allowed))
                raise SchemeError(
                    f"{origin}: unknown key {where}{key!r}; the keys allowed here are: {known}"
                )


def _resolve(data: dict[str, Any], origin: str, seen: tuple[str, ...]) -> dict[str, Any]:
    _check_keys(data, origin)
    base = data.pop("base", None)
    if base is None:
        return data
    if not isinstance(base, str):
        raise SchemeError(f"{origin}: 'base' must be a scheme name")
    return _merge(_load_raw(base, seen), data)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _dec(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise SchemeError(f"{where}: expected a number, not {value!r}")
    try:
        return Decimal(value) if not isinstance(value, str) else Decimal(value.strip())
    except InvalidOperation as exc:
        raise SchemeError(f"{where}: not a number: {value!r}") from exc


def _table(data: dict[str, Any], key: str, origin: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise SchemeError(f"{origin}: missing table [{key}]")
    return value


def _build(data: dict[str, Any], origin: str) -> Scheme:
    weights_raw = _table(data, "weights", origin)
    weights: dict[Bucket, Decimal] = {}
    for bucket in Bucket:
        if bucket.value not in weights_raw:
            raise SchemeError(f"{origin}: [weights] needs {bucket.value}")
        weights[bucket] = _dec(weights_raw[bucket.value], f"{origin}: weights.{bucket.value}")
        if weights[bucket] < 0:
            raise SchemeError(f"{origin}: weights.{bucket.value} must not be negative")
    if sum(weights.values()) != 100:
        raise SchemeError(f"{origin}: [weights] must add up to 100, not {sum(weights.values())}")
    return Scheme(
        name=str(data.get("name") or Path(origin).stem),
        title=str(data.get("title") or ""),
        weights=weights,
        categories=_categories(_table(data, "categories", origin), origin),
        reverse=_enum(ReverseRule, _table(data, "quantitative", origin).get("reverse"), origin),
        bands=_bands(_table(data, "qualitative", origin), origin),
        budget_cap=bool(_table(data, "budget", origin).get("cap", True)),
        reason_below=_dec(_table(data, "budget", origin).get("reason_below", "0.9"), origin),
        grades=_grades(data.get("grades"), origin),
        monitoring=_monitoring(_table(data, "monitoring", origin), origin),
    )


def _enum(kind: type[ReverseRule], value: object, origin: str) -> ReverseRule:
    try:
        return kind(str(value))
    except ValueError as exc:
        choices = ", ".join(k.value for k in kind)
        raise SchemeError(f"{origin}: quantitative.reverse must be one of {choices}") from exc


def _categories(raw: dict[str, Any], origin: str) -> dict[Level1, Bucket]:
    found: dict[Level1, Bucket] = {}
    for key, value in raw.items():
        try:
            found[Level1(key)] = Bucket(value)
        except ValueError as exc:
            raise SchemeError(f"{origin}: categories.{key} = {value!r} is not known") from exc
    return found


def _bands(raw: dict[str, Any], origin: str) -> dict[Level, Band]:
    keys = {Level.ACHIEVED: "achieved", Level.PARTIAL: "partial", Level.FAILED: "failed"}
    bands: dict[Level, Band] = {}
    for level, key in keys.items():
        entry = raw.get(key)
        if not isinstance(entry, dict):
            raise SchemeError(f"{origin}: qualitative.{key} missing")
        where = f"{origin}: qualitative.{key}"
        band = Band(
            _dec(entry.get("low"), where),
            _dec(entry.get("high"), where),
            _dec(entry.get("default"), where),
        )
        if not band.low <= band.default <= band.high <= 1:
            raise SchemeError(f"{where}: need 0 ≤ low ≤ default ≤ high ≤ 1")
        bands[level] = band
    return bands


def _grades(raw: object, origin: str) -> tuple[Grade, ...]:
    if not isinstance(raw, list) or not raw:
        raise SchemeError(f"{origin}: needs [[grades]] entries (label, min)")
    grades: list[Grade] = []
    for entry in raw:
        if not isinstance(entry, dict) or "label" not in entry or "min" not in entry:
            raise SchemeError(f"{origin}: every [[grades]] entry needs label and min")
        unknown = sorted(set(entry) - {"label", "min"})
        if unknown:
            raise SchemeError(f"{origin}: [[grades]] has unknown key(s) {', '.join(unknown)}")
        grade = Grade(str(entry["label"]), _dec(entry["min"], f"{origin}: grades"))
        if grades and grade.min >= grades[-1].min:
            raise SchemeError(
                f"{origin}: [[grades]] must go from the highest min down: {grade.label} "
                f"(min {grade.min}) comes after {grades[-1].label} (min {grades[-1].min})"
            )
        grades.append(grade)
    if grades[-1].min != 0:
        raise SchemeError(
            f"{origin}: the last [[grades]] entry is the lowest band and needs min = 0, "
            f"not {grades[-1].min} (else a low total would get no grade)"
        )
    return tuple(grades)


def _monitoring(raw: dict[str, Any], origin: str) -> MonitoringThresholds:
    where = f"{origin}: monitoring"
    names = raw.get("not_prorated", [])
    try:
        not_prorated = frozenset(Level2(n) for n in names)
    except (ValueError, TypeError) as exc:
        raise SchemeError(f"{where}.not_prorated: unknown 二级 code in {names!r}") from exc
    if Level2.COST in not_prorated:
        not_prorated |= {Level2(c) for c in _COST_LEVEL2}
    thresholds = MonitoringThresholds(
        red_below=_dec(raw.get("red_below", 60), where),
        yellow_below=_dec(raw.get("yellow_below", 80), where),
        blue_from=_dec(raw.get("blue_from", 120), where),
        budget_red_below=_dec(raw.get("budget_red_below", 60), where),
        budget_yellow_below=_dec(raw.get("budget_yellow_below", 80), where),
        not_prorated=not_prorated,
        prorate_percent=bool(raw.get("prorate_percent", False)),
    )
    t = thresholds
    if not t.red_below <= t.yellow_below <= t.blue_from:
        raise SchemeError(
            f"{where}: need red_below ≤ yellow_below ≤ blue_from, not {t.red_below} / "
            f"{t.yellow_below} / {t.blue_from}"
        )
    if not t.budget_red_below <= t.budget_yellow_below:
        raise SchemeError(
            f"{where}: need budget_red_below ≤ budget_yellow_below, not "
            f"{t.budget_red_below} / {t.budget_yellow_below}"
        )
    return thresholds
