"""Running calls at the same moment, each in its own thread with its own database
connection (the PostgreSQL concurrency tests)."""

import threading

from django.db import connections


def run_together(*calls):
    """Start every call at the same moment in its own thread; return results/errors."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the outcome is what the test inspects
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
