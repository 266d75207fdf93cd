"""User factories shared by the tests of every app.

UserFactory()                                   # a member, password PASSWORD
UserFactory(groups=[settings.REPORTERS_GROUP])  # in a group, by name or Group
StaffFactory(groups=[settings.EDITORS_GROUP])   # may enter the admin
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "Tuyen-giao-2025!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    last_name = "Nguyễn Văn"
    first_name = factory.Iterator(["An", "Bình", "Cường", "Dũng", "Hà", "Lan"])
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """Put the user in the groups given (names or Group objects), creating them if needed.

        Transactional tests flush the groups the data migration made, hence get_or_create.
        """
        if not create or not extracted:
            return
        for group in extracted:
            if isinstance(group, str):
                group, _created = Group.objects.get_or_create(name=group)
            self.groups.add(group)


class StaffFactory(UserFactory):
    is_staff = True
