"""The load `web_load.py` puts on the app: signed-in readers moving between the dashboard, theme
pages and measure pages of Loadton across its quarters, and the health check as the baseline.

Before the clock starts, one session per simulated user is signed in with Django's form (as a
person would), so the password hashing of sign-in is not part of the pages' figures. The app
runs with production settings behind an imagined proxy that terminates HTTPS: every request
says it came over HTTPS, and the client sends the cookies the app marked Secure over plain HTTP.
The load runs for LOADTON_SECONDS from then; every response's time is kept and written to
LOADTON_TIMES when it ends, with the seconds it ran.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import gevent
import requests
from locust import FastHttpUser, constant, events, task

from loadton import PASSWORD, USERS

CODES = os.environ["LOADTON_MEASURES"].split(",")
THEMES = os.environ["LOADTON_THEMES"].split(",")
QUARTERS = os.environ["LOADTON_QUARTERS"].split(",")
HTTPS = {"X-Forwarded-Proto": "https"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
sessions: list[dict[str, str]] = []
turns = itertools.count()
times: dict[str, list[float]] = defaultdict(list)
errors: list[str] = []
window: list[float] = []  # when the signed-in load started, and when it stopped


def _signed_in(host: str, username: str) -> dict[str, str]:
    client = requests.Session()
    client.headers.update(HTTPS)
    form = client.get(f"{host}/accounts/login/")
    found = TOKEN.search(form.text)
    assert found, "the sign-in form has no CSRF token"
    for cookie in client.cookies:
        cookie.secure = False
    answer = client.post(
        f"{host}/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)},
        headers={"Referer": f"https://{host.split('://', 1)[-1]}/accounts/login/"},
        allow_redirects=False,
    )
    assert answer.status_code == 302, f"sign-in as {username} answered {answer.status_code}"
    return dict(client.cookies)


@events.test_start.add_listener
def _sign_in(environment: Any, **_: Any) -> None:
    users = environment.parsed_options.num_users
    names = sorted(USERS)
    sessions.extend(_signed_in(environment.host, names[n % len(names)]) for n in range(users))
    window.append(time.monotonic())
    # the clock starts once all are signed in (locust's own --run-time would count the signing in)
    gevent.spawn_later(float(os.environ["LOADTON_SECONDS"]), environment.runner.quit)


@events.request.add_listener
def _keep(name: str, response_time: float, exception: BaseException | None, **_: Any) -> None:
    times[name].append(response_time)
    if exception is not None:
        errors.append(f"{name}: {exception}")


@events.test_stop.add_listener
def _write(**_: Any) -> None:
    seconds = time.monotonic() - window[0]
    Path(os.environ["LOADTON_TIMES"]).write_text(
        json.dumps({"times": times, "errors": len(errors), "seconds": seconds})
    )
    for error in sorted(set(errors))[:10]:
        print("error:", error)


class Reader(FastHttpUser):
    """Locust's lighter HTTP client: the load tool shares the machine's two cores with the server,
    so the less it spends on each request, the more is left to the app."""

    wait_time = constant(0)  # back to back: the server's capacity, not a person's pace

    def on_start(self) -> None:
        cookies = sessions[next(turns) % len(sessions)]
        self.headers = {**HTTPS, "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}

    def _page(self, path: str, name: str) -> None:
        asked = self.client.get(path, name=name, headers=self.headers, allow_redirects=False, catch_response=True)
        with asked as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")

    def _quarter(self) -> str:
        return "" if random.random() < 0.3 else f"?period={random.choice(QUARTERS).replace(' ', '+')}"

    @task(3)
    def dashboard(self) -> None:
        self._page(f"/dashboard/{self._quarter()}", "dashboard")

    @task(3)
    def theme(self) -> None:
        self._page(f"/themes/{random.choice(THEMES)}/{self._quarter()}", "theme")

    @task(4)
    def measure(self) -> None:
        self._page(f"/measures/{random.choice(CODES)}/", "measure")

    @task(1)
    def health(self) -> None:
        self._page("/health/", "health (baseline)")
