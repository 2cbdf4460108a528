"""Rasa's own checks: the training data validates and the test stories pass."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli.stack import ROOT, bin_path, ensure_model

DATA = ["--config", "bot/config.yml", "--domain", "bot/domain.yml", "--data", "nlu", "stories"]


def rasa(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([bin_path("rasa"), *args], cwd=cwd, capture_output=True, text=True, timeout=900,
                          check=False)


def test_rasa_data_validate() -> None:
    result = rasa("data", "validate", *DATA, "--fail-on-warnings", cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_rasa_test_stories_have_no_prediction_errors(tmp_path: Path) -> None:
    model = ensure_model()
    result = rasa("test", "core", "--model", str(model), "--stories", str(ROOT / "tests/stories/test_stories.yml"),
                  "--fail-on-prediction-errors", "--out", str(tmp_path / "results"), cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "results" / "failed_test_stories.yml").read_text()
    assert "None of the test stories failed" in failed
