"""Pages of the inspection records: dashboard, lists, campaign, exports, files, public summary.

Every page but the public summary needs the right to read the records (access.readers_only);
moves are POSTs made through inspections.services, which judge them again on the locked row.
One module a family of pages; inspections.urls imports each view from its module.
"""
