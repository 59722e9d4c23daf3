"""`login` makes a personal API key and stores it (0600) in the user's config directory; commands use
it; `logout` revokes it and deletes the file."""

import json
import stat

from tests.support.accounts import PASSWORD
from tests.support.builders import create_application
from tests.support.command_line import command_env, run_command


def test_login_stores_a_key_that_commands_use_and_logout_revokes_it(base_url, user, tmp_path):
    create_application(user, company="Signed In Co")
    env = command_env(tmp_path)  # no SECONDROUND_URL or _API_KEY: only what login stores
    done = run_command(
        ["login", "--url", base_url, "--email", user.email, "--password-stdin", "--json"], env, input=PASSWORD + "\n"
    )
    assert done.code == 0, done
    said = json.loads(done.stdout)
    stored_at = tmp_path / "secondround" / "credentials.json"
    assert said["config_file"] == str(stored_at)
    assert stat.S_IMODE(stored_at.stat().st_mode) == 0o600
    stored = json.loads(stored_at.read_text())
    assert stored["url"] == base_url and stored["api_key"].startswith("srk_")
    assert "password" not in stored_at.read_text() and PASSWORD not in stored_at.read_text()
    keys = user.get("/api/v1/api-keys").json()["items"]
    assert [k["scopes"] for k in keys if k["id"] == stored["api_key_id"]] == [["read", "write"]]

    listed = run_command(["applications", "--json"], env)
    assert listed.code == 0, listed
    assert [a["company"] for a in json.loads(listed.stdout)] == ["Signed In Co"]

    # The stored key is for that server only: pointed elsewhere, the command has no key to send.
    elsewhere = run_command(["applications"], {**env, "SECONDROUND_URL": "http://127.0.0.1:9"})
    assert elsewhere.code == 4, elsewhere

    out = run_command(["logout", "--password-stdin"], env, input=PASSWORD + "\n")
    assert out.code == 0, out
    assert "the key is revoked" in out.stderr
    assert not stored_at.exists()
    assert stored["api_key_id"] not in {k["id"] for k in user.get("/api/v1/api-keys").json()["items"]}
    r = user.client.get("/api/v1/applications", headers={"Authorization": f"Bearer {stored['api_key']}"})
    assert r.status_code == 401
    again = run_command(["applications"], env)
    assert again.code == 4, again


def test_login_with_prompts_and_a_read_only_key(base_url, user, tmp_path):
    env = command_env(tmp_path)
    # Without a terminal the prompts read stdin: server, email, then the password.
    done = run_command(["login", "--read-only"], env, input=f"{base_url}\n{user.email}\n{PASSWORD}\n")
    assert done.code == 0, done
    assert f"Signed in to {base_url} as {user.email}" in done.stderr
    stored = json.loads((tmp_path / "secondround" / "credentials.json").read_text())
    keys = {k["id"]: k for k in user.get("/api/v1/api-keys").json()["items"]}
    assert keys[stored["api_key_id"]]["scopes"] == ["read"]


def test_a_wrong_password_exits_4_and_stores_nothing(base_url, user, tmp_path):
    env = command_env(tmp_path)
    done = run_command(
        ["login", "--url", base_url, "--email", user.email, "--password-stdin"], env, input="not the password\n"
    )
    assert done.code == 4, done
    assert "Signing in failed:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "secondround").exists()
    assert user.get("/api/v1/api-keys").json()["items"] == []


def test_logout_forget_keeps_the_key_working_and_says_so(base_url, user, tmp_path):
    env = command_env(tmp_path)
    run_command(["login", "--url", base_url, "--email", user.email, "--password-stdin"], env, input=PASSWORD + "\n")
    stored = json.loads((tmp_path / "secondround" / "credentials.json").read_text())
    done = run_command(["logout", "--forget", "--json"], env)
    assert done.code == 0, done
    assert json.loads(done.stdout) == {"revoked": False, "forgotten": True}
    assert "it still works until you revoke it" in done.stderr
    r = user.client.get("/api/v1/applications", headers={"Authorization": f"Bearer {stored['api_key']}"})
    assert r.status_code == 200
    nothing = run_command(["logout"], env)
    assert nothing.code == 0 and "nothing to do" in nothing.stderr
