import re

from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    """The folded words of every existing campaign (new saves keep them up to date)."""
    from portal.text import fold

    Campaign = apps.get_model("inspections", "Campaign")
    Notice = apps.get_model("inspections", "Notice")
    CampaignTarget = apps.get_model("inspections", "CampaignTarget")
    notices = dict(Notice.objects.values_list("campaign_id", "number"))
    names = {}
    for campaign_id, name in CampaignTarget.objects.values_list(
        "campaign_id", "organization__name"
    ):
        names.setdefault(campaign_id, []).append(name)
    for campaign in Campaign.objects.all():
        parts = [campaign.title, campaign.summary, campaign.decision_number]
        parts += [notices.get(campaign.pk, ""), *names.get(campaign.pk, [])]
        text = fold(" ".join(part for part in parts if part))
        campaign.search_text = " ".join(re.findall(r"\w+", text))
        campaign.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0003_notice_name_and_public_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text=(
                    "Tên, tóm tắt, số quyết định, số thông báo và tên các đối tượng, viết "
                    "thường không dấu; tự cập nhật khi lưu."
                ),
                verbose_name="chữ để tìm",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
