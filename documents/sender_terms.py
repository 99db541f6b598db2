"""Pure rules about incoming documents: no database, table-tested."""

from .models import Category, SenderType

# Senders whose name is public anyway: the public list shows their name.
PUBLIC_SENDERS = (
    SenderType.ORGANISATION,
    SenderType.COLLEGE,
    SenderType.OFFICE_HOLDER,
    SenderType.CIVIL_SERVANT,
    SenderType.FRACTIE,
    SenderType.GOVERNMENT,
)

# Neutral terms for private persons (gedragscode art. 3c and 4).
CITIZEN_TERMS: dict[str, str] = {
    Category.LETTER: "inwoner",
    Category.PETITION: "indiener petitie",
    Category.SPEAKER: "inspreker",
    Category.VIEW: "indiener zienswijze",
    Category.OBJECTION: "bezwaarmaker",
    Category.CITIZENS_INITIATIVE: "initiatiefnemer",
    Category.APPOINTMENT: "benoemde",
    Category.COLLEGE_ANSWER: "aanvrager",
    Category.ACTIVITY: "organisator",
}
SENDER_TYPE_TERMS: dict[str, str] = {
    SenderType.ORGANISATION: "organisatie",
    SenderType.COLLEGE: "college van B&W",
    SenderType.OFFICE_HOLDER: "ambtsdrager",
    SenderType.CIVIL_SERVANT: "ambtenaar",
    SenderType.FRACTIE: "fractie",
    SenderType.GOVERNMENT: "overheidsorgaan",
}


def default_public_sender_term(category: str, sender_type: str, sender_name: str = "") -> str:
    """How the public list names the sender: never a citizen's name."""
    if sender_type == SenderType.CITIZEN:
        return CITIZEN_TERMS.get(category, "belanghebbende")
    if sender_name:
        return sender_name
    return SENDER_TYPE_TERMS.get(sender_type, "afzender")
