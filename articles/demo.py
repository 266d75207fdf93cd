"""Demo news (load_demo calls load()): categories, the seed's article exactly, thirty more."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils.html import escape

from portal.demo import SEED_SLUG, SEED_TITLE, placeholder_image
from portal.models import MenuItem

from .models import Article, Category, Tag

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# slug, name, legacy alias on the NukeViet site, order, parent slug
CATEGORIES = [
    ("tin-tuc-su-kien", "Tin tức – Sự kiện", "Tin-tuc-Su-kien", 10, None),
    ("tin-trong-tinh", "Tin trong tỉnh", "Tin-trong-tinh", 11, "tin-tuc-su-kien"),
    ("tin-trong-nuoc", "Tin trong nước", "Tin-trong-nuoc", 12, "tin-tuc-su-kien"),
    ("tuyen-truyen", "Tuyên truyền", "Tuyen-truyen", 20, None),
    ("de-cuong-tuyen-truyen", "Đề cương tuyên truyền", "De-cuong", 21, "tuyen-truyen"),
    ("kiem-tra-giam-sat", "Kiểm tra – Giám sát", "Kiem-tra-Giam-sat", 30, None),
    ("bao-cao-vien", "Báo cáo viên", "Bao-cao-vien", 40, None),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội", "Van-hoa-Xa-hoi", 50, None),
]

SEED_PUBLISHED_AT = datetime.datetime(2017, 6, 12, 22, 28, tzinfo=TZ)
# The caption as the seed prints it, typos included ("của do", "giám stá").
SEED_CAPTION = (
    "Đoàn Giám sát của do Tuyên giáo Huyện ủy chủ trì giám stá việc thực hiện các nghị quyết "
    "của Tỉnh ủy, Ban Thường vụ Tỉnh ủy ban hành năm 2016 tại xã Ngọc Tem"
)
SEED_BYLINE = "Bài và ảnh: Ngô Đức Hải"
SEED_SUMMARY = (
    "Sau 15 năm tái thành lập huyện (2002-2017), Đảng bộ huyện Kon Plông hiện có 51 tổ "
    "chức cơ sở đảng (TCSĐ) trực thuộc với trên 2.036 đảng viên, tăng 27 TCCSĐ và 1.696 "
    "đảng viên. Công tác phát triển đảng viên về mặt số lượng đã đặt ra yêu cầu đối với "
    "toàn Đảng bộ trong việc nâng cao vai trò lãnh đạo và sức chiến đấu của TCCSĐ, góp "
    "phần tích cực vào việc củng cố, xây dựng hệ thống chính trị trong sạch, vững mạnh."
)
SEED_BODY = [
    (
        "Nhận thức rõ công tác kiểm tra, giám sát là một trong những chức năng lãnh đạo cơ "
        "bản, là nhiệm vụ thường xuyên, đồng thời cũng là một bộ phận quan trọng trong hoạt "
        "động công tác xây dựng Đảng. Trong những năm qua, Ban Tuyên giáo Huyện ủy Kon Plông "
        "đã tích cực, chủ động tham mưu cho Ban Thường vụ, Thường trực Huyện ủy trong công "
        "tác kiểm tra, giám sát việc thực hiện các chỉ thị, nghị quyết, các kết luận của Đảng"
        " thuộc lĩnh vực tuyên giáo ở các TCCSĐ và chi bộ đảng trên địa bàn huyện."
    ),
    (
        "Hằng năm, Ban Tuyên giáo phối hợp với Ủy ban Kiểm tra Huyện ủy tham mưu xây dựng "
        "chương trình, kế hoạch kiểm tra, giám sát theo chỉ đạo của cấp trên; đồng thời, chủ "
        "động lựa chọn nội dung phù hợp để kiểm tra, giám sát việc thực hiện các nghị quyết, "
        "đề án, kết luận…của Ban Thường vụ Huyện ủy. Trong 3 năm (2014-2016), Ban Tuyên giáo "
        "đã tham mưu Ban Thường vụ Huyện ủy tổ chức 05 đợt kiểm tra, giám sát việc triển khai"
        " thực hiện các chỉ thị, nghị quyết, đề án, kết luận của Đảng trên lĩnh vực tuyên "
        "giáo. Tiếp tục phát huy những kết quả trong việc tổ chức triển khai thực hiện các "
        "chỉ thị, nghị quyết, các kết luận của Đảng thuộc lĩnh vực tuyên giáo trên địa bàn "
        "huyện, trong năm 2017, Ban Tuyên giáo Huyện ủy tham mưu cho Ban Thường vụ Huyện ủy "
        "xây dựng kế hoạch tổ chức 03 đợt kiểm tra, giảm sát ở các TCCS đảng trực thuộc. "
        "Ngoài công tác kiểm tra, giám sát theo chương trình, kế hoạch, Ban Tuyên giáo Huyện "
        "ủy Kon Plông còn phân công cán bộ, công chức thường xuyên nắm tình hình triển khai "
        "công tác tuyên giáo ở cơ sở để đôn đốc, nhắc nhở kịp thời."
    ),
    (
        "Trong quá trình thực hiện công tác kiểm tra, giám sát các chỉ thị, nghị quyết, kết "
        "luận…của Đảng do Ban Tuyên giáo Huyện ủy trực tiếp tham mưu vẫn còn một số hạn chế "
        "nhất định như: việc kiểm tra, giám sát vẫn chưa được thực hiện thường xuyên; chất "
        "lượng, hiệu quả mang lại từ một số đợt kiểm tra, giám sát vẫn chưa cao; kinh nghiệm "
        "trong công tác kiểm tra, giám sát chưa nhiều. Song nhìn chung, công tác kiểm tra, "
        "giám sát trên địa bàn được thực hiện nghiêm túc, đúng quy trình. Qua công tác kiểm "
        "tra, giám sát đã giúp cho các TCCSĐ và mỗi đảng viên thấy rõ được những ưu điểm, "
        "những kinh nghiệm cần phát huy trong cách thức tổ chức triển khai thực hiện, trong "
        "việc cụ thể hóa các chỉ thị, nghị quyết của Đảng thành các chương trình, kế hoạch "
        "sát với tình hình thực tiễn của cơ quan, đơn vị, hay trong việc kiểm tra, đôn đốc "
        "thực hiện ở ngay tổ chức đảng của mình. Đặc biệt, qua công tác kiểm tra, giám sát đã"
        " giúp cho các TCCSĐ và đảng viên thấy rõ được những khuyết điểm, hạn chế còn tồn tại"
        " cần phải xây dựng kế hoạch khắc phục ngay sau khi được kiểm tra, giám sát theo "
        "thông báo, kết luận của Ban Thường vụ Huyện ủy."
    ),
    (
        "Với những kết quả đó, trong những năm qua, Huyện ủy Kon Plông luôn được Tỉnh ủy, Ban"
        " Tuyên giáo Tỉnh đánh giá cao, là địa phương đi đầu trong việc triển khai thực hiện "
        "công tác kiểm tra, giám sát các chỉ thị, nghị quyết của Đảng nói chung và các chỉ "
        "thị, nghị quyết của Đảng trong lĩnh vực tuyên giáo nói riêng. Báo cáo tham luận tại "
        "Hội nghị tổng kết công tác tuyên giáo toàn tỉnh Kon Tum năm 2016, đồng chí Trưởng "
        "Ban Tuyên giáo Huyện ủy đã trao đổi, chia sẽ một số kinh nghiệm để thực hiện hiệu "
        "quả công tác kiểm tra, giám sát:"
    ),
    (
        "Thứ nhất, các cấp ủy Đảng từ huyện đến cơ sở phải thường xuyên lãnh, chỉ đạo quán "
        "triệt nâng cao nhận thức về công tác kiểm tra, giám sát của Đảng đối với lĩnh vực "
        "tuyên giáo. Bởi công tác tuyên giáo là một trong những hoạt động quan trọng về công "
        "tác tư tưởng của Đảng, là động lực thúc đẩy sự nghiệp cách mạng của Đảng nhằm truyền"
        " bá chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh, đường lối, chủ trương, chính sách "
        "của Đảng và Nhà nước tới cán bộ, đảng viên và quần chúng Nhân dân tạo nên sự thống "
        "nhất và hành động trong Đảng, sự đồng thuận trong xã hội, cổ vũ quần chúng thực hiện"
        " thắng lợi mục tiêu kinh tế - xã hội của Đảng đã đề ra."
    ),
    (
        "Thứ hai, tăng cường công tác lãnh đạo, chỉ đạo và tổ chức thực hiện nhiệm vụ kiểm "
        "tra, giám sát của cấp ủy các cấp đối với việc triển khai thực hiện các chỉ thị, nghị"
        " quyết, các kết luận thuộc lĩnh vực tuyên giáo, đặc biệt cần đề cao trách nhiệm của "
        "người đứng đầu cấp ủy về công tác tuyên giáo. Công tác kiểm tra, giám sát phải được "
        "tiến hành một cách thường xuyên, toàn diện, công khai, dân chủ, thận trọng và chặt "
        "chẽ, đúng nguyên tắc, thực hiện đồng bộ công tác kiểm tra và công tác giám sát các "
        "chỉ thị, nghị quyết về công tác tuyên giáo theo đúng phương châm: “kiểm tra phải có "
        "trọng tâm, trọng điểm” và “giám sát phải mở rộng”. Mặt khác, phải coi trọng công tác"
        " kiểm tra, giám sát việc thực hiện các thông báo, kết luận của Ban Thường vụ Huyện "
        "ủy đối với các TCCSĐ sau khi được kiểm tra, giám sát nhằm lãnh, chỉ đạo khắc phục "
        "triệt để những khuyết điểm, yếu kém đã được chỉ ra."
    ),
    (
        "Thứ ba, thực hiện tốt mối quan hệ phối hợp trong công tác kiểm tra, giám sát việc "
        "thực hiện các chỉ thị, nghị quyết của Đảng thuộc lĩnh vực tuyên giáo. Xuất phát từ "
        "yêu cầu thực tiễn của công tác xây dựng Đảng hiện nay, nhiệm vụ kiểm tra, giám sát "
        "việc tổ chức triển khai thực hiện các chỉ thị, nghị quyết cũng như các kết luận của "
        "Đảng thuộc lĩnh vực tuyên giáo là rất quan trọng. Vì vậy, để hoàn thành tốt nhiệm "
        "vụ, không những phải phát huy tốt trách nhiệm của lực lượng chính là đội ngũ cán bộ "
        "tuyên giáo mà còn phải có sự phối hợp thường xuyên và đồng bộ của các ngành, các cấp"
        " trong công tác kiểm tra, giám sát."
    ),
    (
        "Thứ tư, đối với cơ quan chủ trì tham mưu tổ chức triển khai thực hiện công tác kiểm "
        "tra, giám sát cần phải chủ động nắm tình hình tổ chức triển khai thực hiện các chỉ "
        "thị, nghị quyết, các kết luận của Đảng ở các TCCSĐ, từ đó kịp thời tham mưu cho cấp "
        "ủy xây dựng chương trình, kế hoạch kiểm tra, giám sát ngay từ đầu năm; về nội dung "
        "kiểm tra, giám sát phải bám sát vào nhiệm vụ chính trị ngay từ đầu năm, cũng như "
        "những lĩnh vực nhạy cảm, những vấn đề bức xúc mà dư luận xã hội quan tâm."
    ),
    (
        "Thứ năm, trong quá trình tổ chức kiểm tra, giám sát cần bám và nắm chắc quy trình "
        "kiểm tra, giám sát của Ban Chấp hành Trung ương Đảng và Ban Chấp hành Đảng bộ tỉnh "
        "đã quy định, hướng dẫn để triển khai thực hiện."
    ),
]

# title, category slug, days from the seed's publication, featured, tags
MORE_ARTICLES = [
    (
        "Huyện ủy Kon Plông sơ kết công tác kiểm tra, giám sát 6 tháng đầu năm",
        "kiem-tra-giam-sat",
        18,
        True,
        ["Kon Plông", "kiểm tra, giám sát"],
    ),
    (
        "Giám sát việc thực hiện Chỉ thị 05 tại Đảng bộ xã Hiếu",
        "kiem-tra-giam-sat",
        9,
        False,
        ["kiểm tra, giám sát", "Chỉ thị 05"],
    ),
    (
        "Kiểm tra công tác tuyên giáo tại Chi bộ thôn Vi Glơng",
        "kiem-tra-giam-sat",
        5,
        False,
        ["kiểm tra, giám sát"],
    ),
    (
        "Ban Tuyên giáo Tỉnh ủy kiểm tra việc học tập nghị quyết ở cơ sở",
        "kiem-tra-giam-sat",
        3,
        False,
        ["nghị quyết"],
    ),
    (
        "Thông báo kết luận đợt giám sát tại Đảng bộ xã Đăk Long",
        "kiem-tra-giam-sat",
        1,
        False,
        ["kiểm tra, giám sát"],
    ),
    (
        "Giám sát việc thực hiện quy chế dân chủ ở cơ sở tại huyện Kon Rẫy",
        "kiem-tra-giam-sat",
        -2,
        False,
        ["kiểm tra, giám sát"],
    ),
    (
        "Kiểm tra việc triển khai Nghị quyết Trung ương 4 khóa XII",
        "kiem-tra-giam-sat",
        -6,
        False,
        ["nghị quyết"],
    ),
    (
        "Ủy ban Kiểm tra Huyện ủy Kon Plông triển khai nhiệm vụ năm 2017",
        "kiem-tra-giam-sat",
        -11,
        False,
        ["Kon Plông", "kiểm tra, giám sát"],
    ),
    (
        "Tập huấn nghiệp vụ kiểm tra, giám sát cho cán bộ cơ sở",
        "kiem-tra-giam-sat",
        -20,
        False,
        ["kiểm tra, giám sát"],
    ),
    (
        "Kết quả kiểm tra tổ chức đảng cấp dưới năm 2016",
        "kiem-tra-giam-sat",
        -35,
        False,
        ["kiểm tra, giám sát"],
    ),
    (
        "Hội nghị tổng kết công tác tuyên giáo toàn tỉnh Kon Tum năm 2016",
        "tin-trong-tinh",
        -150,
        True,
        ["công tác tuyên giáo"],
    ),
    (
        "Kon Tum triển khai học tập chuyên đề năm 2017 về tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "tin-trong-tinh",
        -40,
        True,
        ["học tập và làm theo Bác"],
    ),
    (
        "Đoàn công tác của Ban Tuyên giáo Trung ương làm việc tại Kon Tum",
        "tin-trong-tinh",
        12,
        False,
        ["công tác tuyên giáo"],
    ),
    (
        "Huyện Đăk Hà tổ chức Hội nghị báo cáo viên tháng 6",
        "tin-trong-tinh",
        2,
        False,
        ["báo cáo viên"],
    ),
    (
        "Hội nghị cán bộ toàn quốc nghiên cứu, học tập Nghị quyết Trung ương 5",
        "tin-trong-nuoc",
        30,
        False,
        ["nghị quyết"],
    ),
    (
        "Ban Tuyên giáo Trung ương giao ban công tác tuyên giáo 6 tháng đầu năm",
        "tin-trong-nuoc",
        25,
        False,
        ["công tác tuyên giáo"],
    ),
    (
        "Tuyên truyền kỷ niệm 70 năm Ngày Thương binh – Liệt sĩ",
        "tuyen-truyen",
        20,
        True,
        ["kỷ niệm"],
    ),
    (
        "Tuyên truyền phòng, chống tác hại của thuốc lá trong cộng đồng",
        "tuyen-truyen",
        -8,
        False,
        [],
    ),
    ("Đẩy mạnh tuyên truyền về biển, đảo Việt Nam", "tuyen-truyen", -25, False, []),
    (
        "Đề cương tuyên truyền kỷ niệm 72 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
        "de-cuong-tuyen-truyen",
        45,
        False,
        ["kỷ niệm", "đề cương"],
    ),
    (
        "Đề cương tuyên truyền kỷ niệm 127 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "de-cuong-tuyen-truyen",
        -25,
        False,
        ["kỷ niệm", "đề cương", "học tập và làm theo Bác"],
    ),
    ("Hội nghị báo cáo viên Tỉnh ủy tháng 6 năm 2017", "bao-cao-vien", 4, False, ["báo cáo viên"]),
    (
        "Bồi dưỡng nghiệp vụ cho đội ngũ báo cáo viên cơ sở",
        "bao-cao-vien",
        -14,
        False,
        ["báo cáo viên"],
    ),
    (
        "Thông tin thời sự dành cho báo cáo viên tháng 5 năm 2017",
        "bao-cao-vien",
        -30,
        False,
        ["báo cáo viên"],
    ),
    (
        "Phát huy giá trị văn hóa cồng chiêng Tây Nguyên ở Kon Plông",
        "van-hoa-xa-hoi",
        15,
        False,
        ["Kon Plông", "văn hóa"],
    ),
    (
        "Xây dựng nông thôn mới gắn với giữ gìn bản sắc văn hóa dân tộc",
        "van-hoa-xa-hoi",
        7,
        False,
        ["văn hóa"],
    ),
    ("Lễ hội mừng lúa mới của đồng bào Xơ Đăng", "van-hoa-xa-hoi", -4, False, ["văn hóa"]),
    (
        "Kon Plông phát triển du lịch sinh thái Măng Đen",
        "van-hoa-xa-hoi",
        -16,
        False,
        ["Kon Plông"],
    ),
    (
        "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
        "van-hoa-xa-hoi",
        -45,
        False,
        ["văn hóa"],
    ),
    (
        "Nâng cao chất lượng sinh hoạt chi bộ ở vùng đồng bào dân tộc thiểu số",
        "tin-trong-tinh",
        -60,
        False,
        ["nghị quyết"],
    ),
]

# An article of the old site: it answers at /Bao-cao-vien/<alias>-<id>.html too.
LEGACY_ARTICLE = (
    "Hội nghị báo cáo viên Tỉnh ủy tháng 6 năm 2017",
    2045,
    "Hoi-nghi-bao-cao-vien-Tinh-uy-thang-6-nam-2017",
)


def _paragraphs(*texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def load_categories():
    categories = {}
    for slug, name, legacy_alias, order, parent in CATEGORIES:
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "legacy_alias": legacy_alias,
                "order": order,
                "parent": categories[parent] if parent else None,
                "show_in_menu": True,
            },
        )
    return categories


def load_menu(categories):
    """Menu entries of the categories shown in the menu, between home and photos."""
    items = {}
    for category in categories.values():
        if not category.show_in_menu:
            continue
        parent = items.get(category.parent.slug) if category.parent_id else None
        if category.parent_id and parent is None:
            continue  # a child of a category kept out of the menu
        items[category.slug], _ = MenuItem.objects.update_or_create(
            url=category.get_absolute_url(),
            defaults={"title": category.name, "order": category.order, "parent": parent},
        )


def _tags(names):
    return [Tag.objects.get_or_create(name=name)[0] for name in names]


def load_seed_article(categories):
    """The article of the seed page, as the seed shows it."""
    if Article.objects.filter(slug=SEED_SLUG).exists():
        return
    article = Article(
        title=SEED_TITLE,
        slug=SEED_SLUG,
        category=categories["kiem-tra-giam-sat"],
        summary=SEED_SUMMARY,
        body=_paragraphs(*SEED_BODY),
        cover_caption=SEED_CAPTION,
        byline=SEED_BYLINE,
        status=Article.Status.PUBLISHED,
        published_at=SEED_PUBLISHED_AT,
        is_featured=True,
    )
    article.cover_image.save(
        "ngoc-tem.png",
        placeholder_image("Đoàn giám sát tại xã Ngọc Tem", (800, 533), (122, 44, 30), 12),
        save=False,
    )
    article.save()
    article.tags.add(*_tags(["Kon Plông", "kiểm tra, giám sát", "công tác tuyên giáo"]))
    article.extra_categories.add(categories["tin-trong-tinh"])
    Article.objects.filter(pk=article.pk).update(view_count=1287)


def load_more_articles(categories):
    for index, (title, category, days, featured, tag_names) in enumerate(MORE_ARTICLES):
        if Article.objects.filter(title=title).exists():
            continue
        legacy = LEGACY_ARTICLE if title == LEGACY_ARTICLE[0] else None
        article = Article(
            title=title,
            category=categories[category],
            summary=f"{title}: những nội dung chính và kết quả bước đầu.",
            body=_paragraphs(
                f"{title}. Bài viết giới thiệu các nội dung chính, cách làm và kết quả bước đầu "
                "của các cấp ủy, tổ chức đảng trên địa bàn.",
                "Thời gian tới, các cơ quan tham mưu tiếp tục theo dõi, đôn đốc việc thực "
                "hiện và kịp thời báo cáo cấp ủy những vấn đề phát sinh.",
            ),
            byline="Ban Tuyên giáo",
            source="Ban Tuyên giáo Tỉnh ủy Kon Tum" if index % 3 == 0 else "",
            status=Article.Status.PUBLISHED,
            # Hours apart too, so no two articles share a time and the order is stable.
            published_at=SEED_PUBLISHED_AT + datetime.timedelta(days=days, hours=-(index % 9)),
            is_featured=featured,
            legacy_id=legacy[1] if legacy else None,
            legacy_alias=legacy[2] if legacy else "",
        )
        if featured:
            colour = (30 + index * 7 % 90, 60, 120)
            article.cover_image.save(
                "tin.png", placeholder_image(title[:26], (800, 533), colour, index), save=False
            )
            article.cover_caption = f"Ảnh minh họa: {title}"
        article.save()
        article.tags.add(*_tags(tag_names))
        Article.objects.filter(pk=article.pk).update(view_count=(index * 37) % 400 + 15)


def load_draft(categories):
    """A draft, to show staff the preview readers do not get."""
    title = "Bản nháp: Kế hoạch kiểm tra, giám sát quý III năm 2017"
    if not Article.objects.filter(title=title).exists():
        Article.objects.create(
            title=title,
            category=categories["kiem-tra-giam-sat"],
            summary="Dự thảo kế hoạch, chưa đăng.",
            body=_paragraphs("Nội dung dự thảo đang được biên tập."),
            status=Article.Status.DRAFT,
            published_at=SEED_PUBLISHED_AT + datetime.timedelta(days=60),
        )


@transaction.atomic
def load():
    """Load the demo news; safe to run again. Returns no logins."""
    categories = load_categories()
    load_menu(categories)
    load_seed_article(categories)
    load_more_articles(categories)
    load_draft(categories)
    return []
