"""Rendering long lists on every CPU, with output identical to one process.

Everything that orders or changes entries (registration, sorting, disambiguation) runs
first, in this process. What is left is independent per entry: rendering it. Forked
worker processes inherit the prepared document as it stands in memory (nothing is
pickled but their results); they and this process take contiguous slices from a shared
queue as each becomes free, and the slices are joined in order. Where ``fork`` is not
available, or for short lists, everything stays in this process.
"""

from __future__ import annotations

import gc
import os
import signal
from typing import Any, Callable

from ..bulk import no_cycle_collection
from ..errors import CitefmtError, ExitCode

#: Below this many items a second process costs more than it saves.
MIN_ITEMS = 200
#: How many slices of the work each process takes on average (from a shared queue).
SLICES_PER_JOB = 16
#: Up to this many items this process renders a share too. Above it, the memory that
#: rendering leaves in this process (which every later phase's workers inherit) and the
#: input held until its share is done cost more than the forks it saves (100k APA: peak
#: 483 -> 528 MB).
SHARE_LIMIT = 20_000
#: Slices of work done in this process alone when progress is to be told.
PROGRESS_SLICES = 100


def available_jobs() -> int:
    """How many processes rendering may use (the CPUs this process may run on)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "waitpid")


def split(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` positions as ``parts`` contiguous, nearly equal (start, end) slices."""
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        if end > start:
            bounds.append((start, end))
        start = end
    return bounds


def map_slices(task: Callable[[int, int], list], count: int, jobs: int,
               done: Callable[[int], None] | None = None, weight: float = 1.0,
               started: Callable[[], None] | None = None) -> list:
    """``task(start, end)`` over ``count`` positions, on ``jobs`` processes; results in order.

    ``done(n)`` is told how many positions have been finished so far. ``weight``: how many
    items' work one position is (a group of cites), for the short-list threshold.
    Up to :data:`SHARE_LIMIT` items, this process renders a share of the slices too.
    ``started()`` is called once this process renders no more (not when everything stays
    in this process): what only ``task`` needs can be let go of then, while the workers
    finish theirs.
    """
    if jobs <= 1 or count * weight < MIN_ITEMS or count < 2 or not _can_fork():
        if done is None:
            return task(0, count)
        # In slices all the same, so that ``done`` hears how far a long list has got.
        result = []
        for start, end in split(count, max(1, min(count, PROGRESS_SLICES))) or [(0, 0)]:
            result.extend(task(start, end))
            done(end)
        return result
    # Slices are taken by whichever worker is free: small ones keep the last to finish short.
    slices = split(count, min(jobs * SLICES_PER_JOB, 4096))
    # Objects made so far are left out of the workers' garbage collections, which would
    # otherwise touch (and so copy) every page the parent's objects are on.
    gc.freeze()
    try:
        out: list = []
        finished = 0
        # What comes back is kept and makes no cycles: no collection needs to walk it meanwhile.
        share = count * weight <= SHARE_LIMIT
        workers = _forked(task, slices, min(jobs, len(slices)), started, collect=gc.isenabled(), share=share)
        with no_cycle_collection():
            for (start, end), part in zip(slices, workers):
                out.extend(part)
                finished += end - start
                if done is not None:
                    done(finished)
        return out
    finally:
        gc.unfreeze()


class WorkerError(CitefmtError):
    """A worker process ended without giving its results (killed, or out of memory)."""

    exit_code = ExitCode.PROCESS_KILLED


