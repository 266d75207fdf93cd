"""Vietnamese political-news text for the benchmark's data: sentences, titles, names, tags.

Built from the words such boards' sites use ("nghị quyết", "trung ương", "kiểm tra",
"giám sát", "đảng bộ", "tuyên truyền"…), so that searching for a real word finds what it
would find on a real archive: some words in most articles, others in few. Everything comes
from the random.Random given, so a seed gives the same text every time.
"""

from html import escape

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai", "Tạ", "A", "Y",
]  # fmt: skip
MIDDLE_NAMES = [
    "Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Xuân", "Công", "Thu",
    "Kim", "Hồng", "Anh", "Đình", "Quang", "Bảo",
]  # fmt: skip
GIVEN_NAMES = [
    "Hải", "Bình", "Thắng", "Hạnh", "Tuấn", "Hùng", "Lan", "Hương", "Dũng", "Nam", "Sơn",
    "Thủy", "Long", "Phúc", "Hòa", "Huy", "Khánh", "Linh", "Mai", "Nga", "Phương", "Quân",
    "Tâm", "Thảo", "Trung", "Vinh", "Yến", "Đông", "Cường", "Hiếu", "Lộc", "Nhung", "Tùng",
]  # fmt: skip
POSITIONS = [
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Phó Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
    "Bí thư Huyện ủy",
    "Phó Bí thư Thường trực Huyện ủy",
    "Trưởng Ban Dân vận Huyện ủy",
    "Bí thư Đảng ủy xã",
    "Chủ tịch Ủy ban nhân dân huyện",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
]

# Syllables of the place names of the Central Highlands and beyond.
PLACE_FIRST = [
    "Đắk", "Măng", "Ngọc", "Kon", "Ia", "Pờ", "Tân", "Hòa", "Bình", "Phú", "Đăk", "Sa",
    "Vinh", "Thạnh", "Tân", "Quảng", "Xuân", "Yên", "Hiếu", "Chư", "Ea", "Krông", "Diên",
    "Long", "An", "Phước", "Mỹ", "Trung", "Đông", "Nam",
]  # fmt: skip
PLACE_SECOND = [
    "Tem", "Long", "Hà", "Rẫy", "Plông", "Tô", "Glei", "Hring", "Cành", "Bút", "Ring", "Nên",
    "Tăng", "Ê", "Thầy", "Sơn", "Bình", "Lợi", "Thịnh", "Hưng", "Phú", "Hòa", "Lộc", "Xuyên",
    "Khánh", "Mơ Rông", "Pxi", "Kôi", "Hlây", "Choong", "Trăng", "Linh", "Điek", "Vi", "Ngok",
]  # fmt: skip

