"""The gold files obey docs/gold-format.md and match their report texts (data/gold/validate.py)."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import GOLD, needs_seeds

_spec = importlib.util.spec_from_file_location("validate_gold", GOLD / "validate.py")
validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validate)


@pytest.mark.parametrize("name", ["sample", "heldout", "heldout2", "heldout3", "heldout4"])
def test_gold_file_is_valid(name, capsys):
    assert validate.main([str(GOLD / f"{name}.jsonl"), "--strict"]) == 0, capsys.readouterr().out
    assert f"{name}.jsonl: " in capsys.readouterr().out


@needs_seeds
def test_seed_gold_is_valid(capsys):
    assert validate.main([str(GOLD / "seeds.jsonl"), "--strict"]) == 0, capsys.readouterr().out


def test_validator_rejects_a_mention_missing_from_the_text(tmp_path, capsys):
    line = (GOLD / "heldout4.jsonl").read_text(encoding="utf-8").splitlines()[0]
    broken = tmp_path / "heldout4.jsonl"
    broken.write_text(line.replace('"mentions": [', '"mentions": [["Nirgendwodorf", "LOC"], ', 1) + "\n", encoding="utf-8")
    assert validate.main([str(broken)]) == 1
    assert "Nirgendwodorf" in capsys.readouterr().out