def _ended(status: int) -> str:
    """How a worker ended, from its wait status, for a :class:`WorkerError`."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        hint = " (out of memory?)" if number == signal.SIGKILL else ""
        return f"was killed by {name}{hint}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def _forked(task: Callable[[int, int], Any], slices: list[tuple[int, int]], workers: int,
            started: Callable[[], None] | None = None, collect: bool = True, share: bool = True):
    """``task`` over ``slices`` on ``workers`` processes, this one and ``workers - 1`` forked
    (``share``) or ``workers`` forked; yields the results in the order of ``slices``.

    A bare fork and a pipe per forked worker: a process pool costs three times as much
    to start, and each phase needs workers forked from the state it has reached. The
    slices wait in one shared pipe, as 4-byte numbers written before the fork: each
    process takes the next one when it is free (a read that small is never split between
    readers), so one given slow slices does not hold the others up. With ``share``, this
    process renders too, as one process would (what it works out on the way stays warm
    for the next phase, and its results are not pickled); between its slices it reads
    what the others sent, so none waits long on a full pipe. ``collect``: whether
    rendering collects cycles (it makes them), while the results are gathered with
    collection paused. ``started()`` is called once this process renders no more.
    """
    import pickle
    import selectors

    queue_read, queue_write = os.pipe()
    try:
        os.write(queue_write, b"".join(index.to_bytes(4, "little") for index in range(len(slices))))
    finally:
        os.close(queue_write)  # an empty queue then reads as the end
    children: dict[int, int] = {}  # read end -> pid
    try:
        for _ in range(workers - 1 if share else workers):
            read_end, write_end = os.pipe()
            _widen(write_end)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the worker (coverage does not follow forks)
                os.close(read_end)
                if collect:
                    gc.enable()
                _work(task, slices, queue_read, write_end)
            os.close(write_end)
            children[read_end] = pid
        if not share:
            os.close(queue_read)
            queue_read = -1
            if started is not None:
                started()
        buffers = {read_end: bytearray() for read_end in children}
        results: dict[int, bytes] = {}  # slice number -> its message, until its turn comes
        own: dict[int, Any] = {}  # slice number -> what this process rendered of it
        with selectors.DefaultSelector() as selector:
            for read_end in children:
                selector.register(read_end, selectors.EVENT_READ)

            def gather(timeout: float | None) -> None:
                for key, _ in selector.select(timeout):
                    chunk = os.read(key.fd, 1 << 20)
                    if chunk:
                        buffers[key.fd] += chunk
                        _take_messages(buffers[key.fd], results)
                        continue
                    selector.unregister(key.fd)
                    _, status = os.waitpid(children.pop(key.fd), 0)
                    os.close(key.fd)
                    if status != 0:
                        raise WorkerError(f"a rendering process {_ended(status)} before giving its results; "
                                          "-j1 renders in this process alone")

            for expected in range(len(slices)):
                while expected not in results and expected not in own:
                    number = os.read(queue_read, 4) if queue_read >= 0 else b""
                    if number:
                        index = int.from_bytes(number, "little")
                        own[index] = _run_here(task, slices[index], collect)
                        gather(0)
                        continue
                    if queue_read >= 0:
                        os.close(queue_read)
                        queue_read = -1
                        if started is not None:
                            started()
                        continue
                    if not selector.get_map():
                        raise WorkerError("a rendering process ended before giving its results; "
                                          "-j1 renders in this process alone")
                    gather(None)
                if expected in own:
                    yield own.pop(expected)
                    continue
                ok, value = pickle.loads(results.pop(expected))
                if not ok:
                    raise value
                yield value
    finally:
        if queue_read >= 0:
            os.close(queue_read)
        for read_end, pid in children.items():
            try:
                os.kill(pid, signal.SIGKILL)  # finished already, or abandoned (an error, Ctrl-C)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            os.close(read_end)


def _run_here(task: Callable[[int, int], Any], bounds: tuple[int, int], collect: bool) -> Any:
    """``task`` over one slice in this process, collecting cycles as rendering alone would."""
    if not collect or gc.isenabled():
        return task(*bounds)
    gc.enable()
    try:
        return task(*bounds)
    finally:
        gc.disable()


def _widen(write_end: int) -> None:
    """Let a worker's pipe hold 1 MiB (Linux): it runs on while this process renders a slice."""
    try:
        import fcntl

        fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass  # the usual 64 KiB: the worker waits a little more


def _take_messages(buffer: bytearray, into: dict[int, bytes]) -> None:
    """Move each complete message (4-byte slice number, 8-byte length, then the pickle) from ``buffer`` to ``into``."""
    while len(buffer) >= 12:
        size = int.from_bytes(buffer[4:12], "little")
        if len(buffer) < 12 + size:
            return
        into[int.from_bytes(buffer[:4], "little")] = bytes(buffer[12:12 + size])
        del buffer[:12 + size]


def _work(task: Callable[[int, int], Any], slices: list[tuple[int, int]], queue: int,
          write_end: int) -> None:  # pragma: no cover
    """A worker: takes slice numbers from ``queue`` until it is empty, sends each slice's result
    (or the exception that stopped it) down its pipe, then exits."""
    import pickle

    code = 0
    try:
        with os.fdopen(write_end, "wb") as stream:
            while True:
                number = os.read(queue, 4)
                if not number:
                    break
                start, end = slices[int.from_bytes(number, "little")]
                failed = False
                try:
                    payload = pickle.dumps((True, task(start, end)), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
                    payload = pickle.dumps((False, exc if _picklable(exc) else RuntimeError(repr(exc))))
                    failed = True
                stream.write(number + len(payload).to_bytes(8, "little") + payload)
                stream.flush()
                if failed:
                    break
    except BaseException:  # noqa: BLE001 - the parent sees the pipe close early
        code = 1
    finally:
        os._exit(code)


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return True
    except Exception:  # noqa: BLE001
        return False
