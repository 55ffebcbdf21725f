"""Python's cyclic garbage collector around work that makes many objects at once.

    from diagnose import collector
    with collector.paused():          # a PDF laid out, a portfolio's rows built
        ...
    with collector.frozen_and_paused():   # a re-diagnosis worker; it collects between batches
        ...

Left alone, the collector runs a full collection every so often that walks every object in the
process (the rule base, the content, in a server everything its pages loaded): 0.1-0.3 s each, for
work that keeps most of what it makes alive until it is done, so the pass frees nothing of it.
Decided here, once, for every place that does such work.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pausing = 0  # pieces of work running with the collector paused by us
_pausing_lock = threading.Lock()


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused while the work runs, and the young generation collected once when the
    last piece of work paused by us is done.

    A full report makes some 100,000 objects in reference cycles (styles, boxes, layouts), so the
    collector, left alone, ran one or two full collections per report (0.1-0.3 s, a sixth of a warm
    report, more in a server holding more objects); the portfolio of 1,000 networks one per view
    (~0.1 s of 0.3 s). Afterwards one collection of the young generation frees the work's cycles
    (50-90 ms for a full report; nothing was collected in the meantime, so everything the work made
    is still young). A collector that someone else switched off is left alone; work done at the
    same time on other threads shares the pause, so other threads' cyclic garbage waits that long,
    nothing else.
    """
    global _pausing
    with _pausing_lock:
        ours = _pausing > 0 or gc.isenabled()
        if ours:
            _pausing += 1
            gc.disable()
    try:
        yield
    finally:
        if ours:
            with _pausing_lock:
                _pausing -= 1
                last = _pausing == 0
                if last:
                    gc.enable()
            if last:
                gc.collect(0)


@contextmanager
def frozen_and_paused() -> Iterator[None]:
    """Everything alive now frozen (never walked again) and automatic collection paused, for one
    process doing one long run that collects its own young generations at points it chooses (a
    re-diagnosis worker, after each batch). Diagnosing allocates many short-lived objects, so the
    collector ran every few hundred allocations and regularly walked the ~100,000 objects of the
    rule base: 17% of re-diagnosis time."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()
