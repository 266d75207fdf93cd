"""Accounts: login, logout, password change and reset, account page (to be completed)."""

from django.http import HttpResponse


def lockout_response(request, credentials, *args, **kwargs):
    return HttpResponse("Tài khoản tạm bị khóa.", status=429)
