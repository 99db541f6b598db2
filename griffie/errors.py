"""Errors the apps show to the griffie as they are."""


class ReasonError(Exception):
    """Something could not be done; ``reason`` says why, in Dutch, for the griffie."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
