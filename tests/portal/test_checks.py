"""The portal's system checks: private files never share a folder with /media/ or /static/."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from portal.checks import private_media_apart


def _ids(tmp_path, media, static, private):
    with override_settings(
        MEDIA_ROOT=tmp_path / media,
        STATIC_ROOT=tmp_path / static,
        PRIVATE_MEDIA_ROOT=tmp_path / private,
    ):
        return [error.id for error in private_media_apart(None)]


@pytest.mark.parametrize(
    ("media", "static", "private"),
    [
        ("var/media", "var/static", "var/media"),  # the same folder
        ("var/media", "var/static", "var/media/private"),  # inside the media
        ("var/media", "var/static", "var/static/private"),  # inside the static files
        ("var/private/media", "var/static", "var/private"),  # the media inside it
        ("var/media", "var/static", "var/media/../media/x"),  # the same, spelled otherwise
    ],
)
def test_overlapping_private_and_public_folders_are_an_error(tmp_path, media, static, private):
    assert _ids(tmp_path, media, static, private) == ["portal.E001"]


@pytest.mark.parametrize("private", ["var/private", "var/media-private", "private"])
def test_separate_folders_pass(tmp_path, private):
    assert _ids(tmp_path, "var/media", "var/static", private) == []


def test_the_check_stops_manage_py_check(tmp_path):
    overlapping = override_settings(MEDIA_ROOT=tmp_path, PRIVATE_MEDIA_ROOT=tmp_path / "private")
    with overlapping, pytest.raises(SystemCheckError, match="portal.E001"):
        call_command("check")


def test_the_project_settings_pass():
    # The settings as the project gives them (the tests' own folders are apart too).
    assert private_media_apart(None) == []
