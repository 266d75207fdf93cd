from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", auth_views.PasswordChangeView.as_view(), name="account"),
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(), name="password_reset"),
]
