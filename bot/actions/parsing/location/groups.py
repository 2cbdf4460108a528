"""Location phrases joined into groups ("I-95 N by exit 12"), scored, and marked pickup or drop-off."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actions.parsing.location.spans import all_spans
from bot.actions.parsing.location.tokens import Span, split_words
from bot.actions.parsing.location.trailing import extend_end

_CONNECTORS = frozenset(
    """near by at on off past before after just the a an of and & @ / between in right across from next behind
    front outside inside corner around close about heading going headed towards toward bound north south east
    west n s e w nb sb eb wb northbound southbound eastbound westbound side exit ramp mile miles approx
    approximately like under over x""".split()
)

_DROPOFF_BEFORE_RE = re.compile(
    r"(?:\b(?:tow\w*|take|bring|drop\w*|haul|deliver|move|send|get)\b[^,.;!?\n]{0,25}?\b(?:to|at|into)"
    r"|^\s*(?:to|into)|\b(?:drop\s*-?\s*off|destination|dropoff)\s*(?:is|:|at)?)\s*(?:the\s+)?$",
    re.IGNORECASE,
)

_WEIGHTS = {
    "address": 50, "intersection": 45, "street": 25, "road": 20, "exit": 20, "marker": 20,
    "brand": 15, "named_place": 15, "town": 15, "distance": 2, "place": 3, "home": 3,
}
_SPECIFIC = 10  # at or above this weight a location can be found by someone else


@dataclass(frozen=True)
class Group:
    """Neighbouring spans read as one location: its extent, score, kinds, and whether it follows "tow it to"."""

    start: int
    end: int
    score: int
    kinds: frozenset[str]
    dropoff: bool

    @property
    def specific(self) -> bool:
        return any(_WEIGHTS[k] >= _SPECIFIC for k in self.kinds)


def _bridgeable(gap: str) -> bool:
    """True when only linking words ("near", "by the", ", at") sit between two location phrases."""
    if re.search(r"[.;!?\n]", gap.replace("...", " ")):
        return False
    words = [w.key for w in split_words(gap)]
    return len(words) <= 6 and all(w in _CONNECTORS or w.isdigit() for w in words)


def find_groups(text: str) -> list[Group]:
    """Spans joined while only linking words sit between them, each group grown over what trails it."""
    spans = all_spans(text)
    groups: list[Group] = []
    cur: list[Span] = []
    cur_end = -1

    def close() -> None:
        if not cur:
            return
        start = min(s.start for s in cur)
        kinds = frozenset(s.kind for s in cur)
        end = extend_end(text, cur_end)
        dropoff = _DROPOFF_BEFORE_RE.search(text[max(0, start - 40):start]) is not None
        groups.append(Group(start, end, sum(_WEIGHTS[k] for k in kinds), kinds, dropoff))

    for span in spans:
        if cur and (span.start <= cur_end or _bridgeable(text[cur_end:span.start])):
            cur.append(span)
            cur_end = max(cur_end, span.end)
            continue
        close()
        cur, cur_end = [span], span.end
    close()
    return groups


def group_text(text: str, group: Group) -> str:
    """The group's words without the punctuation around them."""
    return text[group.start:group.end].strip().strip(",;:!?-").rstrip(".").strip()


def best_group(groups: list[Group], *, dropoff: bool) -> Group | None:
    """The most specific group on the chosen side of "tow it to"; the first one on a tie."""
    return max((g for g in groups if g.dropoff == dropoff), key=lambda g: g.score, default=None)
