"""sitemap.xml: the public list of inspection results and each published summary."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Campaign


class PublicCampaignListSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return ["inspections:public-list"]

    def location(self, item):
        return reverse(item)


class PublicCampaignSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Campaign.objects.public().only("pk", "updated_at").order_by("-start_on", "-id")

    def location(self, campaign):
        return reverse("inspections:public", args=[campaign.pk])

    def lastmod(self, campaign):
        return campaign.updated_at
