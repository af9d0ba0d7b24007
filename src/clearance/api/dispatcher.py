"""The server's webhook dispatcher: a thread that delivers due outbox rows every few seconds."""

from __future__ import annotations

import logging
import threading

from clearance.services.webhooks import Sender, WebhookStore, deliver_due, utc_now

_LOG = logging.getLogger("clearance.webhooks")


class Dispatcher:
    def __init__(self, store: WebhookStore, sender: Sender, interval: float) -> None:
        self.store = store
        self.sender = sender
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="webhook-dispatcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                deliver_due(self.store, self.sender, utc_now())
            except Exception:  # keep dispatching; the row stays pending and is retried
                _LOG.exception("webhook delivery round failed")
