from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self):
        from portal import blocks, pagecache
        from portal.admin_site import register_task
        from portal.sitemaps import SITEMAPS

        from .sitemaps import PublicCampaignListSitemap, PublicCampaignSitemap

        # Public summaries of campaigns are kept pages too.
        pagecache.register_content_app(self.label)
        blocks.register_member_link(
            "Kiểm tra, giám sát", "inspections:dashboard", shows_inspections_link, order=20
        )
        register_task("Bảng theo dõi kiểm tra, giám sát", "inspections:dashboard", READ_PERM, 29)
        SITEMAPS["inspections-list"] = PublicCampaignListSitemap
        SITEMAPS["inspections"] = PublicCampaignSitemap


READ_PERM = "inspections.view_campaign"


def shows_inspections_link(user):
    """Whether the sidebar offers the inspection pages: by the groups that hold the right.

    Group names, not has_perm(): the groups were read already for the documents blocks,
    while the permissions would cost two more queries on every member's page. Staff given
    the right by hand find the pages in the admin's task list.
    """
    from django.conf import settings

    from documents.models import user_group_names

    if user.is_superuser:
        return True
    return bool({settings.INSPECTORS_GROUP, settings.EDITORS_GROUP} & user_group_names(user))
