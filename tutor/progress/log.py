"""The session log: what happened, one JSON object per line, per profile (``log.jsonl``).

Append-only and crash-safe: each event is written with a single ``write`` to a file opened for
appending, then flushed to disk. If the tutor crashed in the middle of a line, that torn line is
skipped on reading (and the next event starts on a fresh line), so it never breaks reading.

Every event has ``kind``, ``time`` (ISO, local time with offset) and ``session`` (one id per run
of the tutor, so a parents' report can group events into sessions).
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .profiles import profile_dir

FILE_NAME = "log.jsonl"
#: One id for this run of the tutor (every SessionLog made in this process shares it).
PROCESS_SESSION = uuid.uuid4().hex[:12]


class SessionLog:
    def __init__(self, profile: str, home: Path | None = None, *, session: str | None = None) -> None:
        self.profile = profile
        self._home = home
        self.path = profile_dir(profile, home) / FILE_NAME
        self.session = session or PROCESS_SESSION
        self.skipped = 0  # torn or unreadable lines met by the last events()

    def append(self, kind: str, **data: Any) -> None:
        event = {"kind": kind, **data}
        event["time"] = datetime.now(timezone.utc).astimezone().isoformat(timespec="milliseconds")
        event["session"] = self.session
        line = json.dumps(event, ensure_ascii=False, default=str) + "\n"
        if not self.path.parent.exists():
            profile_dir(self.profile, self._home, create=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            payload = line.encode("utf-8")
            # A torn last line (a crash mid-write) must not swallow this event: start a new line.
            size = os.fstat(fd).st_size
            if size:
                with open(self.path, "rb") as f:
                    f.seek(size - 1)
                    if f.read(1) != b"\n":
                        payload = b"\n" + payload
            while payload:
                written = os.write(fd, payload)
                payload = payload[written:]
            os.fsync(fd)
        finally:
            os.close(fd)

    def events(self) -> list[dict[str, Any]]:
        """Every readable event, oldest first."""
        self.skipped = 0
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out: list[dict[str, Any]] = []
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                event = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                self.skipped += 1
                continue
            if isinstance(event, dict):
                out.append(event)
            else:
                self.skipped += 1
        return out
