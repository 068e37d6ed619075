"""The press kit's records: films and the companies behind them, people and
their credits, what the press said and what the office released, and the
files journalists download."""

from .accreditation import Accreditation, ReleaseSending
from .assets import Asset, Download, Rendition, Subtitles
from .audit import AuditEntry
from .bookings import Booking
from .films import Company, CompanyCredit, Film
from .people import Credit, Person
from .press import Coverage, DatePrecision, Outlet, PressRelease, Quote
from .previews import PreviewLink
from .reviews import Review

__all__ = [
    "Accreditation",
    "Asset",
    "AuditEntry",
    "Booking",
    "Company",
    "CompanyCredit",
    "Coverage",
    "Credit",
    "DatePrecision",
    "Download",
    "Film",
    "Outlet",
    "Person",
    "PressRelease",
    "PreviewLink",
    "Quote",
    "ReleaseSending",
    "Rendition",
    "Review",
    "Subtitles",
]
