"""Rule sets as data: presets (``presets/*.toml``) and user config files that extend them.

A config file is TOML; ``extends`` names a preset or another file (relative to this one).
Tables merge key by key, lists and values replace. Numbers are read as ``Decimal``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.problems import Severity
from jixiao.core.vocabulary import Level1, Level2

PRESET_DIR = Path(__file__).resolve().parent / "presets"
DEFAULT_PRESET = "legacy"
GRADES = ("优", "良", "中", "差")
OFF = "off"

_TOP_KEYS = frozenset(
    {"name", "description", "extends", "framework", "categories", "thresholds", "rules"}
    | {"severity", "grade", "words"}
)
_SECTION_KEYS: dict[str, frozenset[str]] = {
    "categories": frozenset({"required_level1", "required_level2", "cost_position"}),
    "thresholds": frozenset(
        {
            "min_quantitative_share",
            "satisfaction_min_percent",
            "min_indicators_per_level1",
            "min_goal_chars",
        }
    ),
    "rules": frozenset({"select", "ignore"}),
    "grade": frozenset({"start", "deduct", "cap", "bands"}),
    "words": frozenset({"vague"}),
}


class ConfigError(Exception):
    """A preset or config file that cannot be used; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_quantitative_share: Decimal = Decimal("0.5")  # of 三级指标 with a numeric target
    satisfaction_min_percent: Decimal = Decimal(80)
    min_indicators_per_level1: int = 1
    min_goal_chars: int = 10


@dataclass(frozen=True, slots=True)
class GradeConfig:
    """Review grade: start at ``start``, deduct per finding by severity, capped per rule code."""

    start: Decimal = Decimal(100)
    deduct: Mapping[Severity, Decimal] = field(
        default_factory=lambda: {
            Severity.ERROR: Decimal(20),
            Severity.WARNING: Decimal(5),
            Severity.INFO: Decimal(0),
        }
    )
    cap: Mapping[Severity, Decimal] = field(
        default_factory=lambda: {
            Severity.ERROR: Decimal(40),
            Severity.WARNING: Decimal(10),
            Severity.INFO: Decimal(0),
        }
    )
    bands: tuple[tuple[str, Decimal], ...] = (
        ("优", Decimal(90)),
        ("良", Decimal(80)),
        ("中", Decimal(60)),
    )


