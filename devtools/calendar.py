"""The Dutch calendar the demo council keeps: public holidays and the council's recesses.
No meeting, information evening or post on those days (issue 17: an information evening on
25 December)."""

import datetime as dt


def easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(year: int) -> set[dt.date]:
    """Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag, Hemelvaart,
    Pinksteren and Kerst."""
    sunday = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kings_day -= dt.timedelta(days=1)
    return {
        dt.date(year, 1, 1),
        sunday - dt.timedelta(days=2),
        sunday,
        sunday + dt.timedelta(days=1),
        kings_day,
        dt.date(year, 5, 5),
        sunday + dt.timedelta(days=39),
        sunday + dt.timedelta(days=49),
        sunday + dt.timedelta(days=50),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)


def in_recess(day: dt.date) -> bool:
    """The council's recesses: Christmas to the first week of January, and the summer."""
    christmas = (day.month == 12 and day.day >= 19) or (day.month == 1 and day.day <= 5)
    summer = (day.month == 7 and day.day >= 11) or day.month == 8
    return christmas or summer


def is_council_day(day: dt.date) -> bool:
    """A day the council meets or holds an evening: Monday to Thursday, no holiday, no
    recess."""
    return day.weekday() < 4 and not is_public_holiday(day) and not in_recess(day)


def next_council_day(day: dt.date) -> dt.date:
    """``day`` or the first council day after it (forward only, so what is upcoming stays
    upcoming)."""
    while not is_council_day(day):
        day += dt.timedelta(days=1)
    return day
