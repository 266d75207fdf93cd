"""Visit statistics (to be completed)."""


def snapshot(now=None):
    return {"online": 0, "bots": 0, "guests": 0, "members": 0, "today": 0, "month": 0, "total": 0}