SUBJECTS = [
    "Ban Thường vụ Tỉnh ủy",
    "Ban Chấp hành Đảng bộ tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Thường trực Huyện ủy",
    "Ban Thường vụ Huyện ủy",
    "Đảng ủy xã",
    "các cấp ủy, tổ chức đảng",
    "cán bộ, đảng viên",
    "đội ngũ báo cáo viên",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "các đoàn thể chính trị – xã hội",
    "Hội đồng nhân dân tỉnh",
    "Ủy ban nhân dân huyện",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Cựu chiến binh",
    "Hội Nông dân tỉnh",
    "các chi bộ trực thuộc",
    "Đảng bộ huyện",
    "Ban Dân vận Huyện ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Huyện ủy",
    "Đảng bộ Khối các cơ quan tỉnh",
    "Đảng bộ Quân sự tỉnh",
    "Đảng bộ Công an tỉnh",
    "các sở, ban, ngành",
    "đoàn công tác của Ban Tuyên giáo Trung ương",
    "đoàn giám sát",
    "đoàn kiểm tra",
]
VERBS = [
    "đã tổ chức",
    "tiếp tục triển khai",
    "quán triệt",
    "lãnh đạo, chỉ đạo",
    "tăng cường",
    "đẩy mạnh",
    "thực hiện nghiêm",
    "kiểm tra, giám sát việc thực hiện",
    "tổng kết",
    "sơ kết",
    "ban hành kế hoạch thực hiện",
    "cụ thể hóa",
    "tuyên truyền sâu rộng",
    "nâng cao chất lượng",
    "đổi mới phương thức",
    "phát huy hiệu quả",
    "đánh giá kết quả",
    "chủ động tham mưu",
    "chỉ đạo quyết liệt",
    "học tập, quán triệt",
    "rà soát, bổ sung",
    "tập trung thực hiện",
]
OBJECTS = [
    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    "Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng",
    "Nghị quyết số 35-NQ/TW về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
    "Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Kết luận số 01-KL/TW của Bộ Chính trị",
    "các chỉ thị, nghị quyết, kết luận của Trung ương",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "công tác tuyên truyền, giáo dục chính trị tư tưởng",
    "việc xây dựng hệ thống chính trị trong sạch, vững mạnh",
    "công tác phát triển đảng viên",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "quy chế dân chủ ở cơ sở",
    "công tác dân vận của hệ thống chính trị",
    "công tác cải cách hành chính",
    "nhiệm vụ phát triển kinh tế – xã hội",
    "công tác phòng, chống tham nhũng, lãng phí",
    "công tác đấu tranh phản bác các quan điểm sai trái, thù địch",
    "phong trào thi đua yêu nước",
    "công tác cán bộ và bảo vệ chính trị nội bộ",
    "việc nâng cao chất lượng sinh hoạt chi bộ",
    "công tác giảm nghèo bền vững",
    "nhiệm vụ quốc phòng, an ninh",
    "công tác nắm bắt dư luận xã hội",
    "đề cương tuyên truyền kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam",
    "công tác báo chí, xuất bản",
    "hoạt động của đội ngũ báo cáo viên, tuyên truyền viên",
    "công tác lý luận chính trị",
    "công tác khoa giáo",
    "việc giữ gìn và phát huy bản sắc văn hóa các dân tộc",
    "chương trình chuyển đổi số",
    "công tác bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp",
    "việc chuẩn bị đại hội đảng bộ các cấp",
    "công tác thông tin đối ngoại",
    "phong trào toàn dân đoàn kết xây dựng đời sống văn hóa",
]
PLACES = [
    "trên địa bàn tỉnh",
    "tại các xã vùng sâu, vùng xa",
    "ở cơ sở",
    "trong toàn Đảng bộ",
    "tại huyện Kon Plông",
    "ở các chi bộ thôn, làng",
    "trong đồng bào các dân tộc thiểu số",
    "tại thành phố Kon Tum",
    "trong các cơ quan, đơn vị",
    "ở các trường học",
    "tại huyện Đăk Hà",
    "tại huyện Sa Thầy",
    "ở khu dân cư",
    "trong lực lượng vũ trang",
]
TIMES = [
    "trong thời gian qua",
    "năm {year}",
    "6 tháng đầu năm {year}",
    "nhiệm kỳ 2020 – 2025",
    "giai đoạn 2016 – 2020",
    "quý I năm {year}",
    "trong những năm gần đây",
    "từ đầu năm đến nay",
    "trong tháng {month}",
    "năm {year} và những năm tiếp theo",
]
RESULTS = [
    "đạt nhiều kết quả quan trọng",
    "góp phần nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng",
    "tạo sự thống nhất cao trong nhận thức và hành động",
    "củng cố niềm tin của nhân dân đối với Đảng",
    "góp phần hoàn thành thắng lợi các mục tiêu đề ra",
    "tạo chuyển biến tích cực trong nhận thức của cán bộ, đảng viên",
    "được cán bộ, đảng viên và nhân dân đồng tình, hưởng ứng",
    "bảo đảm đúng quy trình, nguyên tắc",
    "kịp thời phát hiện, uốn nắn những hạn chế",
    "góp phần giữ vững ổn định chính trị, trật tự an toàn xã hội",
]
CONNECTORS = [
    "Bên cạnh đó,", "Đồng thời,", "Qua đó,", "Theo đó,", "Nhờ vậy,", "Thời gian tới,",
    "Cùng với đó,", "Nhìn chung,", "Đặc biệt,", "Ngoài ra,", "Trên cơ sở đó,",
]  # fmt: skip
SHORTCOMINGS = [
    "vẫn còn một số hạn chế nhất định",
    "ở một số nơi chất lượng chưa cao",
    "có lúc chưa kịp thời",
    "chưa được thực hiện thường xuyên",
    "sự phối hợp giữa các ngành chưa đồng bộ",
    "kinh nghiệm trong công tác này chưa nhiều",
]
UNITS = [
    "tổ chức cơ sở đảng", "chi bộ", "đảng viên", "lượt cán bộ", "buổi tuyên truyền",
    "hội nghị", "cuộc kiểm tra", "cuộc giám sát", "tin, bài", "báo cáo viên",
]  # fmt: skip
EVENTS = [
    "Hội nghị học tập, quán triệt",
    "Hội nghị sơ kết",
    "Hội nghị tổng kết",
    "Hội nghị báo cáo viên",
    "Lớp bồi dưỡng",
    "Tọa đàm về",
    "Hội thảo khoa học về",
    "Giao ban công tác",
]
COMMENT_OPENINGS = [
    "Bài viết rất thiết thực.",
    "Cảm ơn Ban Tuyên giáo đã thông tin kịp thời.",
    "Tôi hoàn toàn đồng tình với nội dung bài viết.",
    "Đề nghị trang cập nhật thêm văn bản hướng dẫn.",
    "Thông tin bổ ích cho cán bộ cơ sở.",
    "Mong các cấp ủy tiếp tục quan tâm.",
    "Bài viết phản ánh đúng thực tế ở địa phương.",
]
IMAGE_CAPTIONS = [
    "Quang cảnh hội nghị",
    "Đồng chí {name} phát biểu chỉ đạo",
    "Đoàn công tác làm việc tại {place}",
    "Các đại biểu tham dự hội nghị",
    "Lãnh đạo tỉnh trao giấy khen cho các tập thể",
    "Cán bộ, đảng viên {place} học tập nghị quyết",
]
TOPIC_TAGS = [
    "kiểm tra, giám sát", "tuyên truyền", "xây dựng Đảng", "nông thôn mới", "chuyển đổi số",
    "học tập và làm theo Bác", "báo cáo viên", "công tác tuyên giáo", "dân vận", "văn hóa",
    "giảm nghèo", "quốc phòng, an ninh", "phòng, chống tham nhũng", "cải cách hành chính",
    "bầu cử", "đại hội đảng", "lý luận chính trị", "khoa giáo", "báo chí", "dư luận xã hội",
    "đồng bào dân tộc thiểu số", "thanh niên", "phụ nữ", "cựu chiến binh", "nông dân",
    "giáo dục", "y tế", "du lịch", "biển, đảo", "kỷ niệm", "đề cương", "sinh hoạt chi bộ",
    "phát triển đảng viên", "bảo vệ nền tảng tư tưởng", "thi đua khen thưởng",
    "Kon Plông", "Kon Tum", "Măng Đen", "Ngọc Linh", "Tây Nguyên",
]  # fmt: skip
ROMAN = ["IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def place_name(rng):
    return f"{rng.choice(PLACE_FIRST)} {rng.choice(PLACE_SECOND)}"


def fill(text, rng, year):
    if "{" in text:
        return text.format(year=year, month=rng.randint(1, 12))
    return text


def sentence(rng, year):
    """One sentence of a news report, 60–250 characters."""
    kind = rng.random()
    subject = rng.choice(SUBJECTS)
    verb = rng.choice(VERBS)
    obj = rng.choice(OBJECTS)
    if kind < 0.25:
        text = f"{subject} {verb} {obj} {rng.choice(PLACES)} {fill(rng.choice(TIMES), rng, year)}"
    elif kind < 0.5:
        text = f"{rng.choice(CONNECTORS)} {subject} {verb} {obj}, {rng.choice(RESULTS)}"
    elif kind < 0.65:
        time = fill(rng.choice(TIMES), rng, year)
        text = (
            f"{time[0].upper()}{time[1:]}, {subject} {verb} {obj} {rng.choice(PLACES)}, "
            f"{rng.choice(RESULTS)}"
        )
    elif kind < 0.75:
        text = f"{rng.choice(CONNECTORS)} {obj} {rng.choice(PLACES)} {rng.choice(SHORTCOMINGS)}"
    elif kind < 0.87:
        text = (
            f"Đồng chí {person(rng)}, {rng.choice(POSITIONS)}, nhấn mạnh: “{subject} cần "
            f"{verb} {obj}, {rng.choice(RESULTS)}”"
        )
    else:
        text = (
            f"Kết quả, có {rng.randint(3, 2500)} {rng.choice(UNITS)} {rng.choice(PLACES)} "
            f"tham gia {obj}"
        )
    return text[0].upper() + text[1:] + "."


def paragraph(rng, year, sentences=(2, 5)):
    return " ".join(sentence(rng, year) for _ in range(rng.randint(*sentences)))


def title(rng, year):
    """An article's title, 40–160 characters."""
    kind = rng.random()
    if kind < 0.3:
        text = f"{rng.choice(EVENTS)} {rng.choice(OBJECTS)}"
    elif kind < 0.55:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    elif kind < 0.75:
        text = f"{place_name(rng)}: {rng.choice(RESULTS)}"
    elif kind < 0.9:
        text = f"Kiểm tra, giám sát việc thực hiện {rng.choice(OBJECTS)} tại xã {place_name(rng)}"
    else:
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {fill(rng.choice(TIMES), rng, year)}"
    text = text[0].upper() + text[1:]
    if len(text) > 200:
        text = text[:200].rsplit(" ", 1)[0]
    return text


def figure(rng, image, year):
    """<figure> of a photo in the body, as CKEditor's image2 writes it."""
    caption = rng.choice(IMAGE_CAPTIONS).format(name=person(rng), place=f"xã {place_name(rng)}")
    return (
        f'<figure class="image"><img src="{escape(image["url"])}" alt="{escape(caption)}" '
        f'width="{image["width"]}" height="{image["height"]}">'
        f"<figcaption>{escape(caption)} (Ảnh: {escape(person(rng))})</figcaption></figure>"
    )


def body_plan(rng, year, images, size, lengths):
    """What an article body of about `size` bytes holds, in order: ("p", [indices of
    sentences of the year, of the byte lengths given]), ("h3", heading) or ("figure", html):
    paragraphs, a heading or two, one to three photos."""
    blocks, length = [], 0
    photos = rng.randint(1, 3) if images else 0
    while length < size:
        if blocks and rng.random() < 0.08:
            heading = rng.choice(OBJECTS)
            blocks.append(("h3", heading[0].upper() + heading[1:]))
            length += len(heading) + 12
        elif photos and (len(blocks) == 1 or rng.random() < 0.12):
            html = figure(rng, rng.choice(images), year)
            blocks.append(("figure", html))
            length += len(html.encode("utf-8"))
            photos -= 1
        else:
            chosen = [rng.randrange(len(lengths)) for _ in range(rng.randint(2, 5))]
            blocks.append(("p", chosen))
            length += sum(lengths[i] + 1 for i in chosen) + 9
    return blocks


def comment(rng, year):
    text = rng.choice(COMMENT_OPENINGS)
    if rng.random() < 0.6:
        text += " " + sentence(rng, year)
    return text


def tag_names(rng, count):
    """`count` distinct tag names: topics, resolutions, congresses, places."""
    names = list(dict.fromkeys(TOPIC_TAGS))
    seen = {name.lower() for name in names}
    makers = [
        lambda: f"Nghị quyết {rng.randint(1, 60)}-NQ/TW",
        lambda: f"Chỉ thị {rng.randint(1, 60):02d}-CT/TW",
        lambda: f"Kết luận {rng.randint(1, 200)}-KL/TW",
        lambda: f"Nghị quyết Trung ương {rng.randint(2, 15)} khóa {rng.choice(ROMAN)}",
        lambda: f"Đại hội Đảng bộ xã {place_name(rng)}",
        lambda: f"xã {place_name(rng)}",
        lambda: f"huyện {place_name(rng)}",
        lambda: f"năm {rng.randint(2005, 2026)}",
        lambda: f"{rng.choice(TOPIC_TAGS)} {rng.randint(2005, 2026)}",
    ]
    while len(names) < count:
        name = rng.choice(makers)()
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names[:count]
