"""What the records' models share: limits, dates, private files."""

from django.db import models

from portal.files.storage import private_storage

MAX_PERIOD_YEARS = 5
DUE_SOON_DAYS = 7
UPLOAD_TO = "inspections/%Y/%m/"


def add_years(day, years):
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _vn(day):
    return day.strftime("%d/%m/%Y")


def private_file(label):
    """A file of the records: in the private storage, sent only by the checked download."""
    return models.FileField(
        label, storage=private_storage, upload_to=UPLOAD_TO, blank=True, max_length=255
    )
