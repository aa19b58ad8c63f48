"""Pushes run on threads of their own, so a write never queues for a thread behind a crowd of
polls: the read routes share the web framework's pool, which hundreds of stations keep busy."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from concurrent.futures import ThreadPoolExecutor
from typing import Any

WRITE_THREADS = 4  # writes take the server-wide write lock in turn; a few threads keep it busy
_POOL = ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix="cw-write")


async def run_write(func: Any, *args: Any, **kwargs: Any) -> Any:
    """func(*args, **kwargs) on a write thread, with the request's context (its log id)."""
    context = contextvars.copy_context()
    call = functools.partial(context.run, func, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_POOL, call)
