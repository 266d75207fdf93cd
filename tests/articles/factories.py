import datetime

import factory
from django.utils import timezone

from articles.models import Article, Category, Comment, Tag


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Thẻ {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, live since a minute ago."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tin số {n} về công tác tuyên giáo")
    category = factory.SubFactory(CategoryFactory)
    summary = "Tóm tắt bài viết."
    body = "<p>Nội dung bài viết.</p>"
    byline = "Bài và ảnh: Ngô Đức Hải"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = "Nguyễn Văn An"
    email = "an@example.com"
    body = "Bài viết rất bổ ích."
