"""Who may see the inspection records and who may act on them.

Decided by permissions, not group names: the Kiểm tra – Giám sát group holds every
inspections permission, editors hold the view ones (portal/groups.py), and a staff member
or superuser may be given either by hand.
"""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

READ_PERM = "inspections.view_campaign"
ACT_PERM = "inspections.change_campaign"
READ_DENIED = "Trang này dành cho cán bộ kiểm tra, giám sát và biên tập viên của Ban."
ACT_DENIED = "Tài khoản của bạn chỉ được xem hồ sơ kiểm tra, giám sát, không được thao tác."
SESSION_EXPIRED = (
    "Phiên đăng nhập đã hết hạn nên thao tác vừa rồi CHƯA được ghi nhận. Hãy đăng nhập lại "
    "rồi thực hiện lại thao tác trên trang của cuộc."
)


def can_read(user):
    """Whether the user may see the internal records (pages, lists, exports, files)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(READ_PERM))


def can_act(user):
    """Whether the user may move campaigns along their lifecycle."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ACT_PERM))


def readers_only(view):
    """Guests to the login page, members without the right to a 403, POSTs only for actors.

    The pages are marked private: internal records must not stay in a shared cache.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read(user):
            raise PermissionDenied(READ_DENIED)
        if request.method not in ("GET", "HEAD") and not can_act(user):
            raise PermissionDenied(ACT_DENIED)
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapper


def action_endpoint(page_url):
    """A URL that only receives a form's POST, and sends everything else to its page.

    `page_url(**kwargs)` is the page the form sits on. A GET (the browser coming back from
    the login page, a reload, a bookmark) goes to that page instead of a bare 405; a POST
    from a session that expired goes to the login page with the page as `next`, and the
    officer is told the step was not recorded (messages work for guests: cookie storage).
    Put it above readers_only.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(page_url(**kwargs))
            if request.method == "POST" and not request.user.is_authenticated:
                messages.warning(request, SESSION_EXPIRED)
                return redirect_to_login(page_url(**kwargs))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
