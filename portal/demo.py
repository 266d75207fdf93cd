"""Demo content of the site shell, as the seed page shows it (load_demo calls load())."""

import datetime
import io
import random
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from .models import Banner, MenuItem, Photo, PhotoAlbum, SidebarBlock, SiteProfile, VisitDay
from .visits import BEFORE_MONTH_KEY

# The seed page's article: the news demo writes it, the inspections demo links its
# supervision at Ngọc Tem to it.
SEED_TITLE = (
    "Một vài kinh nghiệm trong công tác kiểm tra, giám sát của Ban Tuyên giáo Huyện ủy Kon Plông"
)
SEED_SLUG = (
    "mot-vai-kinh-nghiem-trong-cong-tac-kiem-tra-giam-sat-cua-ban-tuyen-giao-huyen-uy-kon-plong"
)

SEED_TOTAL_VISITS = 9_927_613
SEED_MONTH_VISITS = 104_708
SEED_TODAY_VISITS = 3_113

PROFILE = {
    "board_name": "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum",
    "short_name": "Ban Tuyên giáo Tỉnh ủy Kon Tum",
    "domain": "tuyengiaokontum.org.vn",
    "licence_number": "01/GP-TTĐT",
    "licence_date": datetime.date(2020, 8, 28),
    "governing_body": "Ban Tuyên giáo Tỉnh ủy Kon Tum",
    "governing_body_address": "số 236 Bà Triệu, Tp Kon Tum, tỉnh Kon Tum",
    "responsible_person": "Ông Huỳnh Quốc Huy, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy",
    "phone": "0260.3862301",
    "fax": "0260. 3865464",
    "email": "bantuyengiaotinhuykt@gmail.com; phiemkt@gmail.com",
    "reuse_notice": "Ghi rõ nguồn tuyengiaokontum.org.vn khi sử dụng lại thông tin từ website này",
}

MENU = [
    ("Trang chủ", "/", 0),
    ("Hình ảnh hoạt động", "/hinh-anh/", 90),
]

SIDEBAR = [
    ("documents-new", "Văn Bản Mới", 10),
    ("banners", "Liên kết", 20),
    ("photos", "Hình ảnh hoạt động", 30),
    ("login", "Đăng nhập", 40),
    ("stats", "Thống kê", 50),
    ("most-read", "Tin đọc nhiều", 60),
]

# The seed's banners, by their names, with the sites such boards link to.
BANNERS = [
    ("dh 13", "https://dangcongsan.vn/", (200, 16, 46)),
    ("bau cu 1", "https://baochinhphu.vn/", (181, 18, 27)),
    ("covid truongsa", "https://moh.gov.vn/", (11, 79, 156)),
    ("dh 1", "https://kontum.gov.vn/", (140, 13, 20)),
    ("baocaovien", "https://tuyengiao.vn/", (46, 125, 50)),
    ("tailieu", "https://tuyengiao.vn/", (93, 64, 55)),
    ("sachtuyengiao", "https://www.nxbctqg.org.vn/", (69, 39, 160)),
]

ALBUM = {
    "title": "Đoàn giám sát của Ban Tuyên giáo Huyện ủy tại xã Ngọc Tem",
    "slug": "doan-giam-sat-tai-xa-ngoc-tem",
    "event_date": datetime.date(2017, 6, 12),
    "description": "Hình ảnh hoạt động kiểm tra, giám sát của Ban Tuyên giáo Huyện ủy Kon Plông.",
}
PHOTO_CAPTIONS = [
    "Đoàn Giám sát làm việc với Đảng ủy xã Ngọc Tem",
    "Trao đổi kinh nghiệm công tác tuyên giáo ở cơ sở",
    "Hội nghị tổng kết công tác tuyên giáo toàn tỉnh năm 2016",
    "Sinh hoạt chi bộ thôn Điek Lò",
    "Tuyên truyền kỷ niệm 90 năm Ngày thành lập Đoàn Thanh niên",
    "Báo cáo viên nói chuyện thời sự tại huyện Kon Plông",
]

# Demo logins for each group. Printed by `make run`; for demonstration only.
DEMO_USERS = [
    # username, password, (family name, given name), group setting name, is_staff, is_superuser
    ("admin", "admin-demo-2026", ("Trần Văn", "Hùng"), None, True, True),
    ("bientap", "bientap-demo-2026", ("Lê Thị", "Hoa"), "EDITORS_GROUP", True, False),
    ("baocaovien", "baocaovien-demo-2026", ("Phạm Văn", "Minh"), "REPORTERS_GROUP", False, False),
    ("kiemtra", "kiemtra-demo-2026", ("Võ Thị", "Lan"), "INSPECTORS_GROUP", True, False),
]


