# Django's own "vi" locale has no input formats; Vietnamese write day/month/year.
DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '05/03/2025'
    "%d/%m/%y",  # '05/03/25'
    "%d-%m-%Y",  # '05-03-2025'
    "%d.%m.%Y",  # '05.03.2025'
    "%Y-%m-%d",  # '2025-03-05' (HTML date inputs)
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H giờ %M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
# Numbers are grouped the Vietnamese way everywhere: 9.927.613.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
