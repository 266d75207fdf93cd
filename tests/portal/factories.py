import datetime

import factory
from django.utils import timezone

from portal.demo import placeholder_image
from portal.models import Banner, MenuItem, Photo, PhotoAlbum, SiteProfile


def png(text="ảnh", size=(120, 80), colour=(200, 16, 46)):
    return placeholder_image(text, size, colour)


class SiteProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteProfile
        django_get_or_create = ["id"]

    id = 1
    board_name = "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum"
    short_name = "Ban Tuyên giáo Tỉnh ủy Kon Tum"
    governing_body = "Ban Tuyên giáo Tỉnh ủy Kon Tum"
    governing_body_address = "số 236 Bà Triệu, Tp Kon Tum, tỉnh Kon Tum"
    responsible_person = "Ông Huỳnh Quốc Huy, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy"
    licence_number = "01/GP-TTĐT"
    licence_date = datetime.date(2020, 8, 28)
    phone = "0260.3862301"
    fax = "0260. 3865464"
    email = "bantuyengiaotinhuykt@gmail.com"
    reuse_notice = "Ghi rõ nguồn tuyengiaokontum.org.vn khi sử dụng lại thông tin từ website này"


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    title = factory.Sequence(lambda n: f"Mục {n}")
    url = factory.Sequence(lambda n: f"/muc-{n}/")
    order = factory.Sequence(int)


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner

    title = factory.Sequence(lambda n: f"banner {n}")
    link = factory.Sequence(lambda n: f"https://example.org/{n}")
    image = factory.LazyFunction(lambda: png("banner"))
    position = Banner.Position.SIDEBAR


class PhotoAlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhotoAlbum

    title = factory.Sequence(lambda n: f"Hoạt động số {n}")
    slug = factory.Sequence(lambda n: f"hoat-dong-{n}")
    event_date = factory.LazyFunction(timezone.localdate)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    album = factory.SubFactory(PhotoAlbumFactory)
    caption = factory.Sequence(lambda n: f"Ảnh hoạt động {n}")
    image = factory.LazyFunction(lambda: png("ảnh", (640, 480)))
