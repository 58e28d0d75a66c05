"""Presets load; config files extend and override them; select/ignore work as in ruff."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.problems import Severity
from jixiao.core.vocabulary import Level1, Level2
from jixiao.rules import ConfigError, load_config, preset_names
from jixiao.services.review import resolve_config


def test_presets_load() -> None:
    assert preset_names() == ["central-2021", "guangdong", "legacy"]
    legacy, central, guangdong = (load_config(n) for n in ("legacy", "central-2021", "guangdong"))
    assert legacy.cost_position == "level2" and central.cost_position == "level1"
    assert Level1.COST in central.required_level1
    assert dict(legacy.required_level2)[Level1.OUTPUT] == (
        Level2.QUANTITY,
        Level2.QUALITY,
        Level2.TIMELINESS,
    )
    assert central.chain == ("legacy", "central-2021")
    assert not legacy.is_selected("R107") and guangdong.is_selected("R107")
    assert guangdong.severity_for("R107", Severity.INFO) is Severity.WARNING
    assert legacy.thresholds.min_quantitative_share == Decimal("0.5")
    assert legacy.grade.bands == (("优", 90), ("良", 80), ("中", 60))


def test_default_is_legacy() -> None:
    assert load_config(None).name == "legacy"


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'extends = "central-2021"\nname = "mine"\n'
        "[thresholds]\nmin_quantitative_share = 0.7\n"
        '[severity]\nR205 = "error"\nR3 = "info"\nR302 = "off"\n'
        '[grade.bands]\n"优" = 85\n',
        encoding="utf-8",
    )
    cfg = load_config(str(path))
    assert cfg.name == "mine"
    assert cfg.chain == ("legacy", "central-2021", str(path))
    assert cfg.cost_position == "level1"  # inherited from central-2021
    assert cfg.thresholds.min_quantitative_share == Decimal("0.7")
    assert cfg.thresholds.satisfaction_min_percent == 80  # inherited from legacy
    assert cfg.severity_for("R205", Severity.WARNING) is Severity.ERROR
    assert cfg.severity_for("R301", Severity.WARNING) is Severity.INFO  # prefix
    assert cfg.severity_for("R302", Severity.WARNING) is None  # more specific "off" wins
    assert dict(cfg.grade.bands) == {"优": 85, "良": 80, "中": 60}


def test_extends_a_file_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text('extends = "legacy"\n[rules]\nignore = ["R3"]\n')
    (tmp_path / "team.toml").write_text('extends = "base.toml"\n')
    cfg = load_config(str(tmp_path / "team.toml"))
    assert not cfg.is_selected("R301") and cfg.is_selected("R205")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[thresholds\nx = 1\n", "line 1"),
        ('extends = "nosuch"\n', "nosuch"),
        ("colour = 1\n", "unknown key 'colour'"),
        ("[thresholds]\nmin_share = 1\n", "thresholds.min_share"),
        ('[severity]\nR205 = "fatal"\n', "fatal"),
        ("[thresholds]\nmin_quantitative_share = 1.5\n", "between 0 and 1"),
        ('[grade.bands]\n"优" = 50\n', "优 ≥ 良 ≥ 中"),
        ('[categories]\nrequired_level1 = ["outputs"]\n', "outputs"),
        # a negative deduction would lift a table with warnings above a clean one
        ("[grade.deduct]\nwarning = -5\n", "grade.deduct.warning must be 0 or more"),
        ("[grade.cap]\nerror = -1\n", "grade.cap.error must be 0 or more"),
    ],
)
def test_bad_config_files_give_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_extends_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n')
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n')
    with pytest.raises(ConfigError, match="loops"):
        load_config(str(tmp_path / "a.toml"))


def test_unknown_preset() -> None:
    with pytest.raises(ConfigError, match="unknown rule preset or file: nosuch"):
        load_config("nosuch")


def test_select_and_ignore_follow_ruff() -> None:
    cfg = load_config("legacy")
    only = cfg.with_selection(select=["R2,R301"])
    assert only.is_selected("R205") and only.is_selected("R301")
    assert not only.is_selected("R302") and not only.is_selected("R101")
    # --ignore adds to the file's ignore list; the more specific selector wins
    narrowed = cfg.with_selection(select=["R3", "R302"], ignore=["R30"])
    assert narrowed.is_selected("R302")  # R302 is more specific than R30
    assert not narrowed.is_selected("R301")
    assert narrowed.is_selected("R310")
    assert not narrowed.is_selected("R107")  # still ignored by the preset
    tie = cfg.with_selection(select=["R205"], ignore=["R205"])
    assert not tie.is_selected("R205")  # on a tie ignore wins
    assert cfg.with_selection(select=["r2"]).is_selected("R201")  # case-insensitive


def test_unknown_selectors_are_usage_errors() -> None:
    with pytest.raises(ConfigError, match="R999"):
        resolve_config("legacy", select=["R999"])
    with pytest.raises(ConfigError, match="X1"):
        resolve_config("legacy", ignore=["X1"])
    assert resolve_config("legacy", select=["R2"]).select == ("R2",)
