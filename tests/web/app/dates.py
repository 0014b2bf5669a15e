"""The due date as GOV.UK's date input posts it: day, month and year in their own fields."""


def due(typed: str) -> dict[str, str]:
    """`31/01/2019` as the three fields of the round's due date."""
    day, month, year = typed.split("/")
    return {"due_day": day, "due_month": month, "due_year": year}
