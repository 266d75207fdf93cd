from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


document_list = category = feed = mine = download = preview = detail = _todo
