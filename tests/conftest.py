"""What every test file can rely on: shared fixtures, the rules of the suite.

The suite runs in parallel (pytest-xdist, `-n auto --dist loadfile` in
pyproject.toml): each test file runs whole in one worker process, and any two
files may run at the same time. So a test writes only below its own
`tmp_path` (or `tmp_path_factory`), never into the checkout, never deletes
from the shared cache (~/.cache/newspage, see `layout.fonts.cache_dir`):
a test that removes or counts cache entries takes `private_cache`.

Shared fixtures (session scope: made once per worker, then shared; READ ONLY,
copy before you change anything, e.g. `copy.deepcopy(sample_run.pages[0])`):

- `built`: output folder of `newspage build content/sample` (preflight
  included): the page `pdfcheck.PAGE3`, report.json.
- `demo_built`: output folder of `newspage build content/demo --combined`
  (preflight included; exit 1: page 3 has overset and is written as
  NAME.proof.pdf; the three pages also as edition.pdf).
- `sample_run`, `demo_run`: `layout.pipeline.lay_out` of content/sample and
  content/demo (a `Run`: edition, style, fonts, one PageLayout a page). The
  pages are kept between runs and workers for the same code, fonts and copy
  (`stable.lay_out`): a test of lay_out itself calls it.

Function scope:

- `private_cache`: NEWSPAGE_CACHE set to a folder of the test's own, with the
  shared converted fonts linked in (converting them takes ~70 s) and no page
  or photo cache: a test may delete or count what is cached there.

Builds go through the page cache (`layout.buildcache`), so a warm run copies
the pages of unchanged editions; a test that must lay out or render again sets
NEWSPAGE_BUILD_CACHE=0 (monkeypatch.setenv). An edition a test makes in
tmp_path is built from `stable.settle(root)`, a read-only copy named by its
content, so that its pages too are cache hits on the next run. What is read
from the PDFs (`pdfcheck.open_pdf`), the auditor's verdicts and the session
lay-outs are kept by content hash too (tests/stable.py says what and how):
the one place outside tmp_path where tests write, and only new entries.

The preview's tests edit copies at paths of their own that last between
runs (`stable.own_copy`), so that the preview's make-ups, kept on disk by
path and content (`layout.serve.memo`), are read back on a warm run.

Garbage collection: what has lived through a full collection is frozen
(`gc.freeze`) at the end of the test that saw it (see below).

Hypothesis: the profile "newspage" below is loaded for every run, CI or not
(deadline off, no example database: workers run at once; a failure prints its
reproduction blob). A property test states its own `max_examples`.

Under CI (`CI=true`) a skipped test is a failure: a skip there means the clean
machine lacks something (a font, Ghostscript, ../shared) and the run did not
check what it claims. On a developer's machine skips stay skips.

`@pytest.mark.slow`: end-to-end builds and property tests; `pytest -m "not
slow"` is the quick loop.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
import stable
from hypothesis import HealthCheck, settings

from layout.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "sample"
DEMO = ROOT / "content" / "demo"

settings.register_profile(
    "newspage",
    deadline=None,  # a layout's time depends on the machine's load, not on the code
    database=None,  # parallel workers; and no .hypothesis folder in the checkout
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("newspage")  # the same under CI (Hypothesis would pick "ci" there)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


# Cyclic garbage collection: a worker holds the session's lay-outs, fonts and
# modules, and every full collection walked all of them again (0.12 s each,
# some 30 a worker: a sixth of the suite's CPU). What has lived through a full
# collection is moved out of the collector's way (gc.freeze) once the test
# that saw it ends: later full collections walk only what came after. Objects
# are still freed when their last reference goes; only cycles among the
# frozen ones are kept (a few MB a worker).
_FULL_COLLECTIONS = [0]


def pytest_runtest_logfinish(nodeid, location):
    done = gc.get_stats()[2]["collections"]
    if done != _FULL_COLLECTIONS[0]:
        _FULL_COLLECTIONS[0] = done
        gc.freeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"missing prerequisite under CI (a skip is a failure here): {reason}"


# Warm CPU seconds of the heaviest files on this machine (per-test CPU summed
# a file, rounded; the Hypothesis files, whose time varies most from run to
# run, the browser's, which waits on chromium, and the kill test's, which
# waits on killed builds, counted high). Under
# `--dist loadfile --no-loadscope-reorder` (pyproject) the files go to the
# workers in this order, heaviest first, and the short ones even out the
# workers' ends; xdist's own order (most tests first) sent the one-test
# files test_kill and test_fuzz_editions last. Re-measure when a file grows:
# `--durations=0`, summed by file.
HEAVY = {
    "test_makeup_property.py": 6.1,
    "test_browser.py": 4.8,
    "test_photo_makeup.py": 4.8,
    "test_proof.py": 4.7,
    "test_fuzz_editions.py": 4.3,
    "test_kill.py": 3.2,
    "test_editiongen_options.py": 3.0,
    "test_bad_input.py": 2.7,
    "test_stagger.py": 2.3,
    "test_preflight.py": 2.3,
    "test_press.py": 2.2,
    "test_buildcache.py": 2.2,
    "test_typesetmemo.py": 1.8,
    "test_flow_columns.py": 1.7,
    "test_pdfout.py": 1.6,
    "test_editiongen.py": 1.5,
    "test_lead_whole.py": 1.4,
    "test_ads.py": 1.3,
    "test_print_ready.py": 1.3,
    "test_fallback.py": 1.1,
    "test_makeup_rules.py": 1.0,
    "test_serve.py": 1.0,
}


def pytest_collection_modifyitems(config, items):
    """Files in the order of HEAVY, then the other files with slow tests, then
    the rest (the order within a file kept)."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}

    def weight(item) -> float:
        return HEAVY.get(item.path.name, 1.0 if item.path in slow else 0.0)

    items.sort(key=lambda item: -weight(item))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """output folder of `newspage build content/sample` (preflight included)."""
    out = tmp_path_factory.mktemp("sample")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory) -> Path:
    """output folder of `newspage build content/demo --combined` (preflight included)."""
    out = tmp_path_factory.mktemp("demo")
    assert main(["build", str(DEMO), "-o", str(out), "--combined"]) == 1  # page 3: overset
    return out


@pytest.fixture(scope="session")
def sample_run():
    """`lay_out(content/sample)`, kept for the code, fonts and copy (stable.lay_out): read only."""
    return stable.lay_out(SAMPLE)


@pytest.fixture(scope="session")
def demo_run():
    """`lay_out(content/demo)`, kept for the code, fonts and copy (stable.lay_out): read only."""
    return stable.lay_out(DEMO)


@pytest.fixture
def private_cache(tmp_path, monkeypatch) -> Path:
    """NEWSPAGE_CACHE of this test alone: fonts linked from the shared cache,
    pages and photos empty."""
    mine = stable.link_shared(tmp_path / "newspage-cache")
    monkeypatch.setenv("NEWSPAGE_CACHE", str(mine))
    return mine
