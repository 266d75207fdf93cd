"""Idle logout of signed-in users: the server's half of static/js/idle.js.

The time of the last activity lives in the session, so every app process and host agrees
on it. The browser warns the user before the limit; the server enforces the same limit for
pages opened without JavaScript, for forgotten tabs and for anyone replaying a cookie.
"""

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

SESSION_KEY = "_idle_last_activity"


def now():
    """Seconds since the epoch; one place for tests to move the clock."""
    return time.time()


def timeout_seconds():
    """Inactivity before the warning, in seconds; 0 when idle logout is off."""
    return max(0.0, float(settings.IDLE_TIMEOUT_MINUTES) * 60)


def limit_seconds():
    """Inactivity after which the server ends the session: the timeout plus the warning."""
    return timeout_seconds() + max(0, int(settings.IDLE_WARNING_SECONDS))


def refresh_seconds():
    """How stale the stored time may get before a request rewrites it."""
    return min(60.0, timeout_seconds() / 4)


def touch(request):
    request.session[SESSION_KEY] = now()


def describe(seconds):
    """A duration in Vietnamese words: "30 phút", "1 giờ 30 phút", "45 giây"."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} giây"
    hours, minutes = divmod(round(seconds / 60), 60)
    if not hours:
        return f"{minutes} phút"
    return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"


def logged_out_message():
    return (
        f"Bạn đã được đăng xuất vì không sử dụng Site quá {describe(timeout_seconds())}. "
        "Vui lòng đăng nhập lại để tiếp tục."
    )


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


def handle(request, get_response):
    """IdleSessionMiddleware.__call__: end an idle session, note how long an active one idled."""
    if not timeout_seconds():
        return get_response(request)
    was_authenticated = request.user.is_authenticated
    if was_authenticated:
        last = request.session.get(SESSION_KEY)
        # Taken before this request refreshes the time (in on_view): idle_logout() must judge
        # by the activity the server saw before the tab asked, not by the asking itself.
        request.idle_seconds = now() - last if isinstance(last, (int, float)) else None
        if request.idle_seconds is not None and request.idle_seconds > limit_seconds():
            logout(request)
            # The answer is chosen in on_view(), where the messages storage exists.
            request.idle_expired = True
    response = get_response(request)
    # A login keeps the session's data (cycle_key), so a time left from before must not count.
    if not was_authenticated and request.user.is_authenticated:
        touch(request)
    return response


def on_view(request, view_func):
    """IdleSessionMiddleware.process_view: refresh an active session; send an idle one to log in."""
    if getattr(request, "idle_expired", False):
        return _expired(request, view_func)
    # Anonymous, or idle logout switched off.
    if not hasattr(request, "idle_seconds"):
        return None
    # Neither endpoint is activity in itself: keepalive() writes the time the browser reports,
    # and idle_logout() must not be kept from logging out by its own request.
    if view_func in (keepalive, idle_logout):
        return None
    if request.idle_seconds is None or request.idle_seconds >= refresh_seconds():
        touch(request)
    return None


def _expired(request, view_func):
    """Say why the user was logged out; redirect to the login page, or 401 for a script."""
    messages.warning(request, logged_out_message(), fail_silently=True)
    if view_func in (keepalive, idle_logout) or request.path == resolve_url(settings.LOGIN_URL):
        return None
    target = redirect_to_login(request.get_full_path()).url
    if _wants_json(request):
        return JsonResponse({"ok": False, "reason": "idle", "login_url": target}, status=401)
    return HttpResponseRedirect(target)


@never_cache
@require_POST
def keepalive(request):
    """The browser saw the user at work: refresh the session; JSON, 401 once it is gone."""
    if not request.user.is_authenticated:
        reason = "idle" if getattr(request, "idle_expired", False) else "anonymous"
        return JsonResponse(
            {"ok": False, "reason": reason, "login_url": resolve_url(settings.LOGIN_URL)},
            status=401,
        )
    if not timeout_seconds():
        return JsonResponse({"ok": True, "remaining": None})
    # Always written, unlike ordinary requests: the browser's countdown assumes that the
    # server has seen its last ping, so the server never ends the session first.
    touch(request)
    return JsonResponse({"ok": True, "remaining": round(limit_seconds())})


@never_cache
@require_POST
def idle_logout(request):
    """The countdown ran out in the browser: log out, unless the server saw activity since.

    JSON: {"ok": true, "redirect": <login page>} once logged out, or {"ok": false,
    "remaining": <seconds until the server counts the session idle>} when it refuses.
    """
    if request.user.is_authenticated:
        idle = getattr(request, "idle_seconds", None)
        # A page counts from the activity it knows of, which with browser storage blocked is
        # its own tab's only: the user may be typing in another tab that has not warned yet.
        # Only the server hears every tab (through their pings), so its clock decides.
        if idle is not None and idle < timeout_seconds():
            return JsonResponse({"ok": False, "remaining": math.ceil(timeout_seconds() - idle)})
        logout(request)
        messages.warning(request, logged_out_message())
    # Otherwise the middleware already ended the session, and gave the message there.
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    return JsonResponse({"ok": True, "redirect": redirect_to_login(target).url})
