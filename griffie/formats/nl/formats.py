"""One way to write a date on every screen: the Dutch long date, "29 september 2026", and
with a time "29 september 2026, 14:05".
Templates use ``|date:"DATE_FORMAT"`` / ``|date:"DATETIME_FORMAT"``, Python code
``django.utils.formats.date_format``; meeting pages add the weekday in front. Machine
formats (``c``, ``Y-m-d`` in sitemaps and CSV) are not for people and stay as they are."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
