"""The MLLP listener's parse stage in a process of its own, so that a second core parses (python-hl7)
and reads (mapping.read) the next messages while the listener's process applies and commits.

The process gets the messages' raw bytes and hands back plain picklable data: each message's
header facts and text (message.Received without its python-hl7 tree, which costs more to pickle
than to parse) and what mapping.read made of it (an Inbound, or the MessageProblem it raised).
It holds no key and no database: the interface's signing key stays in the listener's process (an
event is signed only once the write transaction has planned it and given it its device_seq, and
the process that reads hostile bytes is the last place a key belongs). It is started with the
listener (spawn: nothing of the server's state is copied into it) and stopped with it; when it
dies or stops answering, the messages it held are answered AR (the sender resends) and a new
one is started for the next batch."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import pickle
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from workstation.hl7v2 import mapping, message
from workstation.hl7v2.message import MessageProblem, Received

log = logging.getLogger(__name__)
ANSWER_S = 30.0  # a batch the process has not parsed by then is refused, the process replaced
STOP_S = 5.0


@dataclass(frozen=True, slots=True)
class Read:
    """One message as the parse process read it."""

    received: Received | MessageProblem  # MessageProblem: its header cannot be read
    inbound: mapping.Inbound | MessageProblem | None = None  # None: read again in the listener


class ProcessLost(Exception):
    """The parse process died or did not answer: the batch it held is answered AR."""


def read(raw: bytes) -> Read | None:
    """The message read as the listener's parse stage reads it; None when reading it faulted
    (a fault of ours: the listener reads it itself, so it is answered as it always was)."""
    try:
        received = message.receive(raw)
    except MessageProblem as problem:
        return Read(problem)
    except Exception:
        return None
    try:
        inbound: mapping.Inbound | MessageProblem | None = mapping.read(received)
    except MessageProblem as problem:
        inbound = problem
    except Exception:
        inbound = None
    return Read(received.detached(), inbound)


def _serve(conn: Connection) -> None:
    """The parse process: batches of raw messages in, their Reads out, until EOF or b""."""
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not data:
            return
        conn.send_bytes(pickle.dumps([read(raw) for raw in pickle.loads(data)], protocol=5))


class ParseProcess:
    """The parse process and its pipe; used by one thread (the Drain's parser) at a time."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self.process: BaseProcess | None = None
        self._conn: Connection | None = None
        self.restarts = 0

    def start(self) -> None:
        """Start the process (spawned: a fresh interpreter importing only the HL7 reading)."""
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs,), name="hl7-parse",
                                        daemon=True)  # fmt: skip
        process.start()
        theirs.close()
        self.process, self._conn = process, mine

    def read_all(self, raws: list[bytes]) -> list[Read | None]:
        """Each message's Read, in order; ProcessLost (the process replaced) when it died or
        did not answer within ANSWER_S."""
        if self._conn is None:
            self.start()
        assert self._conn is not None
        try:
            self._conn.send_bytes(pickle.dumps(raws, protocol=5))
            if not self._conn.poll(ANSWER_S):
                raise TimeoutError("the HL7 parse process did not answer")
            reads: list[Read | None] = pickle.loads(self._conn.recv_bytes())
        except (EOFError, OSError, TimeoutError, pickle.UnpicklingError) as exc:
            log.error("HL7 parse process lost (%s); starting another", type(exc).__name__)
            self.stop()
            self.restarts += 1
            self.start()
            raise ProcessLost from exc
        if len(reads) != len(raws):
            raise ProcessLost("the HL7 parse process answered another number of messages")
        return reads

    def stop(self) -> None:
        """Ask the process to end (killed if it does not within STOP_S)."""
        conn, process, self._conn, self.process = self._conn, self.process, None, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send_bytes(b"")
            conn.close()
        if process is not None:
            process.join(STOP_S)
            if process.is_alive():
                process.kill()
                process.join(STOP_S)
