"""The Redis cache backend that reuses its client, against the real Redis on 127.0.0.1."""

import threading

from portal.cache import PortalRedisCache

URL = "redis://127.0.0.1:6379/14"


def make_cache():
    return PortalRedisCache(URL, {"KEY_PREFIX": "portal-test-cache"})


def forget(cache, *keys):
    # Only this test's keys: clear() would empty the whole Redis database.
    cache.delete_many(list(keys))


def test_values_are_shared_between_cache_objects_like_between_processes():
    first, second = make_cache(), make_cache()
    forget(first, "hồ-sơ")
    first.set("hồ-sơ", {"tên": "Ban Tuyên giáo"}, 30)
    assert second.get("hồ-sơ") == {"tên": "Ban Tuyên giáo"}
    second.delete_many(["hồ-sơ"])
    assert first.get("hồ-sơ") is None


def test_one_client_serves_every_call():
    cache = make_cache()
    cache.set("a", 1)
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client
    forget(cache, "a")


def test_increments_are_exact_across_threads():
    cache = make_cache()
    cache.set("phiên-bản", 0, None)

    def bump():
        for _ in range(200):
            cache.incr("phiên-bản")

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("phiên-bản") == 1600
    forget(cache, "phiên-bản")
