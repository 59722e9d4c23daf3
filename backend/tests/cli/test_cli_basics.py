"""The command's contract with scripts: help everywhere, exit codes, errors as plain sentences on
stderr (never a traceback), nothing but the result on stdout."""

import uuid

from tests.support.builders import create_application, create_round
from tests.support.command_line import command_env, run_command

COMMANDS = [
    "serve", "migrate", "worker", "login", "logout", "applications", "rounds", "plan", "follow-ups",
    "export", "import", "import-posting", "import-invite", "mcp",
]  # fmt: skip


def test_help_lists_every_command_and_the_exit_codes(tmp_path):
    done = run_command(["--help"], command_env(tmp_path))
    assert done.code == 0, done
    for name in COMMANDS:
        assert f" {name} " in done.stdout, name
    assert "4 not signed in" in " ".join(done.stdout.split())


def test_every_command_has_its_own_help(tmp_path):
    for name in COMMANDS:
        done = run_command([name, "--help"], command_env(tmp_path))
        assert done.code == 0, (name, done)
        assert f"Usage: secondround {name}" in done.stdout, name
        client_command = name not in {"serve", "migrate", "worker", "mcp", "logout"}
        if client_command and name != "login":
            assert "--json" in done.stdout, name


def test_no_arguments_shows_the_help_and_a_wrong_one_is_a_usage_error(tmp_path):
    assert "Usage: secondround" in run_command([], command_env(tmp_path)).stdout
    done = run_command(["plan", "not-a-uuid"], command_env(tmp_path))
    assert done.code == 2, done
    assert "not a valid UUID" in done.stderr
    assert done.stdout == ""
    assert run_command(["no-such-command"], command_env(tmp_path)).code == 2


def test_without_a_key_it_says_to_sign_in_and_exits_4(cli_for):
    cli = cli_for(None)
    for args in (["applications"], ["plan", str(uuid.uuid4())], ["follow-ups", "--json"], ["mcp"]):
        done = cli(*args)
        assert done.code == 4, (args, done)
        assert "You are not signed in: run `secondround login`" in done.stderr
        assert done.stdout == ""
        assert "Traceback" not in done.stderr


def test_a_key_the_server_does_not_accept_exits_4_with_its_reason(cli_for, user):
    cli = cli_for(user)
    done = cli("applications", SECONDROUND_API_KEY="srk_abcdefghijkl_" + "x" * 43)
    assert done.code == 4, done
    assert "The server did not accept your API key" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_server_that_does_not_answer_exits_3(cli_for, user):
    cli = cli_for(user)
    done = cli("applications", SECONDROUND_URL="http://127.0.0.1:9")
    assert done.code == 3, done
    assert "Cannot reach the server at http://127.0.0.1:9" in done.stderr
    done = cli("applications", SECONDROUND_URL="ftp://example.com")
    assert done.code == 2, done
    assert "is not a server address" in done.stderr


def test_another_accounts_round_is_not_found_exit_1_in_the_apis_words(cli_for, user, other_user):
    theirs = create_round(other_user, create_application(other_user)["id"])
    cli = cli_for(user)
    done = cli("plan", theirs["id"])
    assert done.code == 1, done
    assert "Error:" in done.stderr and "Traceback" not in done.stderr
    detail = user.get(f"/api/v1/rounds/{theirs['id']}/plan").json()["detail"]
    assert detail in " ".join(done.stderr.split())
    assert done.stdout == ""
