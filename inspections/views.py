from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


dashboard = campaign_list = campaign_export = campaign_detail = campaign_transition = _todo
campaign_print = remediation_list = remediation_export = plan_detail = _todo
organization_list = organization_detail = file_download = public_campaign = _todo
