"""`python -m workstation.server.serve URL PORT FD` under cProfile in EVERY thread (the event
loop's, the poll threads', the push threads'), timed by each thread's own CPU clock. The merged
profile is written to $CW_PROFILE_OUT when the server stops. Used by bench/request_cost.py."""

from __future__ import annotations

import atexit
import cProfile
import os
import pstats
import sys
import threading
import time

_PROFILES: list[cProfile.Profile] = []
_LOCK = threading.Lock()


def _start_profile(*_args: object) -> None:
    profile = cProfile.Profile(time.thread_time)
    with _LOCK:
        _PROFILES.append(profile)
    profile.enable()  # replaces this hook in the new thread


def _dump() -> None:
    for profile in _PROFILES:
        profile.disable()
    stats = pstats.Stats(_PROFILES[0])
    for profile in _PROFILES[1:]:
        if profile.getstats():
            stats.add(profile)
    stats.dump_stats(os.environ["CW_PROFILE_OUT"])


def main() -> None:
    """Serve under the profiler until SIGTERM."""
    from workstation.security.files import restrict_umask
    from workstation.server import serve
    from workstation.server.config import ServerConfig, for_database

    threading.setprofile(_start_profile)
    _start_profile()
    atexit.register(_dump)
    restrict_umask()
    url, port, fd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    serve.run(url, port=port, fd=fd, config=for_database(ServerConfig(), url))


if __name__ == "__main__":
    main()
