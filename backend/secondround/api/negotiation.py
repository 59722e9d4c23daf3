"""Proactive content negotiation on `Accept` (RFC 9110, section 12.5.1). Pure: header text in, a choice out.

For the few operations that offer more than one representation (the prep sheet: Markdown or HTML).
Each offered type gets the quality of the most specific range that names it (`text/html` beats
`text/*` beats `*/*`); the highest quality above 0 wins, and a tie goes to the server's first offer,
so `*/*`, a missing header or a header we cannot read gives the first (the default) representation.
"""

from collections.abc import Sequence


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    """(type, subtype, q) of each media range that can be read; unreadable ranges are skipped."""
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality: float | None = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = None  # an unreadable weight: the range is skipped like any unreadable one
        if quality is not None:
            ranges.append((kind, sub, quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, str, float]]) -> float:
    kind, _, sub = offer.partition("/")
    best, best_specificity = 0.0, -1
    for range_kind, range_sub, quality in ranges:
        if range_kind == kind and range_sub == sub:
            specificity = 2
        elif range_kind == kind and range_sub == "*":
            specificity = 1
        elif range_kind == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = quality, specificity
    return best


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer (a bare `type/subtype`) that `accept` prefers, or None when it accepts none of them."""
    ranges = _ranges(accept or "")
    if not ranges:
        return offers[0]
    chosen, chosen_quality = None, 0.0
    for offer in offers:
        quality = _quality(offer, ranges)
        if quality > chosen_quality:
            chosen, chosen_quality = offer, quality
    return chosen
