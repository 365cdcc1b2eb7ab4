"""The command's modules come from one file in the cache (layout.cli_bundle) while
no source changed; a damaged file is ignored and written anew. Each case runs in
a fresh process, since imports are per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from layout import cli_bundle
cli_bundle.install()
import layout.report
ok = layout.report.format_text([]) is not None
cli_bundle.save()
print(json.dumps({"loader": type(layout.report.__spec__.loader).__name__,
                  "file": layout.report.__file__, "ok": ok}))
"""


def _probe(cache: Path, **env: str) -> dict:
    run_env = {**os.environ, "NEWSPAGE_CACHE": str(cache), **env}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=run_env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout)


def _bundle(cache: Path) -> list[Path]:
    return sorted(cache.glob("modules-*.marshal"))


def test_second_process_imports_from_the_file(tmp_path):
    first = _probe(tmp_path)
    assert first["loader"] != "_Finder" and first["ok"]
    (file,) = _bundle(tmp_path)
    second = _probe(tmp_path)
    assert second == {**first, "loader": "_Finder"}
    assert Path(second["file"]) == ROOT / "layout" / "report.py"


def test_a_damaged_file_is_ignored_and_written_anew(tmp_path):
    _probe(tmp_path)
    (file,) = _bundle(tmp_path)
    for junk in (b"", b"junk", file.read_bytes()[:100]):
        file.write_bytes(junk)
        assert _probe(tmp_path)["loader"] != "_Finder"
        assert file.read_bytes() != junk
        assert _probe(tmp_path)["loader"] == "_Finder"
