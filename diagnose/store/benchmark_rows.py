"""The benchmark's tables (migration 0010), kept beside models.py so the schema module stays small:
which networks take part, and the reference sets imported from other installations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from diagnose.store.models import NAME_LENGTH, Base, JSONValue, UTCDateTime, utcnow


class BenchmarkOptIn(Base):
    """A network that takes part in the benchmark, switched on by an administrator of its
    workspace. No row: not taking part (the default); switching off deletes the row, so the
    network leaves every benchmark at once."""

    __tablename__ = "benchmark_opt_in"

    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    by_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class BenchmarkReference(Base):
    """An imported benchmark file (diagnose.benchmark_file): anonymised network means that count
    as other networks in every workspace's benchmark, until removed."""

    __tablename__ = "benchmark_reference"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[dt.date] = mapped_column(Date)  # the file's own date
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    networks: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSONValue)  # the checked file, as written
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
