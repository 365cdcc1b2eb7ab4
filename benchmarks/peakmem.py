"""Peak memory of a command and all its child processes, summed.

    python3 benchmarks/peakmem.py -- python3 -m layout build ed24 -o out

Polls /proc every 10 ms and prints the largest sum over the process tree of
RSS (resident pages, shared ones counted in every process that maps them)
and of PSS (shared pages divided among the processes that share them: the
memory the build really takes). Linux only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(name))
    return tree


def _tree(root: int) -> list[int]:
    kids = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _mem(pid: int) -> tuple[int, int]:
    """(rss, pss) in kB."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def peak(cmd: list[str], env: dict | None = None) -> tuple[int, int, int, float]:
    """(peak summed RSS kB, peak summed PSS kB, most processes at once, seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best_rss = best_pss = most = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        mems = [_mem(p) for p in pids]
        best_rss = max(best_rss, sum(m[0] for m in mems))
        best_pss = max(best_pss, sum(m[1] for m in mems))
        most = max(most, len(pids))
        time.sleep(0.01)
    return best_rss, best_pss, most, time.perf_counter() - t0


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--":
        argv = argv[1:]
    rss, pss, n, secs = peak(argv)
    print(
        f"peak RSS summed {rss / 1024:.0f} MB, PSS summed {pss / 1024:.0f} MB,"
        f" {n} processes, {secs:.2f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
