"""The server's threads. Pushes run on threads of their own, so a write never queues for a thread
behind a crowd of polls: the read routes share the web framework's pool, which hundreds of
stations keep busy. That pool is widened (`lifespan`): a poll that returns events waits for its
audit row's group commit, so the more polls wait together, the more rows share one commit."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread

READ_THREADS = 200  # mostly waiting on a group commit of audit rows, not running
# Pushes wait on their write thread for the group commit they share (sync.push): as many pushes
# as threads can gather into one transaction, so the pool is wider than the cores.
WRITE_THREADS = 32
_POOL = ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix="cw-write")


async def run_write(func: Any, *args: Any, **kwargs: Any) -> Any:
    """func(*args, **kwargs) on a write thread, with the request's context (its log id)."""
    context = contextvars.copy_context()
    call = functools.partial(context.run, func, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_POOL, call)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Widen the read routes' thread pool (anyio's default is 40) for the app's event loop."""
    to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
    yield
