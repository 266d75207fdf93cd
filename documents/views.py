"""Reader pages of the documents: lists, the document, its files, the reporter's page, RSS.

Every read goes through Document.objects.visible_to(user) / downloadable_by(user) /
public(); a file is sent only by `download` and `preview`, which check the right each time.
"""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from portal import pagecache
from portal.files.sending import send_private_file
from portal.pagecache import guest_cached

from .counters import document_register_download, document_register_view
from .feeds import DocumentFeed
from .filters import PARAMS, DocumentFilter, board_today
from .models import (
    Access,
    Document,
    DocumentCategory,
    DocumentFile,
    ReaderVisit,
)

PER_PAGE = 20
# A reporter's first visit to their page: what was published this recently is marked new.
FIRST_VISIT_NEW_DAYS = 30
MINE_SINCE_SESSION_KEY = "documents:mine-since"
MINE_FIRST_SESSION_KEY = "documents:mine-first"


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


def required_message(document, download=False):
    """Who a document (or its files) is for, said to a member who is not: names the group."""
    rule = document.download_access if download else document.view_access
    if rule == Access.REPORTERS:
        return f"Văn bản này chỉ dành cho {settings.REPORTERS_GROUP}."
    if rule == Access.GROUPS:
        groups = document.download_groups if download else document.view_groups
        names = ", ".join(groups.values_list("name", flat=True))
        if names:
            return f"Văn bản này chỉ dành cho các nhóm: {names}."
        return "Văn bản này chưa được mở cho nhóm nào."
    return "Văn bản này chỉ dành cho thành viên đã đăng nhập."


def _refused(request, document, download=False, after_login=None):
    """A guest goes to log in and comes back (here, or to `after_login`); a member learns
    which group is needed."""
    if not request.user.is_authenticated:
        return redirect_to_login(after_login or request.get_full_path())
    visible = Document.objects.visible_to(request.user).filter(pk=document.pk).exists()
    message = required_message(document, download=download and visible)
    context = {"message": message, "document": document if visible else None}
    return render(request, "documents/403.html", context, status=403)


# --- Lists --------------------------------------------------------------------------------


def _listing(request, category=None):
    """The filtered, paginated list: the context of the list and category pages."""
    documents = Document.objects.visible_to(request.user).select_related("kind")
    if category is not None:
        documents = documents.filter(categories=category)
    filterset = DocumentFilter(request.GET or None, queryset=documents, category=category)
    results = filterset.qs.only(
        "code", "number", "summary", "slug", "issued_on", "view_count", "download_count",
        "kind__name", "kind__is_material", "issuing_body_id",
    )  # fmt: skip
    query = urlencode(
        [(name, value) for name in PARAMS if (value := request.GET.get(name, "").strip())]
    )
    return {
        "filter": filterset,
        "problems": filterset.problems if filterset.is_bound else [],
        "page_obj": _page(request, results),
        "query_string": query,
        "category": category,
    }


@require_safe
@guest_cached(params=("trang", *PARAMS))
def document_list(request):
    return render(request, "documents/list.html", _listing(request))


@require_safe
@guest_cached(params=("trang", *PARAMS))
def category(request, slug):
    category = get_object_or_404(DocumentCategory, slug=slug)
    return render(request, "documents/list.html", _listing(request, category))


# --- The document -------------------------------------------------------------------------


_counts_view = pagecache.counts_view(
    "_document_shown",
    lambda slug: Document.objects.public().only("pk").filter(slug=slug).first(),
    document_register_view,
)


@require_safe
@_counts_view
@guest_cached
def detail(request, slug):
    user = request.user
    downloadable = Document.objects.downloadable_by(user).filter(pk=OuterRef("pk"))
    document = (
        Document.objects.visible_to(user)
        .select_related("kind", "issuing_body")
        .prefetch_related("fields", "categories", "files")
        .annotate(can_download=Exists(downloadable))
        .filter(slug=slug)
        .first()
    )
    if document is None:
        hidden = get_object_or_404(Document.objects.published(), slug=slug)
        return _refused(request, hidden)
    request._document_shown = document
    visible = Document.objects.visible_to(user).only(
        "code", "number", "summary", "slug", "issued_on", "kind_id", "issuing_body_id"
    )
    files = list(document.files.all())
    context = {
        "document": document,
        "files": files,
        "pdf": next((f for f in files if f.is_pdf), None) if document.can_download else None,
        "related": list(visible.filter(related=document).exclude(pk=document.pk)),
        "replaces": list(visible.filter(replaced_by=document)),
        "replaced_by": list(visible.filter(replaces=document)),
        "download_message": ""
        if document.can_download or not user.is_authenticated
        else required_message(document, download=True),
        "status": document.status_on(board_today()),
        "auto_download": _auto_download(request, document, files),
        # A guest is told who the files are for before logging in (the group, if any).
        "guest_download_message": ""
        if document.can_download or user.is_authenticated
        else required_message(document, download=True),
    }
    return render(request, "documents/detail.html", context)


