"""What an order sentence's refusals say: a word understood but not orderable as written, and an
unknown word, with the routes or frequencies it looks like (order_sentence.py raises them)."""

from __future__ import annotations

import difflib

from workstation.clinical.formulary import canonical_unit
from workstation.clinical.frequencies import FREQUENCY_WORDS
from workstation.clinical.sentence_drug import OrderSentenceError
from workstation.clinical.sentence_words import ROUTE_WORDS, Token
from workstation.events.vocabulary import ROUTES

_STANDARD_INTERVALS = "q2h, q4h, q6h, q8h or q12h"
# token kind -> (part, message) for words understood but not orderable as written
UNUSABLE = {
    "interval": ("frequency", f"unknown frequency '{{text}}': use {_STANDARD_INTERVALS}"),
    "range": ("dose", "dose range '{text}': write one dose (a range needs a titration order)"),
    "per_kg": ("dose", "weight-based dose '{text}': write this patient's dose in {unit}"),
    "dose_count": ("duration", "'{text}' counts doses: write the duration in days (e.g. 2d), "
                               "or the doses as st"),
    "sequence": ("sentence", "a second order follows '{text}': write one order per line"),
}  # fmt: skip


def unusable(token: Token) -> OrderSentenceError:
    """Words understood but not orderable as written: the message says what to write instead."""
    part, message = UNUSABLE[token.kind]
    return OrderSentenceError(message.format(text=token.text, unit=token.unit), part=part)


def unknown_word(token: Token) -> OrderSentenceError:
    """Say whether an unknown word looks like a route or a frequency, with the nearest ones."""
    word = token.text
    if canonical_unit(word) is not None:
        return OrderSentenceError(f"unit '{word}' without a number before it", part="dose")
    routes = sorted(
        difflib.get_close_matches(word, list(ROUTE_WORDS), 3, 0.5),
        key=lambda w: (-_ratio(word, w), ROUTES.index(ROUTE_WORDS[w])),
    )
    frequencies = difflib.get_close_matches(word, list(FREQUENCY_WORDS), 3, 0.5)
    if routes and (not frequencies or _ratio(word, routes[0]) >= _ratio(word, frequencies[0])):
        return OrderSentenceError(f"unknown route '{word}'; did you mean {' or '.join(routes)}?",
                                  part="route", suggestions=tuple(routes))  # fmt: skip
    if frequencies:
        return OrderSentenceError(
            f"unknown frequency '{word}'; did you mean {' or '.join(frequencies)}?",
            part="frequency", suggestions=tuple(frequencies),
        )  # fmt: skip
    return OrderSentenceError(
        f"not understood: '{word}' (expected dose, route, frequency or duration)", part="sentence"
    )


def _ratio(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, first, second).ratio()
