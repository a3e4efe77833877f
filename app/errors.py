"""Domain errors raised by services and shown to the person as a clear message."""


class DomainError(Exception):
    """A rule refused the action. `message` is user-facing (a lazy translated string)."""

    status_code = 400
    code = "invalid"

    def __init__(self, message, *, field: str | None = None, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code


class PermissionDenied(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
