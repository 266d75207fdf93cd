"""Accounts: sign-in and sign-out, password change and reset, the account page, and the
page shown when repeated failed sign-ins have locked an account (django-axes)."""

import math
from datetime import datetime
from hashlib import sha256
from urllib.parse import urlsplit

from axes.helpers import get_cool_off, get_failure_limit
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import blocks
from .forms import AccountForm, LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .models import SiteProfile

# The sign-in before the current one, shown on the account page so that a user can
# notice a sign-in that was not theirs (last_login is already the current one).
PREVIOUS_LOGIN_SESSION_KEY = "portal_previous_login"

# One reset email per address in this many seconds: the form must not become a way to
# flood someone's mailbox.
PASSWORD_RESET_EMAIL_INTERVAL = 120


def display_name(user):
    """The user's name in Vietnamese order (family name first), or the user name."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()


# --- Sign-in and sign-out -----------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"

    def is_safe_url(self, url):
        return url_has_allowed_host_and_scheme(
            url=url,
            allowed_hosts=self.get_success_url_allowed_hosts(),
            require_https=self.request.is_secure(),
        )

    def get_redirect_url(self):
        """The `next` URL if it is safe and leads somewhere other than sign-in or sign-out."""
        url = super().get_redirect_url()
        login_path = reverse("portal:login")
        if urlsplit(url).path == login_path:
            # The sidebar box on the sign-in page posts that page as `next`: go where
            # that page was asked to go instead of back to the form.
            url = QueryDict(urlsplit(url).query).get(self.redirect_field_name, "")
            url = url if self.is_safe_url(url) else ""
        sign_out_paths = {reverse("portal:logout"), reverse("admin:logout")}
        if urlsplit(url).path in {login_path} | sign_out_paths:
            return ""
        return url

    def form_valid(self, form):
        previous = form.get_user().last_login
        response = super().form_valid(form)
        # Set after login(), which starts a new session.
        self.request.session[PREVIOUS_LOGIN_SESSION_KEY] = (
            previous.isoformat() if previous else None
        )
        return response


class LogoutView(auth_views.LogoutView):
    """Sign-out by POST only; a GET (an old link) gets 405 with a button that signs out."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            # The session is gone; the message travels in the messages cookie.
            messages.success(request, "Bạn đã đăng xuất.")
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = render(request, "registration/logout_get.html", status=405)
        response["Allow"] = ", ".join(self._allowed_methods())
        return response


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """The 429 page django-axes answers with once a user name is locked at an address."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": minutes,
    }
    response = render(request, "registration/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    add_never_cache_headers(response)
    return response


# --- Password change ----------------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("portal:password_change_done")
    template_name = "registration/password_change_form.html"


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


# --- Password reset by email --------------------------------------------------------------


def reset_link_lifetime():
    """How long a reset link works, in words (PASSWORD_RESET_TIMEOUT is in seconds)."""
    hours = settings.PASSWORD_RESET_TIMEOUT / 3600
    if hours >= 24 and hours % 24 == 0:
        return f"{int(hours // 24)} ngày"
    if hours >= 1:
        return f"{math.floor(hours)} giờ"
    return f"{max(1, math.floor(hours * 60))} phút"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].casefold()
        key = "portal:password-reset:" + sha256(email.encode()).hexdigest()
        if not cache.add(key, True, PASSWORD_RESET_EMAIL_INTERVAL):
            # Same answer as when an email goes out: the page tells nothing either way.
            return HttpResponseRedirect(self.get_success_url())
        profile = SiteProfile.load()
        self.extra_email_context = {
            "site_name": profile.short_name or profile.board_name,
            "link_lifetime": reset_link_lifetime(),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    success_url = reverse_lazy("portal:password_reset_complete")
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever opened the emailed link owns the account: a lockout left by someone
        # guessing its password must not keep the owner out.
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


# --- The account page ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    """The signed-in user's own details, with a form for their name and email."""
    # The form works on its own copy: an invalid submission must not change request.user,
    # which the layout shows ("Xin chào, …").
    instance = get_user_model()._default_manager.get(pk=request.user.pk)
    if request.method == "POST":
        form = AccountForm(request.POST, instance=instance)
        if form.is_valid():
            form.save()
            messages.success(request, "Đã lưu thông tin tài khoản.")
            return redirect("portal:account")
    else:
        form = AccountForm(instance=instance)

    previous_login = request.session.get(PREVIOUS_LOGIN_SESSION_KEY)
    context = {
        "form": form,
        "account_user": request.user,
        "account_name": display_name(request.user),
        "groups": [group.name for group in request.user.groups.order_by("name")],
        "member_links": blocks.member_links(request.user),
        "previous_login": datetime.fromisoformat(previous_login) if previous_login else None,
    }
    return render(request, "portal/account.html", context)
