"""One process saving answers back to back, as an app process's autosave does (for the PgBouncer test).

    python -m tests.deploy.saver URL RESPONSE_ID ROUNDS ITEM_ID...

Prints how many saves failed, and the first error, on one line.
"""

from __future__ import annotations

import sys

from diagnose.store import Store


def main(url: str, response_id: int, rounds: int, item_ids: list[str]) -> None:
    store = Store.open(url)
    failed, first = 0, ""
    for n in range(rounds):
        for item_id in item_ids:
            try:
                store.save_answer(response_id, item_id, 1 + (n + response_id) % 5)
            except Exception as exc:  # counted and reported: the test fails on any
                failed += 1
                first = first or f"{type(exc).__name__}: {exc}"
    store.close()
    print(failed, first.splitlines()[0] if first else "")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
