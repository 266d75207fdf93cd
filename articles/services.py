"""Writes of the news app that follow a rule."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from portal.accounts import display_name
from portal.visits import count_once_per_visit

from .forms import CommentForm
from .models import Article, Comment, Rating
from .prepare import article_search_text


def article_refresh_search_text(article_ids):
    """Rewrite the search key of these articles (their tags changed), one UPDATE each."""
    for article in Article.objects.filter(pk__in=list(article_ids)):
        Article.objects.filter(pk=article.pk).update(search_text=article_search_text(article))


# --- Readers: views, rating, comments -------------------------------------------------------

logger = logging.getLogger(__name__)


def article_register_view(request, article):
    """Count a reader's view of an article once per visit; return whether it counted."""
    counted = count_once_per_visit(
        request,
        f"articles:seen:{article.pk}",
        Article.objects.published().filter(pk=article.pk),
        "view_count",
        what="Article view",
    )
    # A page served from the guests' cache passes an article with only its pk: reading the
    # deferred count would cost a query for nothing.
    if counted and "view_count" in article.__dict__:
        article.view_count += 1
    return counted


RATING_DONE = "Cảm ơn bạn đã đánh giá bài viết."
RATING_ALREADY = "Bạn đã đánh giá bài viết này rồi."
RATING_CLOSED = "Bài viết này không nhận đánh giá."
RATING_BAD_SCORE = "Vui lòng chọn số điểm từ 1 đến 5."

# A guest's vote is tied to the browser's vid cookie, which one can delete. So that deleting
# it does not give a second vote, a guest's vote also holds the article for its address key
# (IP address + user agent) this long. The price: readers sharing one public address and the
# same browser version (an office behind NAT) get one guest vote per article per day among
# them; a member signs in and votes by account, which no address holds. Whoever changes
# address or browser gets another vote: no server can tell such a reader from a new one.
RATING_ADDRESS_HOLD_SECONDS = 24 * 60 * 60
# Guests' votes per article from one IP address in a day, whatever browsers they claim: an
# office behind one address still gets many, a script changing its user agent no more.
RATING_VOTES_PER_IP = 20
RATING_TOO_MANY = "Có quá nhiều lượt đánh giá từ địa chỉ mạng của bạn; vui lòng thử lại sau."


class _RatingClosed(Exception):
    pass


def rating_summary(article):
    """The rating line exactly as NukeViet printed it."""
    return (
        f"Tổng số điểm của bài viết là: {article.rating_total} "
        f"trong {article.rating_count} đánh giá"
    )


def _address_hold_key(article_pk, address):
    return f"articles:rated:{article_pk}:{address}"


def _ip_votes_exceeded(article_pk, ip):
    """Count a guest vote from `ip` on the article; True once the day's cap is passed."""
    key = f"articles:rating-ip:{article_pk}:{ip}"
    cache.add(key, 0, RATING_ADDRESS_HOLD_SECONDS)
    try:
        return cache.incr(key) > RATING_VOTES_PER_IP
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATING_ADDRESS_HOLD_SECONDS)
        return False


def rating_add(article, voter, score, *, address=None, ip=None):
    """Record `voter`'s score (1–5) of `article`; return (ok, message for the reader).

    voter is Visitor.key. address, given for guests, is their address key: see
    RATING_ADDRESS_HOLD_SECONDS. The database's unique (article, voter) is what refuses a
    second vote, also when two arrive at once; the article's total and count move in the
    same transaction, with F(), so parallel votes add up exactly. On success the article's
    rating_total and rating_count are the current ones.
    """
    try:
        score = int(score)
    except (TypeError, ValueError):
        return False, RATING_BAD_SCORE
    if not 1 <= score <= 5:
        return False, RATING_BAD_SCORE
    if not (article.allow_rating and article.is_live):
        return False, RATING_CLOSED
    if ip and _ip_votes_exceeded(article.pk, ip):
        return False, RATING_TOO_MANY
    hold = _address_hold_key(article.pk, address) if address else None
    if hold and not cache.add(hold, voter, RATING_ADDRESS_HOLD_SECONDS):
        return False, RATING_ALREADY
    try:
        with transaction.atomic():
            # The article's row, not the instance given, decides: an editor may have closed
            # rating or hidden the article since the page was read.
            if not (
                Article.objects.published()
                .filter(pk=article.pk, allow_rating=True)
                .update(rating_total=F("rating_total") + score, rating_count=F("rating_count") + 1)
            ):
                raise _RatingClosed
            Rating.objects.create(article_id=article.pk, voter=voter, score=score)
    except IntegrityError:
        return False, RATING_ALREADY
    except _RatingClosed:
        if hold:
            cache.delete(hold)
        return False, RATING_CLOSED
    except BaseException:
        # No vote was recorded: the address must not stay held for a day.
        if hold:
            cache.delete(hold)
        raise
    article.refresh_from_db(fields=["rating_total", "rating_count"])
    return True, RATING_DONE


COMMENT_PENDING = "Ý kiến của bạn đã được gửi và đang chờ duyệt."
COMMENT_PUBLISHED = "Ý kiến của bạn đã được đăng."
COMMENT_CLOSED = "Bài viết này không nhận ý kiến bạn đọc."
COMMENT_INVALID = "Ý kiến chưa được gửi: vui lòng xem lại các ô được đánh dấu."
COMMENT_TOO_FAST = (
    "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút; "
    "nội dung bạn vừa viết vẫn được giữ lại bên dưới."
)

COMMENT_WINDOW_SECONDS = 10 * 60
COMMENTS_PER_VISITOR = 3
# Looser per address: an office behind one NAT is many readers, but a reader who deletes
# the visit cookie to post again is still one address.
COMMENTS_PER_ADDRESS = 10