def placeholder_image(text, size, colour, seed=0):
    """A generated PNG with the text written on a coloured ground, as a ContentFile."""
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 - decoration only
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(height // 4, height)
        tint = tuple(min(255, c + 40) for c in colour)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tint)
    font_size = max(14, height // 8)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", font_size)
    except OSError:
        # Pillow's built-in font has no Vietnamese letters: write them without diacritics.
        font = ImageFont.load_default(size=font_size)
        text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        text = text.encode("ascii", "ignore").decode()
    box = draw.textbbox((0, 0), text, font=font)
    position = ((width - (box[2] - box[0])) // 2, (height - (box[3] - box[1])) // 2)
    draw.text(position, text, font=font, fill=(255, 230, 120))
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="demo.png")


def load_profile():
    profile, _ = SiteProfile.objects.get_or_create(pk=1, defaults=PROFILE)
    for field, value in PROFILE.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def load_menu():
    for title, url, order in MENU:
        MenuItem.objects.update_or_create(
            url=url, parent=None, defaults={"title": title, "order": order}
        )


def load_sidebar():
    for key, title, order in SIDEBAR:
        SidebarBlock.objects.get_or_create(key=key, defaults={"title": title, "order": order})


def load_banners():
    for order, (title, link, colour) in enumerate(BANNERS):
        if Banner.objects.filter(title=title).exists():
            continue
        banner = Banner(title=title, link=link, order=order, position=Banner.Position.SIDEBAR)
        banner.image.save(
            "banner.png", placeholder_image(title, (300, 100), colour, order), save=False
        )
        banner.save()


def load_photos():
    album, created = PhotoAlbum.objects.get_or_create(slug=ALBUM["slug"], defaults=ALBUM)
    if not created and album.photos.exists():
        return
    for order, caption in enumerate(PHOTO_CAPTIONS):
        photo = Photo(album=album, caption=caption, order=order)
        colour = (120 + order * 20, 40 + order * 15, 30)
        photo.image.save(
            "photo.png", placeholder_image(caption[:28], (800, 600), colour, order), save=False
        )
        photo.save()


def load_visit_history(today=None):
    """A year of daily visits whose sums are the seed's: today, this month, and in total."""
    if VisitDay.objects.exists():
        return  # real or earlier demo counts are never overwritten
    today = today or timezone.localdate()
    rng = random.Random(2017)  # noqa: S311 - demo numbers
    rows = [VisitDay(day=today, visits=SEED_TODAY_VISITS)]
    earlier_this_month = [today - datetime.timedelta(days=n) for n in range(1, today.day)]
    if earlier_this_month:
        rest = SEED_MONTH_VISITS - SEED_TODAY_VISITS
        share, remainder = divmod(rest, len(earlier_this_month))
        for index, day in enumerate(earlier_this_month):
            rows.append(VisitDay(day=day, visits=share + (1 if index < remainder else 0)))
    day = today.replace(day=1) - datetime.timedelta(days=1)
    while day > today - datetime.timedelta(days=366):
        rows.append(VisitDay(day=day, visits=rng.randint(2500, 3800)))
        day -= datetime.timedelta(days=1)
    VisitDay.objects.bulk_create(rows)
    cache.delete(BEFORE_MONTH_KEY)  # bulk_create sends no signal
    recorded = VisitDay.objects.aggregate(total=Sum("visits"))["total"]
    profile = SiteProfile.load()
    profile.visits_before_launch = max(0, SEED_TOTAL_VISITS - recorded)
    profile.save(update_fields=["visits_before_launch", "updated_at"])


def load_users():
    User = get_user_model()
    logins = []
    for username, password, (family, given), group_setting, is_staff, is_superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.last_name, user.first_name = family, given
        user.email = f"{username}@example.org"
        user.is_staff, user.is_superuser, user.is_active = is_staff, is_superuser, True
        user.set_password(password)
        user.save()
        label = "Quản trị viên"
        if group_setting:
            group, _ = Group.objects.get_or_create(name=getattr(settings, group_setting))
            user.groups.add(group)
            label = group.name
        logins.append((label, username, password))
    return logins


@transaction.atomic
def load():
    """Load the site shell's demo content; returns the demo logins to print."""
    load_profile()
    load_menu()
    load_sidebar()
    load_banners()
    load_photos()
    load_visit_history()
    return load_users()
