from django.urls import path

from .views.campaign import (
    campaign_action,
    campaign_detail,
    campaign_print,
    campaign_transition,
    remediation_action,
)
from .views.dashboard import dashboard
from .views.files import file_download
from .views.lists import (
    campaign_export,
    campaign_list,
    organization_detail,
    organization_list,
    plan_detail,
    remediation_export,
    remediation_list,
)
from .views.public import public_campaign, public_campaign_list

app_name = "inspections"

urlpatterns = [
    path("kiem-tra-giam-sat/", dashboard, name="dashboard"),
    path("kiem-tra-giam-sat/cuoc/", campaign_list, name="campaigns"),
    path("kiem-tra-giam-sat/cuoc/xuat.<str:fmt>", campaign_export, name="campaign-export"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/", campaign_detail, name="campaign"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/chuyen/", campaign_transition, name="transition"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/thao-tac/", campaign_action, name="campaign-action"),
    path("kiem-tra-giam-sat/cuoc/<int:pk>/in/", campaign_print, name="campaign-print"),
    path("kiem-tra-giam-sat/khac-phuc/", remediation_list, name="remediations"),
    path(
        "kiem-tra-giam-sat/khac-phuc/xuat.<str:fmt>",
        remediation_export,
        name="remediation-export",
    ),
    path(
        "kiem-tra-giam-sat/khac-phuc/<int:pk>/thao-tac/",
        remediation_action,
        name="remediation-action",
    ),
    path("kiem-tra-giam-sat/ke-hoach/<int:pk>/", plan_detail, name="plan"),
    path("kiem-tra-giam-sat/to-chuc/", organization_list, name="organizations"),
    path("kiem-tra-giam-sat/to-chuc/<int:pk>/", organization_detail, name="organization"),
    path("kiem-tra-giam-sat/tep/<str:kind>/<int:pk>/", file_download, name="file"),
    path("cong-khai/kiem-tra-giam-sat/", public_campaign_list, name="public-list"),
    path("cong-khai/kiem-tra-giam-sat/<int:pk>/", public_campaign, name="public"),
]
