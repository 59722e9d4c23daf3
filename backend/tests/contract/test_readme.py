"""The README renders: every code fence closes (one left open swallowed a whole section once),
and every picture it shows is in the repository."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.pure
def test_every_code_fence_closes():
    fences = [n for n, line in enumerate(README.read_text().splitlines(), 1) if line.startswith("```")]
    assert len(fences) % 2 == 0, f"a code fence is left open; fences at lines {fences}"
    # An opening fence names its language; a closing one is bare.
    lines = README.read_text().splitlines()
    for opening, closing in zip(fences[::2], fences[1::2], strict=True):
        assert lines[closing - 1].strip() == "```", f"line {closing} should close the block opened at line {opening}"


@pytest.mark.pure
def test_every_picture_is_in_the_repository():
    text = README.read_text()
    pictures = re.findall(r'src="(docs/[^"]+)"', text) + re.findall(r"\]\((docs/[^)]+\.png)\)", text)
    assert pictures
    missing = [p for p in pictures if not (README.parent / p).is_file()]
    assert not missing, f"pictures the README shows but the repository lacks: {missing}"
