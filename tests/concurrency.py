"""Running jobs at the same moment in threads, for the tests of counters and locks."""

import threading

from django.db import connection


def in_parallel(jobs):
    """Run the callables together (released by one barrier); return (results, errors).

    Each thread closes its own database connection, so transactional tests can flush.
    Errors are returned, not raised: the callers assert what kind they expect.
    """
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except Exception as error:  # noqa: BLE001 - returned to the caller's assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