# The parameter that asks the document's page to start downloading one of its files.
AUTO_DOWNLOAD = "tai-ve"


def _auto_download(request, document, files):
    """The file whose download the page starts (after a login for it), if the reader may."""
    wanted = request.GET.get(AUTO_DOWNLOAD, "")
    if not document.can_download or not wanted.isdigit():
        return None
    return next((f for f in files if f.pk == int(wanted)), None)


# --- Files --------------------------------------------------------------------------------


def _file_for(request, pk, back_to_page=False):
    """(file, None) when the reader may download it, else (None, the refusal response).

    With back_to_page, a guest logs in and comes back to the document's page, which starts
    this file's download (AUTO_DOWNLOAD); otherwise back to this very URL.
    """
    document_file = get_object_or_404(
        DocumentFile.objects.select_related("document").filter(
            document__in=Document.objects.published()
        ),
        pk=pk,
    )
    allowed = Document.objects.downloadable_by(request.user).filter(pk=document_file.document_id)
    if not allowed.exists():
        document = document_file.document
        after_login = None
        if back_to_page:
            after_login = f"{document.get_absolute_url()}?{AUTO_DOWNLOAD}={pk}"
        return None, _refused(request, document, True, after_login)
    return document_file, None


def _download_name(document_file):
    name = document_file.original_name or document_file.file.name.rsplit("/", 1)[-1]
    return name


@require_safe
def download(request, pk):
    """The file, to save: checked every time, counted once per visitor per visit.

    A guest following a link to the file logs in and comes back to the document's page,
    which starts the download (AUTO_DOWNLOAD): a file sent straight after the login form
    would leave the reader looking at that form, unsure whether anything happened.
    """
    document_file, refusal = _file_for(request, pk, back_to_page=True)
    if refusal is not None:
        return refusal
    response = send_private_file(
        request, document_file.file, _download_name(document_file), document_file.content_type
    )
    # HEAD (a link checker, a download manager probing the size) fetches nothing to keep.
    if request.method == "GET":
        document_register_download(request, document_file)
    return response


@require_safe
@xframe_options_sameorigin
def preview(request, pk):
    """A PDF shown inside the document's page (an iframe of this site only).

    Not counted: the page that frames it is counted as a view already, and showing is not
    keeping a copy; a download is what the reader saves with the button.
    """
    document_file, refusal = _file_for(request, pk)
    if refusal is not None:
        return refusal
    if not document_file.is_pdf:
        raise Http404("Chỉ xem trước được tệp PDF.")
    return send_private_file(
        request,
        document_file.file,
        _download_name(document_file),
        "application/pdf",
        inline=True,
    )


# --- The reporter's page ------------------------------------------------------------------


def _new_since(request):
    """The moment after which documents are new to this member, fixed for the login session.

    The first time in a session the member's ReaderVisit moves to now and its previous
    moment is kept in the session: reloads, page 2 and Back keep the same marks until the
    member logs in again (logging out empties the session).
    """
    kept = request.session.get(MINE_SINCE_SESSION_KEY)
    if kept:
        try:
            since = datetime.datetime.fromisoformat(kept)
            return since, bool(request.session.get(MINE_FIRST_SESSION_KEY))
        except (TypeError, ValueError):
            pass  # not ours (an older format): decided again below
    now = timezone.now()
    visit = ReaderVisit.objects.filter(user=request.user).first()
    since = visit.seen_at if visit else now - datetime.timedelta(days=FIRST_VISIT_NEW_DAYS)
    ReaderVisit.objects.update_or_create(user=request.user, defaults={"seen_at": now})
    request.session[MINE_SINCE_SESSION_KEY] = since.isoformat()
    request.session[MINE_FIRST_SESSION_KEY] = visit is None
    return since, visit is None


@require_safe
@login_required
def mine(request):
    """What this member may download, newest first, marked when new since their last visit."""
    since, first_visit = _new_since(request)
    documents = (
        Document.objects.downloadable_by(request.user)
        .select_related("kind")
        .order_by("-published_at", "-id")
    )
    page_obj = _page(request, documents)
    for document in page_obj.object_list:
        document.is_new = document.published_at > since
    context = {
        "page_obj": page_obj,
        "since": since,
        "first_visit": first_visit,
        "new_days": FIRST_VISIT_NEW_DAYS,
    }
    return render(request, "documents/mine.html", context)


# Read-only: a POST to the feed is refused (405), as for every page of this app.
feed = require_safe(DocumentFeed())
