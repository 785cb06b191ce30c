"""The one error every reader raises."""


class ReadError(Exception):
    """A document that cannot be read; the message is a one-line reason."""
