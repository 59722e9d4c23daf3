"""Schemathesis fuzzes the running API from openapi/openapi.json alone: every check, generated
positive and negative data, and the stateful phase following the document's links. Zero failures
means the contract and the server agree. Settings, and the reason for every exclusion, are in
tests/contract/schemathesis.toml; the run is derandomized, so CI sees the same cases every time."""

import os
import subprocess
import sys
from pathlib import Path

from secondround.config import REPO_ROOT
from tests.support.accounts import register_user

CONFIG = Path(__file__).with_name("schemathesis.toml")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")


def test_schemathesis_finds_no_failure(base_url, tmp_path):
    fuzzer = register_user(base_url, "fuzzer")
    try:
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "st"),
                "--config-file",
                str(CONFIG),
                "--no-color",
                "run",
                str(REPO_ROOT / "openapi" / "openapi.json"),
                "--url",
                base_url,
                "--header",
                f"Authorization: Bearer {fuzzer.token}",
                "--checks",
                "all",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,  # where schemathesis keeps its cache
            env={**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)},
        )
    finally:
        fuzzer.client.close()
    report = result.stdout + result.stderr
    # Show the failures section first: a long generated body can push it out of a tail.
    start = max(report.find("FAILURES"), 0)
    assert result.returncode == 0, report[start : start + 20_000]
    # Every phase ran, the stateful one included (it follows the links from each create).
    for phase in ("Examples", "Fuzzing", "Stateful"):
        assert f"✅  {phase} (in " in report, report[-5_000:]
    print(report[report.find("SUMMARY") :])
