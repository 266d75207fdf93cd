"""The legal moves of a campaign's lifecycle, as data.

planned → decided → notified → self_reported → working → draft_report → concluded
→ follow_up → closed: forward only, one step at a time. Two shortcuts to the end:
concluded → closed when nothing has to be remediated, and follow_up → closed only once
every remediation item is reported or verified.

`next_moves(campaign)` gives the pages and the admin their buttons; `refusal(campaign,
to_status)` says in Vietnamese why a move is illegal (None when it is legal). The services
ask both inside their transaction, on the locked row.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Campaign, CampaignEvent, RemediationItem

S = Campaign.Status
D = CampaignEvent.DocumentKind

ORDER = [
    S.PLANNED,
    S.DECIDED,
    S.NOTIFIED,
    S.SELF_REPORTED,
    S.WORKING,
    S.DRAFT_REPORT,
    S.CONCLUDED,
    S.FOLLOW_UP,
    S.CLOSED,
]

# The moves besides "the next step in ORDER".
SHORTCUTS = {S.CONCLUDED: [S.CLOSED]}

# The documents a step may carry, the first one being the usual one.
STEP_DOCUMENTS = {
    S.DECIDED: (D.QUYET_DINH,),
    S.NOTIFIED: (D.KE_HOACH, D.DE_CUONG),
    S.SELF_REPORTED: (D.BAO_CAO_TU_KIEM_TRA,),
    S.WORKING: (D.BIEN_BAN,),
    S.DRAFT_REPORT: (D.DU_THAO,),
    S.CONCLUDED: (D.THONG_BAO,),
    S.FOLLOW_UP: (D.BAO_CAO_KHAC_PHUC,),
    S.CLOSED: (D.KHAC,),
}

LABELS = {
    S.DECIDED: _("Quyết định thành lập đoàn"),
    S.NOTIFIED: _("Gửi thông báo cho tổ chức"),
    S.SELF_REPORTED: _("Nhận báo cáo tự kiểm tra"),
    S.WORKING: _("Bắt đầu làm việc"),
    S.DRAFT_REPORT: _("Trình dự thảo báo cáo"),
    S.CONCLUDED: _("Ban hành thông báo kết luận"),
    S.FOLLOW_UP: _("Theo dõi khắc phục"),
    S.CLOSED: _("Kết thúc"),
}
SUPERVISION_LABELS = {
    S.SELF_REPORTED: _("Nhận báo cáo tự giám sát"),
    S.CONCLUDED: _("Ban hành thông báo kết quả giám sát"),
}

# What a step needs besides the previous step: the form the pages show for it.
NEEDS_DECISION = "decision"  # số và ngày quyết định thành lập đoàn
NEEDS_NOTICE = "notice"  # the notice, through services.campaign_conclude


@dataclass(frozen=True)
class Move:
    """A legal next step: the status it leads to and what its button says."""

    to_status: str
    label: str
    document_kinds: tuple
    needs: str = ""

    @property
    def to_label(self):
        return S(self.to_status).label

    def document_choices(self):
        """(value, label) pairs for a select of the documents this step may carry."""
        return [(kind, D(kind).label) for kind in self.document_kinds]


def label_for(campaign, to_status):
    if campaign.is_supervision and to_status in SUPERVISION_LABELS:
        return SUPERVISION_LABELS[to_status]
    return LABELS[to_status]


def _needs(to_status):
    return {S.DECIDED: NEEDS_DECISION, S.CONCLUDED: NEEDS_NOTICE}.get(to_status, "")


def reachable(from_status):
    """The statuses one legal move away from `from_status`, by the order alone."""
    if from_status not in ORDER:
        return []
    index = ORDER.index(from_status)
    following = [ORDER[index + 1]] if index + 1 < len(ORDER) else []
    return following + SHORTCUTS.get(from_status, [])


def unfinished_remediation_count(campaign):
    return campaign.remediations.filter(status=RemediationItem.Status.OPEN).count()


def refusal(campaign, to_status):
    """Why the move of `campaign` to `to_status` is illegal, in Vietnamese; None if legal.

    Only the order and the follow-up are judged here; what a step needs from the caller
    (decision number, notice) is checked by the services.
    """
    current = campaign.status
    if to_status not in S.values:
        return _("Bước “%(status)s” không tồn tại.") % {"status": to_status}
    if current == S.CLOSED:
        return _("Cuộc đã kết thúc; không thể chuyển sang bước khác.")
    if to_status == current:
        return _("Cuộc đã ở bước “%(status)s”.") % {"status": S(current).label}
    if ORDER.index(to_status) < ORDER.index(current):
        return _("Không thể quay lại bước “%(to)s” từ bước “%(from)s”.") % {
            "to": S(to_status).label,
            "from": S(current).label,
        }
    if to_status not in reachable(current):
        following = ORDER[ORDER.index(current) + 1]
        return _(
            "Không thể chuyển thẳng từ “%(from)s” sang “%(to)s”: phải qua bước “%(next)s” trước."
        ) % {"from": S(current).label, "to": S(to_status).label, "next": S(following).label}
    if to_status == S.CLOSED:
        if current == S.CONCLUDED and campaign.remediations.exists():
            return _(
                "Cuộc còn nội dung phải khắc phục: chuyển sang “Theo dõi khắc phục” trước khi "
                "kết thúc."
            )
        open_items = unfinished_remediation_count(campaign)
        if open_items:
            return _(
                "Còn %(count)d nội dung khắc phục chưa được báo cáo; chưa thể kết thúc cuộc."
            ) % {"count": open_items}
    return None


def next_moves(campaign):
    """The legal next steps of the campaign with their Vietnamese button labels."""
    moves = []
    for to_status in reachable(campaign.status):
        if to_status == S.CLOSED and refusal(campaign, to_status):
            continue  # closing is offered only when it would succeed
        moves.append(
            Move(
                to_status=to_status,
                label=label_for(campaign, to_status),
                document_kinds=STEP_DOCUMENTS[to_status],
                needs=_needs(to_status),
            )
        )
    return moves
