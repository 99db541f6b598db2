"""The roles of the application, as Django groups. The public is anonymous and has none."""

GRIFFIE = "griffie"
RAADSLID = "raadslid"
COMMISSIELID = "commissielid"
COLLEGE = "college"

ROLE_GROUPS = (GRIFFIE, RAADSLID, COMMISSIELID, COLLEGE)


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=role).exists()


def is_griffie(user) -> bool:
    return has_role(user, GRIFFIE)
