import pytest

from documents.models import Document
from tests.documents.factories import DocumentFactory, DocumentKindFactory


@pytest.mark.django_db
def test_words_stuck_to_punctuation_are_found_alone():
    kind = DocumentKindFactory(name="Hướng dẫn", abbreviation="HD")
    DocumentFactory(
        kind=kind,
        number="04",
        summary="tuyên truyền (kèm đề cương) kỷ niệm 135 năm; nhiệm vụ quí II-2021",
    )
    found = Document.objects.filter(search_text__contains=" kem ")
    assert found.count() == 1
    words = found.get().search_text.split()
    assert {"kem", "de", "cuong", "2021", "ii", "hd", "04"} <= set(words)
