from tests.support.command_line import cli_for

__all__ = ["cli_for"]
