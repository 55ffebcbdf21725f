"""The app's mail sender: one thread per server process that sends what the participants page
queued, outside any page's request. A page wakes it after queueing; otherwise it looks every
half minute (mails waiting for a retry, a reminder queued by `netscan remind` on another machine).

Without NETSCAN_SMTP_URL there is no thread, and the page offers the links to copy instead.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import streamlit as st

from diagnose.mail.smtp import ConfigError, Connection, SmtpConfig, config_from_env
from diagnose.problems import ValidationFailed
from diagnose.store.errors import DatabaseUnavailable
from netscan_app.resources import get_store

log = logging.getLogger("netscan.mail")
INTERVAL = 30.0


@dataclass
class Sender:
    config: SmtpConfig | None
    problem: str = ""  # NETSCAN_SMTP_URL or NETSCAN_MAIL_FROM set but unusable
    last_stop: str = ""  # the server's reply when the last batch could not be sent at all
    wake: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        assert self.config is not None
        store = get_store()
        while True:
            self.wake.wait(INTERVAL)
            self.wake.clear()
            try:
                with Connection(self.config) as connection:
                    report = store.send_queued(connection, self.config)
                self.last_stop = report.stopped
                if report.sent or report.rejected or report.stopped:
                    log.info(
                        "mail: %d sent, %d refused, stopped: %s",
                        report.sent,
                        len(report.rejected),
                        report.stopped,
                    )
            except (ValidationFailed, DatabaseUnavailable) as exc:
                self.last_stop = exc.problems[0].what("nl")
                log.warning("mail: %s", self.last_stop)
            except Exception:  # never let the thread die: log it and try again later
                log.exception("mail sender")


@st.cache_resource(show_spinner=False)
def sender() -> Sender:
    """The process's sender, started on first use (None config: e-mail not configured)."""
    try:
        config = config_from_env()
    except ConfigError as exc:
        return Sender(None, problem=str(exc))
    found = Sender(config)
    if config is not None:
        threading.Thread(target=found.run, name="netscan-mail", daemon=True).start()
        found.wake.set()
    return found
