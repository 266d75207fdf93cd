"""Demo inspections of Ban Tuyên giáo Huyện ủy Kon Plông, as the seed article tells them
(load_demo calls load(); running it again changes nothing but the remediation deadlines,
which follow today so that overdue and due-soon items exist whenever it is loaded).

51 grassroots party organizations with 2,036 members; plans for 2014–2017; five campaigns
in 2014–2016, all concluded; three in the 2017 plan, among them the supervision at xã
Ngọc Tem of the resolutions the Tỉnh ủy and its Standing Committee issued in 2016.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from documents.models import Document, IssuingBody
from portal.demo import SEED_SLUG, SEED_TITLE

from . import lifecycle
from .models import (
    Campaign,
    CampaignEvent,
    CampaignTarget,
    DelegationMember,
    Finding,
    InspectionPlan,
    Notice,
    PartyOrganization,
    RemediationItem,
)

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
S = Campaign.Status
K = PartyOrganization.Kind
D = CampaignEvent.DocumentKind
R = DelegationMember.Role

TOTAL_ORGANIZATIONS = 51
TOTAL_MEMBERS = 2036
INSPECTOR_USERNAME = "kiemtra"  # the demo inspection officer of portal/demo.py
NGOC_TEM = "Đảng bộ xã Ngọc Tem"

# name, abbreviation, order: found by abbreviation, created if the documents demo has none.
BODIES = {
    "HU": ("Huyện ủy Kon Plông", 50),
    "BTVHU": ("Ban Thường vụ Huyện ủy Kon Plông", 51),
    "UBKTHU": ("Ủy ban Kiểm tra Huyện ủy Kon Plông", 52),
    "BTGHU": ("Ban Tuyên giáo Huyện ủy Kon Plông", 70),
}

# Every organization holds the members it has directly; the chi bộ thôn under Ngọc Tem
# hold theirs, so the sum over all rows is the district's total (2,036).
COMMUNES = [
    (NGOC_TEM, 46),
    ("Đảng bộ xã Hiếu", 118),
    ("Đảng bộ xã Pờ Ê", 96),
    ("Đảng bộ xã Măng Cành", 134),
    ("Đảng bộ xã Đắk Long", 152),
    ("Đảng bộ xã Măng Bút", 109),
    ("Đảng bộ xã Đắk Tăng", 87),
    ("Đảng bộ xã Đắk Ring", 93),
    ("Đảng bộ xã Đắk Nên", 81),
]
NGOC_TEM_CELLS = [
    ("Chi bộ thôn Điek Lò", 21),
    ("Chi bộ thôn Điek Tem", 18),
    ("Chi bộ thôn Điek Nót", 16),
    ("Chi bộ thôn Tu Rét", 14),
]
OTHER_COMMITTEES = [("Đảng bộ Công an huyện", 74), ("Đảng bộ Quân sự huyện", 68)]
AGENCY_CELLS = [
    "Chi bộ Văn phòng Huyện ủy",
    "Chi bộ các Ban xây dựng Đảng Huyện ủy",
    "Chi bộ Văn phòng HĐND và UBND huyện",
    "Chi bộ Phòng Tài chính – Kế hoạch",
    "Chi bộ Phòng Giáo dục và Đào tạo",
    "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
    "Chi bộ Phòng Tài nguyên và Môi trường",
    "Chi bộ Phòng Kinh tế – Hạ tầng",
    "Chi bộ Phòng Lao động – Thương binh và Xã hội",
    "Chi bộ Phòng Văn hóa và Thông tin",
    "Chi bộ Phòng Nội vụ",
    "Chi bộ Phòng Tư pháp",
    "Chi bộ Thanh tra huyện",
    "Chi bộ Phòng Dân tộc",
    "Chi bộ Khối Mặt trận Tổ quốc và các đoàn thể",
    "Chi bộ Trung tâm Y tế huyện",
    "Chi bộ Trường THPT Măng Đen",
    "Chi bộ Trường PTDT Nội trú huyện",
    "Chi bộ Trường THCS Măng Đen",
    "Chi bộ Trường Tiểu học Măng Đen",
    "Chi bộ Trường Mầm non Măng Đen",
    "Chi bộ Viện Kiểm sát nhân dân huyện",
    "Chi bộ Tòa án nhân dân huyện",
    "Chi bộ Chi cục Thi hành án dân sự huyện",
    "Chi bộ Chi cục Thuế huyện",
    "Chi bộ Kho bạc Nhà nước huyện",
    "Chi bộ Ngân hàng Chính sách xã hội huyện",
    "Chi bộ Ngân hàng Nông nghiệp và PTNT huyện",
    "Chi bộ Hạt Kiểm lâm huyện",
    "Chi bộ Ban Quản lý rừng phòng hộ Kon Plông",
    "Chi bộ Công ty TNHH MTV Lâm nghiệp Kon Plông",
    "Chi bộ Trung tâm Văn hóa – Thể thao huyện",
    "Chi bộ Đài Truyền thanh – Truyền hình huyện",
    "Chi bộ Ban Quản lý khu du lịch Măng Đen",
    "Chi bộ Bưu điện huyện",
    "Chi bộ Điện lực Kon Plông",
]


def _organizations():
    """(name, kind, parent name, members) rows adding up to 51 and 2,036 exactly."""
    rows = [(name, K.DANG_BO_CO_SO, None, members) for name, members in COMMUNES]
    rows += [(name, K.CHI_BO_TRUC_THUOC, NGOC_TEM, members) for name, members in NGOC_TEM_CELLS]
    rows += [(name, K.DANG_BO_CO_SO, None, members) for name, members in OTHER_COMMITTEES]
    sizes = [31, 12, 14, 18, 27, 15, 11, 13, 9, 12]  # a cell of an agency: 8 to 35 members
    rows += [
        (name, K.CHI_BO_CO_SO, None, sizes[index % len(sizes)])
        for index, name in enumerate(AGENCY_CELLS)
    ]
    assert len(rows) == TOTAL_ORGANIZATIONS
    # The last cell takes what the district's total leaves, so the total is exact.
    name, kind, parent, _members = rows[-1]
    rows[-1] = (name, kind, parent, TOTAL_MEMBERS - sum(row[3] for row in rows[:-1]))
    assert rows[-1][3] > 0
    return rows


def load_organizations():
    organizations = {}
    for order, (name, kind, parent, members) in enumerate(_organizations()):
        organizations[name], _ = PartyOrganization.objects.update_or_create(
            name=name,
            parent=organizations[parent] if parent else None,
            defaults={"kind": kind, "member_count": members, "is_active": True, "order": order},
        )
    return organizations


def load_bodies():
    bodies = {}
    for abbreviation, (name, order) in BODIES.items():
        body = IssuingBody.objects.filter(abbreviation=abbreviation).order_by("pk").first()
        if body is None:
            body = IssuingBody.objects.create(name=name, abbreviation=abbreviation, order=order)
        bodies[abbreviation] = body
    return bodies


# year, number, title, issued on, planned count
PLANS = [
    (2014, "03-KH/HU", "Kế hoạch kiểm tra, giám sát năm 2014", datetime.date(2014, 1, 15), 2),
    (2015, "12-KH/HU", "Kế hoạch kiểm tra, giám sát năm 2015", datetime.date(2015, 1, 20), 2),
    (2016, "21-KH/HU", "Kế hoạch kiểm tra, giám sát năm 2016", datetime.date(2016, 1, 18), 1),
    (2017, "34-KH/HU", "Kế hoạch kiểm tra, giám sát năm 2017", datetime.date(2017, 1, 16), 3),
]


def load_plans(bodies):
    plans = {}
    for year, number, title, issued_on, planned in PLANS:
        plans[year], _ = InspectionPlan.objects.update_or_create(
            year=year,
            number=number,
            defaults={
                "title": title,
                "issued_by": bodies["BTVHU"],
                "issued_on": issued_on,
                "planned_count": planned,
            },
        )
    return plans


NGOC_TEM_TITLE = (
    "Giám sát việc thực hiện các nghị quyết của Tỉnh ủy, Ban Thường vụ Tỉnh ủy ban hành "
    "năm 2016 tại Đảng bộ xã Ngọc Tem"
)

# The seed's own words, turned into what the delegation found at Ngọc Tem.
NGOC_TEM_FINDING = {
    "strengths": (
        "Đảng ủy xã đã kịp thời tổ chức học tập, quán triệt các nghị quyết của Tỉnh ủy, Ban "
        "Thường vụ Tỉnh ủy ban hành năm 2016; cụ thể hóa thành chương trình, kế hoạch sát "
        "với tình hình thực tiễn của địa phương; việc kiểm tra, đôn đốc thực hiện ở các chi "
        "bộ được tiến hành nghiêm túc, đúng quy trình."
    ),
    "shortcomings": (
        "Việc kiểm tra, giám sát của Đảng ủy xã đối với các chi bộ chưa được thực hiện "
        "thường xuyên; chất lượng, hiệu quả một số đợt kiểm tra, giám sát chưa cao; kinh "
        "nghiệm trong công tác kiểm tra, giám sát chưa nhiều. Một số chi bộ thôn chưa xây "
        "dựng kế hoạch thực hiện nghị quyết sát với tình hình của thôn."
    ),
    "causes": (
        "Cán bộ làm công tác tuyên giáo ở cơ sở còn kiêm nhiệm nhiều việc; một bộ phận cấp "
        "ủy viên chưa nhận thức đầy đủ vai trò của công tác kiểm tra, giám sát."
    ),
    "responsibility": (
        "Trách nhiệm chính thuộc Ban Thường vụ Đảng ủy xã và người đứng đầu cấp ủy; các chi "
        "bộ thôn chịu trách nhiệm về việc cụ thể hóa nghị quyết ở chi bộ mình."
    ),
    "new_factors": (
        "Chi bộ thôn Điek Lò tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo "
        "đức, phong cách Hồ Chí Minh gắn với phát triển kinh tế hộ gia đình."
    ),
    "recommendations": (
        "Thường xuyên lãnh đạo, chỉ đạo quán triệt nâng cao nhận thức về công tác kiểm tra, "
        "giám sát trong lĩnh vực tuyên giáo; đề cao trách nhiệm của người đứng đầu cấp ủy; "
        "xây dựng kế hoạch khắc phục những hạn chế, khuyết điểm đã được chỉ ra ngay sau khi "
        "có thông báo kết quả giám sát của Ban Thường vụ Huyện ủy."
    ),
}
NGOC_TEM_SUMMARY = (
    "Đoàn giám sát do Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Ủy ban Kiểm tra Huyện "
    "ủy, đã giám sát việc thực hiện các nghị quyết của Tỉnh ủy, Ban Thường vụ Tỉnh ủy ban "
    "hành năm 2016 tại Đảng bộ xã Ngọc Tem. Đảng ủy xã đã kịp thời học tập, quán triệt và "
    "cụ thể hóa các nghị quyết; việc kiểm tra, giám sát ở chi bộ chưa thường xuyên. Ban "
    "Thường vụ Huyện ủy đề nghị Đảng ủy xã xây dựng kế hoạch khắc phục các hạn chế đã chỉ ra."
)

# (what, organization, days from today to the deadline, state)
NGOC_TEM_REMEDIATION = [
    (
        "Xây dựng kế hoạch kiểm tra, giám sát việc thực hiện nghị quyết ở các chi bộ thôn",
        NGOC_TEM,
        -12,
        "overdue",
    ),
    (
        "Tổ chức sinh hoạt chuyên đề về công tác kiểm tra, giám sát lĩnh vực tuyên giáo",
        "Chi bộ thôn Điek Tem",
        3,
        "due_soon",
    ),
    (
        "Sơ kết việc thực hiện các nghị quyết của Tỉnh ủy ban hành năm 2016 ở chi bộ",
        "Chi bộ thôn Điek Nót",
        45,
        "later",
    ),
    (
        "Bổ sung chương trình hành động thực hiện nghị quyết sát với tình hình của thôn",
        "Chi bộ thôn Tu Rét",
        -20,
        "reported",
    ),
    (
        "Phân công cấp ủy viên phụ trách công tác tuyên giáo ở từng chi bộ thôn",
        NGOC_TEM,
        -40,
        "verified",
    ),
]

# The campaigns: title, kind, plan year, presiding body, targets, period, decision
# (number, date), window (start, end), status, notice (number, date), directive codes.
CAMPAIGNS = [
    {
        "title": "Kiểm tra việc thực hiện Chỉ thị 03-CT/TW về tiếp tục đẩy mạnh việc học tập "
        "và làm theo tấm gương đạo đức Hồ Chí Minh tại Đảng bộ xã Hiếu",
        "kind": Campaign.Kind.KIEM_TRA,
        "year": 2014,
        "targets": ["Đảng bộ xã Hiếu", "Chi bộ Phòng Giáo dục và Đào tạo"],
        "period": (datetime.date(2011, 6, 1), datetime.date(2014, 3, 31)),
        "decision": ("41-QĐ/HU", datetime.date(2014, 4, 2)),
        "window": (datetime.date(2014, 4, 14), datetime.date(2014, 4, 25)),
        "status": S.CLOSED,
        "notice": ("08-TB/HU", datetime.date(2014, 5, 20)),
        "directives": [],
    },
    {
        "title": "Giám sát việc thực hiện Nghị quyết Trung ương 4 (khóa XI) về một số vấn đề "
        "cấp bách trong xây dựng Đảng tại Đảng bộ xã Pờ Ê",
        "kind": Campaign.Kind.GIAM_SAT_CHUYEN_DE,
        "year": 2014,
        "targets": ["Đảng bộ xã Pờ Ê"],
        "period": (datetime.date(2012, 1, 1), datetime.date(2014, 6, 30)),
        "decision": ("57-QĐ/HU", datetime.date(2014, 8, 4)),
        "window": (datetime.date(2014, 8, 18), datetime.date(2014, 8, 29)),
        "status": S.CLOSED,
        "notice": ("15-TB/HU", datetime.date(2014, 9, 26)),
        "directives": [],
    },
    {
        "title": "Giám sát việc thực hiện Nghị quyết 33-NQ/TW về xây dựng và phát triển văn "
        "hóa, con người Việt Nam tại Đảng bộ xã Măng Cành",
        "kind": Campaign.Kind.GIAM_SAT_CHUYEN_DE,
        "year": 2015,
        "targets": ["Đảng bộ xã Măng Cành", "Chi bộ Phòng Văn hóa và Thông tin"],
        "period": (datetime.date(2014, 6, 9), datetime.date(2015, 3, 31)),
        "decision": ("18-QĐ/HU", datetime.date(2015, 4, 6)),
        "window": (datetime.date(2015, 4, 20), datetime.date(2015, 5, 8)),
        "status": S.CLOSED,
        "notice": ("09-TB/HU", datetime.date(2015, 6, 3)),
        "directives": [],
    },
    {
        "title": "Kiểm tra việc tổ chức học tập, quán triệt và triển khai các chỉ thị, nghị "
        "quyết của Đảng tại Đảng bộ xã Đắk Long",
        "kind": Campaign.Kind.KIEM_TRA,
        "year": 2015,
        "targets": ["Đảng bộ xã Đắk Long"],
        "period": (datetime.date(2013, 1, 1), datetime.date(2015, 6, 30)),
        "decision": ("39-QĐ/HU", datetime.date(2015, 8, 10)),
        "window": (datetime.date(2015, 8, 24), datetime.date(2015, 9, 4)),
        "status": S.CLOSED,
        "notice": ("21-TB/HU", datetime.date(2015, 10, 2)),
        "directives": [],
    },
    {
        "title": "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư "
        "tưởng, đạo đức, phong cách Hồ Chí Minh tại Đảng bộ xã Măng Bút",
        "kind": Campaign.Kind.KIEM_TRA,
        "year": 2016,
        "targets": ["Đảng bộ xã Măng Bút", "Chi bộ Trường PTDT Nội trú huyện"],
        "period": (datetime.date(2016, 5, 15), datetime.date(2016, 9, 30)),
        "decision": ("64-QĐ/HU", datetime.date(2016, 10, 3)),
        "window": (datetime.date(2016, 10, 17), datetime.date(2016, 10, 28)),
        "status": S.CONCLUDED,
        "notice": ("47-TB/HU", datetime.date(2016, 11, 25)),
        "directives": ["CT.05.BCHTW"],
    },
    {
        "title": NGOC_TEM_TITLE,
        "kind": Campaign.Kind.GIAM_SAT_CHUYEN_DE,
        "year": 2017,
        "targets": [NGOC_TEM, "Chi bộ thôn Điek Lò"],
        "period": (datetime.date(2016, 1, 1), datetime.date(2017, 4, 30)),
        "decision": ("105-QĐ/HU", datetime.date(2017, 5, 22)),
        "window": (datetime.date(2017, 6, 5), datetime.date(2017, 6, 16)),
        "status": S.FOLLOW_UP,
        "notice": ("25-TB/HU", datetime.date(2017, 7, 10)),
        "directives": ["NQ.03.TU", "NQ.07.BTVTU"],
        "ngoc_tem": True,
    },
    {
        "title": "Giám sát thường xuyên công tác tuyên truyền miệng và báo cáo viên tại "
        "Đảng bộ xã Đắk Tăng",
        "kind": Campaign.Kind.GIAM_SAT_THUONG_XUYEN,
        "year": 2017,
        "targets": ["Đảng bộ xã Đắk Tăng"],
        "period": (datetime.date(2016, 1, 1), datetime.date(2017, 6, 30)),
        "decision": ("121-QĐ/HU", datetime.date(2017, 8, 21)),
        "window": (datetime.date(2017, 9, 11), datetime.date(2017, 9, 22)),
        "status": S.NOTIFIED,
        "notice": None,
        "directives": [],
    },
    {
        "title": "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW tại Đảng bộ xã Đắk Ring",
        "kind": Campaign.Kind.KIEM_TRA,
        "year": 2017,
        "targets": ["Đảng bộ xã Đắk Ring"],
        "period": (datetime.date(2016, 5, 15), datetime.date(2017, 9, 30)),
        "decision": None,
        "window": (datetime.date(2017, 10, 16), datetime.date(2017, 10, 27)),
        "status": S.PLANNED,
        "notice": None,
        "directives": ["CT.05.BCHTW"],
    },
]

DELEGATION = [
    ("Đinh Văn Thắng", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Huyện ủy", R.TRUONG_DOAN),
    ("Y Thị Hạnh", "Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", R.PHO_TRUONG_DOAN),
    ("A Tuấn", "Chuyên viên Ban Tổ chức Huyện ủy", R.THANH_VIEN),
    ("Ngô Đức Hải", "Chuyên viên Ban Tuyên giáo Huyện ủy", R.THU_KY),
]
SIGNER = "Lê Văn Bình, Phó Bí thư Thường trực Huyện ủy"
RECIPIENTS = "Đảng ủy xã; Thường trực Huyện ủy; Ủy ban Kiểm tra Huyện ủy; Lưu VP."


def _at(day, hour=8):
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


def _step_days(spec):
    """A plausible day for each step, from the decision, the window and the notice."""
    decided = spec["decision"][1] if spec["decision"] else None
    start, end = spec["window"]
    notice = spec["notice"][1] if spec["notice"] else None
    plan_day = next(p[3] for p in PLANS if p[0] == spec["year"])
    days = {S.PLANNED: plan_day}
    if decided:
        days[S.DECIDED] = decided
        days[S.NOTIFIED] = decided + datetime.timedelta(days=2)
        days[S.SELF_REPORTED] = start - datetime.timedelta(days=2)
    days[S.WORKING] = start
    days[S.DRAFT_REPORT] = end + datetime.timedelta(days=7)
    if notice:
        days[S.CONCLUDED] = notice
        days[S.FOLLOW_UP] = notice + datetime.timedelta(days=3)
        days[S.CLOSED] = notice + datetime.timedelta(days=90)
    return days


STEP_NOTES = {
    S.PLANNED: "Đưa vào kế hoạch kiểm tra, giám sát năm {year}.",
    S.DECIDED: "Ban Thường vụ Huyện ủy ban hành Quyết định số {decision} thành lập đoàn.",
    S.NOTIFIED: "Gửi kế hoạch và đề cương gợi ý báo cáo cho tổ chức đảng được {what}.",
    S.SELF_REPORTED: "Nhận báo cáo tự {what} của tổ chức đảng.",
    S.WORKING: "Đoàn làm việc trực tiếp với tổ chức đảng; lập biên bản làm việc.",
    S.DRAFT_REPORT: "Trình dự thảo báo cáo kết quả {what} lên Ban Thường vụ Huyện ủy.",
    S.CONCLUDED: "Ban hành thông báo số {notice}.",
    S.FOLLOW_UP: "Theo dõi việc xây dựng và thực hiện kế hoạch khắc phục.",
    S.CLOSED: "Tổ chức đảng đã khắc phục các hạn chế; kết thúc cuộc.",
}


def load_events(campaign, spec, actor):
    """The timeline, written once (a campaign that has steps keeps them)."""
    if campaign.events.exists():
        return
    days = _step_days(spec)
    what = "giám sát" if campaign.is_supervision else "kiểm tra"
    values = {
        "year": spec["year"],
        "decision": spec["decision"][0] if spec["decision"] else "",
        "notice": spec["notice"][0] if spec["notice"] else "",
        "what": what,
    }
    documents = {
        S.DECIDED: D.QUYET_DINH,
        S.NOTIFIED: D.KE_HOACH,
        S.SELF_REPORTED: D.BAO_CAO_TU_KIEM_TRA,
        S.WORKING: D.BIEN_BAN,
        S.DRAFT_REPORT: D.DU_THAO,
        S.CONCLUDED: D.THONG_BAO,
    }
    previous = ""
    for status in lifecycle.ORDER[: lifecycle.ORDER.index(spec["status"]) + 1]:
        CampaignEvent.objects.create(
            campaign=campaign,
            from_status=previous,
            to_status=status,
            actor=actor,
            at=_at(days[status], 8 if status != S.WORKING else 14),
            note=STEP_NOTES[status].format(**values),
            document_kind=documents.get(status, ""),
        )
        previous = status


def _directives(spec):
    codes = spec["directives"]
    found = list(Document.objects.filter(code__in=codes)) if codes else []
    if spec.get("ngoc_tem"):
        # The resolutions the Tỉnh ủy and its Standing Committee issued in 2016, if the
        # documents demo has any.
        found += list(
            Document.objects.filter(
                issuing_body__abbreviation__in=["TU", "BTVTU"], issued_on__year=2016
            )
        )
    return found


def _seed_article():
    # The news app's model, by the campaign's relation: no import of a sibling app.
    Article = Campaign._meta.get_field("article").related_model
    return (
        Article.objects.filter(slug=SEED_SLUG).first()
        or Article.objects.filter(title=SEED_TITLE).first()
    )


def load_campaign(spec, plans, bodies, organizations, actor):
    presiding = bodies["BTGHU"]
    campaign, _ = Campaign.objects.update_or_create(
        title=spec["title"],
        defaults={
            "kind": spec["kind"],
            "plan": plans[spec["year"]],
            "presiding_body": presiding,
            "decision_number": spec["decision"][0] if spec["decision"] else "",
            "decision_date": spec["decision"][1] if spec["decision"] else None,
            "period_from": spec["period"][0],
            "period_to": spec["period"][1],
            "start_on": spec["window"][0],
            "end_on": spec["window"][1],
            "responsible": actor,
        },
    )
    # The status is the lifecycle's, set here as the timeline below records it.
    Campaign.objects.filter(pk=campaign.pk).update(status=spec["status"])
    campaign.status = spec["status"]
    campaign.coordinating_bodies.set([bodies["UBKTHU"]])
    campaign.directives.add(*_directives(spec))
    targets = []
    for name in spec["targets"]:
        target, _ = CampaignTarget.objects.get_or_create(
            campaign=campaign, organization=organizations[name]
        )
        targets.append(target)
    if spec["decision"]:
        for order, (name, position, role) in enumerate(DELEGATION):
            DelegationMember.objects.update_or_create(
                campaign=campaign,
                name=name,
                defaults={"position": position, "role": role, "order": order},
            )
    if spec["status"] in (S.DRAFT_REPORT, S.CONCLUDED, S.FOLLOW_UP, S.CLOSED):
        for target in targets:
            finding = NGOC_TEM_FINDING if spec.get("ngoc_tem") else _generic_finding(target)
            Finding.objects.update_or_create(target=target, defaults=finding)
    if spec["notice"]:
        number, issued_on = spec["notice"]
        Notice.objects.update_or_create(
            campaign=campaign,
            defaults={
                "number": number,
                "issued_on": issued_on,
                "signer": SIGNER,
                "recipients": RECIPIENTS,
                "text": NGOC_TEM_FINDING["recommendations"]
                if spec.get("ngoc_tem")
                else "Ban Thường vụ Huyện ủy thông báo kết quả và yêu cầu tổ chức đảng khắc "
                "phục các hạn chế đã chỉ ra.",
            },
        )
    load_events(campaign, spec, actor)
    return campaign


def _generic_finding(target):
    return {
        "strengths": f"{target.organization} đã tổ chức học tập, quán triệt đầy đủ; xây dựng "
        "chương trình, kế hoạch thực hiện phù hợp với tình hình địa phương, đơn vị.",
        "shortcomings": "Việc sơ kết, đánh giá kết quả thực hiện chưa đúng thời gian; một số "
        "đảng viên chưa xây dựng kế hoạch làm theo cụ thể.",
        "recommendations": "Xây dựng kế hoạch khắc phục hạn chế, báo cáo Ban Thường vụ Huyện "
        "ủy trong thời hạn ba tháng.",
    }


def load_finished_remediation(campaign, spec, organizations):
    """Earlier campaigns: their remediation reported and verified long ago."""
    if spec["status"] not in (S.CONCLUDED, S.CLOSED) or not spec["notice"]:
        return
    number, issued_on = spec["notice"]
    organization = organizations[spec["targets"][0]]
    RemediationItem.objects.update_or_create(
        campaign=campaign,
        what="Xây dựng kế hoạch khắc phục các hạn chế theo Thông báo số " + number,
        defaults={
            "organization": organization,
            "deadline": issued_on + datetime.timedelta(days=60),
            "status": RemediationItem.Status.VERIFIED,
            "report_number": f"{int(number.split('-')[0]) + 3}-BC/ĐU",
            "report_date": issued_on + datetime.timedelta(days=45),
            "verification_note": "Tổ chức đảng đã khắc phục đầy đủ.",
            "verified_at": _at(issued_on + datetime.timedelta(days=80)),
        },
    )


def load_ngoc_tem_remediation(campaign, organizations, today):
    for what, organization, offset, state in NGOC_TEM_REMEDIATION:
        deadline = today + datetime.timedelta(days=offset)
        values = {
            "organization": organizations[organization],
            "deadline": deadline,
            "status": RemediationItem.Status.OPEN,
            "report_number": "",
            "report_date": None,
            "verification_note": "",
            "verified_at": None,
        }
        if state in ("reported", "verified"):
            values.update(
                status=RemediationItem.Status.REPORTED,
                report_number="18-BC/ĐU" if state == "reported" else "15-BC/ĐU",
                report_date=deadline - datetime.timedelta(days=2),
            )
        if state == "verified":
            values.update(
                status=RemediationItem.Status.VERIFIED,
                verification_note="Đảng ủy xã đã phân công cụ thể; Ban Tuyên giáo Huyện ủy "
                "xác nhận đã khắc phục.",
                verified_at=_at(deadline + datetime.timedelta(days=5)),
            )
        RemediationItem.objects.update_or_create(campaign=campaign, what=what, defaults=values)


@transaction.atomic
def load(today=None):
    """Load the demo inspections; returns no logins (portal/demo.py makes "kiemtra")."""
    today = today or timezone.localdate()
    actor = get_user_model().objects.filter(username=INSPECTOR_USERNAME).first()
    organizations = load_organizations()
    bodies = load_bodies()
    plans = load_plans(bodies)
    for spec in CAMPAIGNS:
        campaign = load_campaign(spec, plans, bodies, organizations, actor)
        if spec.get("ngoc_tem"):
            campaign.is_public = True
            campaign.summary = NGOC_TEM_SUMMARY
            campaign.article = _seed_article()
            campaign.save(update_fields=["is_public", "summary", "article", "updated_at"])
            load_ngoc_tem_remediation(campaign, organizations, today)
        else:
            load_finished_remediation(campaign, spec, organizations)
    return []
