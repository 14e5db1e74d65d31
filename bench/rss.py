"""This process's peak resident memory, for benchmarks that run each measurement in a fresh child process."""

from __future__ import annotations

import resource


def peak_mb() -> float:
    """Peak RSS in MB from /proc's VmHWM (this address space only). ``getrusage``'s ru_maxrss survives
    exec on Linux, so a child started by a 900 MB bench driver would report at least 900 MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