@dataclass(frozen=True, slots=True)
class Config:
    name: str = DEFAULT_PRESET
    description: str = ""
    framework: str = ""
    required_level1: tuple[Level1, ...] = ()
    required_level2: tuple[tuple[Level1, tuple[Level2, ...]], ...] = ()
    cost_position: str = "any"  # "level1" (101号), "level2" (88号) or "any"
    thresholds: Thresholds = field(default_factory=Thresholds)
    select: tuple[str, ...] = ("R",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # code or prefix -> severity or "off"
    grade: GradeConfig = field(default_factory=GradeConfig)
    vague_words: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()  # presets and files merged, base first

    def severity_for(self, code: str, default: Severity) -> Severity | None:
        """Effective severity of ``code``; ``None`` when switched ``off``."""
        best = _longest_match(code, (prefix for prefix, _ in self.severity))
        if best is None:
            return default
        value = dict(self.severity)[best]
        return None if value == OFF else Severity(value)

    def is_selected(self, code: str) -> bool:
        """ruff semantics: the most specific matching selector wins; on a tie ``ignore`` wins."""
        chosen = _longest_match(code, self.select)
        if chosen is None:
            return False
        dropped = _longest_match(code, self.ignore)
        return dropped is None or len(chosen) > len(dropped)

    def with_selection(
        self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
    ) -> Config:
        """Command-line ``--select`` replaces the file's selection; ``--ignore`` adds to it."""
        new_select = tuple(_split(select)) if select else self.select
        new_ignore = self.ignore + tuple(_split(ignore or ()))
        return replace(self, select=new_select, ignore=new_ignore)


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _longest_match(code: str, prefixes: Iterable[str]) -> str | None:
    matches = [p for p in prefixes if code.startswith(p)]
    return max(matches, key=len) if matches else None


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.toml"))


def load_config(spec: str | None = None) -> Config:
    """A preset by name or a config file by path; ``None`` gives the default preset."""
    spec = spec or DEFAULT_PRESET
    if spec in preset_names():
        data, chain = _load_chain(PRESET_DIR / f"{spec}.toml", ())
    else:
        path = Path(spec)
        if not path.is_file():
            known = ", ".join(preset_names())
            raise ConfigError(f"unknown rule preset or file: {spec} (presets: {known})")
        data, chain = _load_chain(path, ())
    return config_from_dict(data, chain=chain, origin=chain[-1])


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from exc
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc


def _load_chain(path: Path, seen: tuple[str, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    key = str(path.resolve())
    if key in seen:
        raise ConfigError(f"{path}: 'extends' loops back to a file already loaded")
    data = _read_toml(path)
    _check_keys(data, path)
    parent = data.pop("extends", None)
    label = path.stem if path.parent == PRESET_DIR else str(path)
    if parent is None:
        return data, (label,)
    if not isinstance(parent, str):
        raise ConfigError(f"{path}: 'extends' must be a preset name or a file path")
    if parent in preset_names():
        parent_path = PRESET_DIR / f"{parent}.toml"
    else:
        parent_path = (path.parent / parent).resolve()
        if not parent_path.is_file():
            known = ", ".join(preset_names())
            raise ConfigError(f"{path}: extends unknown preset or file {parent!r} ({known})")
    base, chain = _load_chain(parent_path, (*seen, key))
    return merge(base, data), (*chain, label)


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value in ``over`` replaces the base value."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


def _check_keys(data: Mapping[str, Any], path: Path) -> None:
    for key, value in data.items():
        if key not in _TOP_KEYS:
            raise ConfigError(
                f"{path}: unknown key {key!r} (known: {', '.join(sorted(_TOP_KEYS))})"
            )
        allowed = _SECTION_KEYS.get(key)
        if allowed is not None:
            if not isinstance(value, Mapping):
                raise ConfigError(f"{path}: [{key}] must be a table")
            unknown = sorted(set(value) - allowed)
            if unknown:
                known = ", ".join(sorted(allowed))
                raise ConfigError(f"{path}: unknown key {key}.{unknown[0]} (known: {known})")


def config_from_dict(
    data: Mapping[str, Any], *, chain: tuple[str, ...] = (), origin: str = "config"
) -> Config:
    """Build a :class:`Config` from merged TOML data; bad values raise :class:`ConfigError`."""
    try:
        return _build(data, chain)
    except (KeyError, ValueError, TypeError, ArithmeticError) as exc:
        raise ConfigError(f"{origin}: invalid value: {exc}") from exc


def _build(data: Mapping[str, Any], chain: tuple[str, ...]) -> Config:
    cats = data.get("categories", {})
    rules = data.get("rules", {})
    words = data.get("words", {})
    required2 = tuple(
        (Level1(top), tuple(Level2(sub) for sub in _strings(subs, f"required_level2.{top}")))
        for top, subs in cats.get("required_level2", {}).items()
    )
    position = str(cats.get("cost_position", "any"))
    if position not in ("level1", "level2", "any"):
        raise ValueError(f"categories.cost_position must be level1, level2 or any, not {position}")
    return Config(
        name=str(data.get("name", chain[-1] if chain else "config")),
        description=str(data.get("description", "")),
        framework=str(data.get("framework", "")),
        required_level1=tuple(Level1(v) for v in _strings(cats.get("required_level1", []), "x")),
        required_level2=required2,
        cost_position=position,
        thresholds=_thresholds(data.get("thresholds", {})),
        select=tuple(v.upper() for v in _strings(rules.get("select", ["R"]), "rules.select")),
        ignore=tuple(v.upper() for v in _strings(rules.get("ignore", []), "rules.ignore")),
        severity=_severities(data.get("severity", {})),
        grade=_grade(data.get("grade", {})),
        vague_words=tuple(_strings(words.get("vague", []), "words.vague")),
        chain=chain,
    )


def _strings(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return list(value)


def _number(value: object, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"{name} must be a number")
    return Decimal(value)


def _thresholds(raw: Mapping[str, Any]) -> Thresholds:
    base = Thresholds()
    share = _number(raw.get("min_quantitative_share", base.min_quantitative_share), "share")
    if not Decimal(0) <= share <= Decimal(1):
        raise ValueError("thresholds.min_quantitative_share must lie between 0 and 1")
    return Thresholds(
        min_quantitative_share=share,
        satisfaction_min_percent=_number(
            raw.get("satisfaction_min_percent", base.satisfaction_min_percent),
            "thresholds.satisfaction_min_percent",
        ),
        min_indicators_per_level1=int(
            _number(raw.get("min_indicators_per_level1", base.min_indicators_per_level1), "min")
        ),
        min_goal_chars=int(_number(raw.get("min_goal_chars", base.min_goal_chars), "chars")),
    )


def _severities(raw: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    out = []
    for code, value in raw.items():
        text = str(value).lower()
        if text != OFF:
            Severity(text)  # raises ValueError on an unknown severity
        out.append((code.upper(), text))
    return tuple(out)


def _per_severity(
    raw: Mapping[str, Any], base: Mapping[Severity, Decimal], name: str
) -> dict[Severity, Decimal]:
    out = dict(base)
    for key, value in raw.items():
        number = _number(value, f"grade.{name}.{key}")
        if number < 0:  # a negative deduction would raise the score above grade.start
            raise ValueError(f"grade.{name}.{key} must be 0 or more, not {number}")
        out[Severity(key)] = number
    return out


def _grade(raw: Mapping[str, Any]) -> GradeConfig:
    base = GradeConfig()
    bands_raw = raw.get("bands", {})
    bands = dict(base.bands)
    for key, value in bands_raw.items():
        if key not in GRADES[:3]:
            raise ValueError(f"grade.bands keys are 优, 良, 中 (差 is below 中), not {key}")
        bands[key] = _number(value, f"grade.bands.{key}")
    ordered = tuple((g, bands[g]) for g in GRADES[:3])
    if not ordered[0][1] >= ordered[1][1] >= ordered[2][1]:
        raise ValueError("grade.bands must fall: 优 ≥ 良 ≥ 中")
    return GradeConfig(
        start=_number(raw.get("start", base.start), "grade.start"),
        deduct=_per_severity(raw.get("deduct", {}), base.deduct, "deduct"),
        cap=_per_severity(raw.get("cap", {}), base.cap, "cap"),
        bands=ordered,
    )
