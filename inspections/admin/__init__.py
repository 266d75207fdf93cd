"""Admin of the inspections: organizations, plans, campaigns with their steps, findings,
notices and remediation.

A campaign's status is never typed: it moves through the "Chuyển bước" page or the admin
action, both of which call services.campaign_advance (illegal moves get a message).
"""

# Django autodiscovers inspections.admin: importing the modules registers their admins.
from . import campaigns, organizations, plans, remediation, targets  # noqa: F401
