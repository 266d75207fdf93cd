from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("kiem-tra-giam-sat/", views.dashboard, name="dashboard"),
    path("kiem-tra-giam-sat/cuoc/", views.campaign_list, name="campaigns"),
    path("kiem-tra-giam-sat/cuoc/xuat.<str:fmt>", views.campaign_export, name="campaign-export"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/", views.campaign_detail, name="campaign"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/chuyen/", views.campaign_transition, name="transition"),
    path(
        "kiem-tra-giam-sat/cuoc/<int:pk>/thao-tac/", views.campaign_action, name="campaign-action"
    ),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/in/", views.campaign_print, name="campaign-print"),
    path("kiem-tra-giam-sat/khac-phuc/", views.remediation_list, name="remediations"),
    path(
        "kiem-tra-giam-sat/khac-phuc/xuat.<str:fmt>",
        views.remediation_export,
        name="remediation-export",
    ),
    path(
        "kiem-tra-giam-sat/khac-phuc/<int:pk>/thao-tac/",
        views.remediation_action,
        name="remediation-action",
    ),
    path("kiem-tra-giam-sat/ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("kiem-tra-giam-sat/to-chuc/", views.organization_list, name="organizations"),
    path("kiem-tra-giam-sat/to-chuc/<int:pk>/", views.organization_detail, name="organization"),
    path("kiem-tra-giam-sat/tep/<str:kind>/<int:pk>/", views.file_download, name="file"),
    path("cong-khai/kiem-tra-giam-sat/", views.public_campaign_list, name="public-list"),
    path("cong-khai/kiem-tra-giam-sat/<int:pk>/", views.public_campaign, name="public"),
]