# Session keys: the ids of the reader's comments that wait for moderation, and the form
# of a refused comment, carried to the article page after the redirect.
PENDING_COMMENTS_SESSION_KEY = "articles:pending-comments"
COMMENT_DRAFT_SESSION_KEY = "articles:comment-draft"
PENDING_COMMENTS_KEPT = 20


@dataclass
class CommentResult:
    """What comment_submit did: ok, the reader's message, the bound form, the comment."""

    ok: bool
    message: str
    form: object
    comment: object = None
    closed: bool = False


def _over_limit(key, limit):
    """Count one more attempt under `key`; whether it goes past `limit` in the window."""
    # add() starts the window only if none is running; incr() is atomic in every process.
    cache.add(key, 0, COMMENT_WINDOW_SECONDS)
    try:
        return cache.incr(key) > limit
    except ValueError:
        # The window ended between the two calls: this attempt opens the next one.
        cache.set(key, 1, COMMENT_WINDOW_SECONDS)
        return False


def _comment_rate_limited(visitor, ip):
    try:
        by_visitor = _over_limit(f"articles:comments:v:{visitor}", COMMENTS_PER_VISITOR)
        by_address = ip and _over_limit(f"articles:comments:ip:{ip}", COMMENTS_PER_ADDRESS)
    except Exception:
        # Every comment is moderated anyway: an unreachable cache must not close the form.
        logger.exception("Comment rate limit could not be checked")
        return False
    return by_visitor or bool(by_address)


def comment_submit(article, data, user, visitor, ip):
    """Check and save a reader's comment; return a CommentResult.

    Comments wait for moderation, except members' when COMMENTS_MEMBERS_SKIP_MODERATION.
    A filled honeypot is answered like a success and nothing is saved, so that a bot learns
    nothing. visitor is Visitor.key, ip the client's address (stored for moderators).
    """
    form = CommentForm(data)
    if not (article.allow_comments and article.is_live):
        return CommentResult(False, COMMENT_CLOSED, form, closed=True)
    if form.is_bot():
        return CommentResult(True, COMMENT_PENDING, form)
    # Refused tries count too: each one stores its text in the session for the reader.
    if _comment_rate_limited(visitor, ip):
        form.is_valid()
        form.add_error(None, COMMENT_TOO_FAST)
        return CommentResult(False, COMMENT_TOO_FAST, form)
    if not form.is_valid():
        return CommentResult(False, COMMENT_INVALID, form)
    member = user is not None and user.is_authenticated
    approved = member and settings.COMMENTS_MEMBERS_SKIP_MODERATION
    comment = Comment.objects.create(
        article=article,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        status=Comment.Status.APPROVED if approved else Comment.Status.PENDING,
        user=user if member else None,
        visitor=visitor[:64],
        ip_address=ip or None,
    )
    return CommentResult(True, COMMENT_PUBLISHED if approved else COMMENT_PENDING, form, comment)


def comment_remember(session, result, article):
    """Keep in the session what the article page shows this reader after the redirect.

    A pending comment's id, so that its author sees it marked "đang chờ duyệt"; or the form
    of a refused comment, so that the text typed is not lost. Either gives a guest a
    session, whose cookie keeps the page kept for all guests away from them, and that page
    never holds one reader's pending comment.
    """
    if result.ok:
        comment = result.comment
        if comment is not None and comment.status == Comment.Status.PENDING:
            pending = session.get(PENDING_COMMENTS_SESSION_KEY, [])
            session[PENDING_COMMENTS_SESSION_KEY] = [*pending, comment.pk][-PENDING_COMMENTS_KEPT:]
        session.pop(COMMENT_DRAFT_SESSION_KEY, None)
        return
    form = result.form
    session[COMMENT_DRAFT_SESSION_KEY] = {
        "article": article.pk,
        # What was typed comes back, but not megabytes of it into the session.
        "data": {
            name: str(form.data.get(name, ""))[:limit]
            for name, limit in (("name", 200), ("email", 300), ("body", 6000))
        },
        "errors": [str(error) for error in form.non_field_errors()],
    }


def comments_for_page(request, article):
    """What the comment block of an article page shows to the reader of `request`.

    Approved comments in order, with the reader's own pending ones among them; the form,
    bound again with what the reader typed when the last try was refused; whether comments
    are open. One query.
    """
    session = getattr(request, "session", None)
    pending = session.get(PENDING_COMMENTS_SESSION_KEY, []) if session is not None else []
    shown = Q(status=Comment.Status.APPROVED)
    if pending:
        shown |= Q(status=Comment.Status.PENDING, pk__in=pending)
    comments = list(article.comments.filter(shown).order_by("created_at", "id"))
    for comment in comments:
        comment.awaiting = comment.status == Comment.Status.PENDING

    draft = None
    if session is not None and COMMENT_DRAFT_SESSION_KEY in session:
        draft = session[COMMENT_DRAFT_SESSION_KEY]
        if draft.get("article") == article.pk:
            del session[COMMENT_DRAFT_SESSION_KEY]
        else:
            draft = None
    if draft is not None:
        form = CommentForm(draft["data"])
        form.is_valid()
        for error in draft["errors"]:
            form.add_error(None, error)
    else:
        form = CommentForm(initial=_member_initial(getattr(request, "user", None)))
    return {
        "comments": comments,
        "form": form,
        "open": article.allow_comments,
    }


def _member_initial(user):
    if user is None or not user.is_authenticated:
        return {}
    return {"name": display_name(user), "email": user.email}
