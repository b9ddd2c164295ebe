"""Disambiguation of cites (CSL 1.0.2 "Disambiguation"), which citeproc-py does not do at all.

Restores, in the order citeproc-js takes:

1. ``disambiguate-add-givenname`` with a global ``givenname-disambiguation-rule``
   (``all-names``, ``all-names-with-initials``, ``primary-name``,
   ``primary-name-with-initials``): a name that prints like another person's name
   (``Lee`` for J.-H. Lee and for S.-Y. Lee) is expanded, to initials and if need be to the
   full given name, wherever it is printed;
2. ``disambiguate-add-givenname`` with ``by-cite``: the names of cites that print alike
   are expanded, one name at a time (before names are added, as citeproc-js does);
3. ``disambiguate-add-names``: cites that still print alike show more names, one at a time,
   until they differ (``Wang, Li, et al.`` and ``Wang, Chen, et al.``), and by cite the
   names added are expanded too;
4. ``disambiguate-add-year-suffix``: cites that still print alike get year suffixes, in the
   order of the bibliography (``2019a``, ``2019b``), in citations and entries alike;
5. the cites that are still ambiguous test true for ``disambiguate="true"``.

A cite's state (names shown, given-name levels, year suffix) belongs to its item: every
cite of the item prints it, and its bibliography entry its year suffix, its given names
and (where given names are added too) at least its names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import NamedTuple

from ...bulk import no_cycle_collection
from ..richtext import plain
from .names import NAME_PARTS
from .source import NAME_VARIABLES, python_key, uncited
from ..xml import CSL_NS

_NAME_KEYS = tuple(sorted(python_key(variable) for variable in NAME_VARIABLES))
_GLOBAL_RULES = ("all-names", "all-names-with-initials", "primary-name", "primary-name-with-initials")


@dataclass(slots=True)
class State:
    """How one item's cites are printed once disambiguated."""

    names: int | None = None
    givens: dict = field(default_factory=dict)  # role -> {name index: level (1 initials, 2 full)}
    year_suffix: str | None = None
    disambiguate: bool = False

    def apply(self, cite) -> None:
        """Put this state on a cite (a citeproc-py CitationItem) about to be rendered."""
        for key, value in (("disamb_names", self.names), ("disamb_givens", self.givens),
                           ("year_suffix", self.year_suffix), ("disambiguate", self.disambiguate)):
            dict.__setitem__(cite, key, value)


class Rendering(NamedTuple):
    """What disambiguation keeps of one rendering of a cite."""

    text: str  #: the cite as plain text
    names: list  #: (role, index, (family, person, initials)) of each name it printed
    complete: bool  #: it printed every name of each name list it rendered (no et-al)


def _signature(state: State) -> tuple:
    """What of a state changes a cite's rendering, as a comparable value."""
    return (state.names, tuple(sorted((role, tuple(sorted(levels.items())))
                                      for role, levels in state.givens.items())),
            state.year_suffix, state.disambiguate)


def suffix_letters(number: int) -> str:
    """a, b, … z, aa, ab, … (the 0-based ``number``-th year suffix)."""
    letters = ""
    number += 1
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


class Disambiguator:
    """Works out the :class:`State` of every item of a bibliography for one style."""

    def __init__(self, style, bibliography):
        self.style = style
        self.bibliography = bibliography
        citation = style.root.citation
        self.layout = citation.layout
        self.add_names = citation.get("disambiguate-add-names", "false") == "true"
        self.add_givenname = citation.get("disambiguate-add-givenname", "false") == "true"
        self.add_year_suffix = citation.get("disambiguate-add-year-suffix", "false") == "true"
        self.rule = citation.get("givenname-disambiguation-rule", "by-cite")
        self._particle_kept = style.root.get("demote-non-dropping-particle") == "never"
        self.states: dict[str, State] = {}
        self._memo: dict[str, tuple] = {}  # key -> (signature, rendering) of its latest state
        self._people: dict[tuple, tuple] = {}  # a printed name's description -> that one object (_who)
        self._people_by_parts: dict[tuple, tuple] = {}  # its parts -> its description
        # While a group is resolved: (key, signature) -> rendering of the states it left, since
        # its steps often go back to one (a cite keeps its own names when year suffixes follow).
        self._earlier: dict[tuple, tuple] | None = None
        self.jobs = 1
        self.progress = None  # told how far each step has got (citefmt.progress)

    @property
    def active(self) -> bool:
        return self.add_names or self.add_givenname or self.add_year_suffix or self._uses_condition()

    def _uses_condition(self) -> bool:
        return bool(self.layout.getparent().xpath(".//cs:*[@disambiguate='true']",
                                                  namespaces={"cs": CSL_NS}))

    # --- rendering probes ----------------------------------------------------------------------

    def _probe(self, key: str):
        return uncited(key, self.bibliography)

    def render(self, key: str):
        """(plain text of the item's cite as the state stands, names it printed); memoized per state."""
        state = self.states.setdefault(key, State())
        signature = _signature(state)
        hit = self._memo.get(key)
        if hit is not None:
            if hit[0] == signature:
                return hit[1]
            if self._earlier is not None:
                self._earlier[(key, hit[0])] = hit[1]
                result = self._earlier.get((key, signature))
                if result is not None:
                    self._memo[key] = (signature, result)
                    return result
        result = self._render_now(key, state)
        self._memo[key] = (signature, result)
        return result

    def _render_now(self, key: str, state: State):
        from .citations import mark_position, render_cite

        cite = self._probe(key)
        state.apply(cite)
        dict.__setitem__(cite, "_rendered_names", [])
        dict.__setitem__(cite, "_comparing", True)  # rendered to compare: citeproc-js leaves some out
        mark_position(cite, [])
        text, _ = render_cite(self.layout, cite)
        printed = cite["_rendered_names"]
        names = [(role, index, self._who(name)) for role, index, name in printed]
        return Rendering(plain(text or "").strip(), names, _all_names_printed(cite, printed))

    def _who(self, name) -> tuple:
        """What disambiguation needs of a printed name: (family without its non-dropping
        particle, who it is, initials of the given name as written, suffix); one object for
        every copy (a long list repeats names).

        citeproc-js's global given-name rules take "Souza" and "Di Souza" for one family
        (unless the style never demotes particles) and "Yael Kowalski" and "Yael Kowalski
        Sr." for one person; by-cite expansion, which compares what cites print, tells the
        last two apart by the suffix it shows."""
        parts = (name.get("literal"), name.get("non-dropping-particle"), name.get("family"), name.get("given"),
                 name.get("suffix"))
        who = self._people_by_parts.get(parts)
        if who is None:
            family = _family(name) if self._particle_kept else str(name.get("literal") or name.get("family") or "")
            who = (family, _normalized(name),
                   _initials(_person(name)[1]).lower(), str(name.get("suffix") or "").lower())
            who = self._people_by_parts[parts] = self._people.setdefault(who, who)
        return who

    def _shared(self, rendering: Rendering) -> Rendering:
        """A rendering from another process with its names' descriptions shared as :meth:`_who` shares them."""
        people = self._people
        return rendering._replace(names=[(role, index, people.setdefault(who, who))
                                         for role, index, who in rendering.names])

    def _prefetch(self, keys: list[str], phase: str) -> None:
        """Render the cites of ``keys`` not rendered in their current state, on ``jobs`` processes
        (telling ``progress`` about ``phase``)."""
        from ...progress import ticker
        from ..parallel import map_slices

        keys = [key for key in keys if (self._memo.get(key) or (None,))[0] != _signature(self.states[key])]
        for key in keys:  # their renderings in an earlier state: a long list is not held twice
            self._memo.pop(key, None)

        def task(start: int, end: int) -> list:
            return [self.render(key) for key in keys[start:end]]

        results = map_slices(task, len(keys), self.jobs, ticker(self.progress, phase, len(keys)))
        with no_cycle_collection():  # the renderings are kept
            for index, key in enumerate(keys):
                result, results[index] = results[index], None  # each copy goes as its shared one comes
                self._memo[key] = (_signature(self.states[key]), self._shared(result))

    # --- the steps -----------------------------------------------------------------------------

    def run(self, keys: list[str]) -> dict[str, State]:
        """The states of ``keys`` (in bibliography order)."""
        self.states = {key: State() for key in keys}
        if not self.active or len(keys) < 2:
            return self.states
        self._order = {key: position for position, key in enumerate(self.bibliography.keys)}
        self._prefetch(keys, "compare")
        if self.add_givenname and self.rule in _GLOBAL_RULES:
            # Expanding given names adds to how names print and to nothing else, so a cite
            # printed unlike every other still is: only those printed alike render again.
            keys = [key for group in self._ambiguous_groups(keys) for key in group]
            self._expand_ambiguous_names(list(self.states))
            self._prefetch(keys, "given-names")
        groups = self._ambiguous_groups(keys)
        # Only the cites that print alike are rendered again: the others' renderings go.
        grouped = {key for group in groups for key in group}
        self._memo = {key: hit for key, hit in self._memo.items() if key in grouped}
        # A cite's rendering depends on its own item's state only, so the groups are
        # independent: each is resolved on its own, and long lists of them on every CPU,
        # the largest first (a large group left to the end would keep one process busy alone).
        groups.sort(key=len, reverse=True)
        from ..parallel import map_slices

        def task(start: int, end: int) -> list:
            out = []
            for group in groups[start:end]:
                self._resolve(group)
                out.append({key: self.states[key] for key in group})
            return out

        # Resolving a group renders each of its cites about four times over (measured).
        weight = 4 * sum(map(len, groups)) / max(len(groups), 1)
        for resolved in map_slices(task, len(groups), self.jobs, self._cites_done(groups), weight=weight):
            self.states.update(resolved)
        return self.states

    def _cites_done(self, groups: list[list[str]]):
        """A ``done(n)`` for :func:`map_slices` over ``groups`` that tells ``progress`` the cites
        of the first ``n`` groups (a group of 30 cites is more work than one of 2)."""
        from ...progress import ticker

        tick = ticker(self.progress, "disambiguate", sum(map(len, groups)))
        if tick is None:
            return None
        cumulative = [0]
        for group in groups:
            cumulative.append(cumulative[-1] + len(group))
        return lambda finished: tick(cumulative[finished])

    def _resolve(self, group: list[str]) -> None:
        """Steps 2 to 5 for one group of cites that print alike."""
        for key in group:  # its own given-name levels, to change (they may be shared: _expand_ambiguous_names)
            state = self.states[key]
            state.givens = {role: dict(levels) for role, levels in state.givens.items()}
        self._earlier = {}
        try:
            self._resolve_steps(group)
        finally:
            self._earlier = None

    def _resolve_steps(self, group: list[str]) -> None:
        remaining = [group]
        # citeproc-js tries the given names of the names shown before adding names (CSL
        # 1.0.2 lists add-names first), and again on the names added.
        if self.add_givenname and self.rule == "by-cite":
            remaining = self._split(remaining, self._expand_by_cite)
        if self.add_names:
            remaining = self._split(remaining, self._add_names)
        if self.add_givenname and self.rule == "by-cite":
            remaining = self._split(remaining, self._expand_by_cite)
        if self.add_year_suffix:
            remaining = self._split(remaining, self._year_suffixes)
        for rest in remaining:
            for key in rest:
                self.states[key].disambiguate = True

    def _ambiguous_groups(self, keys: list[str]) -> list[list[str]]:
        by_text: dict[str, list[str]] = {}
        for key in keys:
            text = self.render(key).text
            if text:
                by_text.setdefault(text, []).append(key)
        return [group for group in by_text.values() if len(group) > 1]

    def _split(self, groups: list[list[str]], step) -> list[list[str]]:
        """Apply ``step`` to each group; return the sub-groups still printing alike."""
        out = []
        for group in groups:
            step(group)
            out.extend(self._still_alike(group))
        return out

    def _still_alike(self, group: list[str]) -> list[list[str]]:
        by_text: dict[str, list[str]] = {}
        for key in group:
            by_text.setdefault(self.render(key)[0], []).append(key)
        return [g for g in by_text.values() if len(g) > 1]

    def _add_names(self, group: list[str]) -> None:
        """Show one more name at a time; a cite keeps the fewest names that make it unique.

        A cite that printed every one of its names prints the same when more are allowed, so
        its rendering is kept instead of rendered again. With given-name expansion by cite,
        each added name may also show its initials (then its given name) before the next
        name is added. A cite left alike with others keeps what it had at the step that
        last cut the number of cites printing like it (the group parted, into ones or into
        smaller groups; year suffixes then tell each apart), as citeproc-js does; one that
        no step parted from any other goes back to its own count. Cites still alike that
        are all twins (the same names, printed the same way so far) cannot be parted by
        any further name, and take no more steps.
        """
        import copy
        from collections import Counter

        by_cite = self.add_givenname and self.rule == "by-cite"
        shown = {key: len(self.render(key)[1]) for key in group}
        initial = {key: copy.deepcopy(self.states[key].givens) for key in group}
        alike = {key: len(group) for key in group}  # how many cites print like it, itself too, at best
        saved: dict[str, tuple] = {}  # key -> (names, givens) at the step that last cut alike[key]
        active = list(group)  # still printing like another cite, and names may part them
        unique: set[str] = set()

        def separate() -> None:
            nonlocal active
            texts = {key: self.render(key).text for key in group}
            counts = Counter(texts.values())
            for key in active:
                count = counts[texts[key]]
                if count < alike[key]:
                    alike[key] = count
                    saved[key] = (self.states[key].names, copy.deepcopy(self.states[key].givens))
                if count == 1:
                    unique.add(key)
            active = [key for key in active if key not in unique]

        name_lists = {key: self._name_lists(key) for key in group}
        for extra in range(1, 100):
            classes: dict[str, set] = {}
            for key in active:
                classes.setdefault(self.render(key).text, set()).add(
                    (shown[key], name_lists[key], _signature(self.states[key])[1]))
            # e.g. two items by the same 25 authors: every added name prints alike.
            active = [key for key in active if len(classes[self.render(key).text]) > 1]
            if not active:
                break
            for key in active:
                self.states[key].names = shown[key] + extra
                self._keep_if_complete(key)
            printed = {key: self.render(key).names for key in active}
            if not any(len(printed[key]) >= shown[key] + extra for key in active):
                for key in active:
                    self.states[key].names = shown[key] + extra - 1
                break  # no cite left has more names to show
            separate()
            if by_cite and active:
                index = max(shown[key] for key in active) + extra - 1
                people = {_as_printed(printed[key][index][2]) for key in active if len(printed[key]) > index}
                if len(people) > 1:
                    for level in (1, 2):
                        for key in active:
                            if len(printed[key]) > index:
                                role = printed[key][index][0]
                                self.states[key].givens.setdefault(role, {})[index] = level
                        separate()
                        if not active:
                            break
        for key in group:
            if key in unique:
                continue
            if key in saved:
                self.states[key].names, self.states[key].givens = saved[key]
            else:
                self.states[key].names = None
                self.states[key].givens = initial[key]

    def _name_lists(self, key: str) -> tuple:
        """Every name variable of the cite's item, as a comparable value."""
        reference = self.bibliography.source[key]
        return tuple((variable, tuple(tuple(sorted(dict(name).items())) for name in reference.get(variable) or ()))
                     for variable in _NAME_KEYS if reference.get(variable))

    def _keep_if_complete(self, key: str) -> None:
        """Give the cite's state, raised in the number of names only, its last rendering if that
        printed all its names: allowing more changes nothing then."""
        hit = self._memo.get(key)
        if hit is None or not hit[1].complete:
            return
        signature = _signature(self.states[key])
        before = hit[0]
        if before[1:] == signature[1:] and (before[0] is None or signature[0] >= before[0]):
            if self._earlier is not None:
                self._earlier[(key, before)] = hit[1]
            self._memo[key] = (signature, hit[1])

    def _expand_by_cite(self, group: list[str]) -> None:
        """Expand given names name by name, initials first; each cite stops once it is unique.

        Cites that no expansion separates keep what the last useful step gave them.
        """
        from collections import Counter
        import copy

        def snapshot(keys):
            return {key: copy.deepcopy(self.states[key].givens) for key in keys}

        active = list(group)
        saved = snapshot(active)
        printed = {key: self.render(key)[1] for key in group}
        longest = max(len(names) for names in printed.values())
        for index in range(longest):
            people = {_as_printed(printed[key][index][2]) for key in active if len(printed[key]) > index}
            if len(people) < 2:
                continue  # the same person in every cite: expanding cannot help
            for level in (1, 2):
                for key in active:
                    if len(printed[key]) > index:
                        role = printed[key][index][0]
                        self.states[key].givens.setdefault(role, {})[index] = level
                counts = Counter(self.render(key)[0] for key in group)
                separated = [key for key in active if counts[self.render(key)[0]] == 1]
                if separated:
                    active = [key for key in active if key not in separated]
                    saved = snapshot(active)
                if not active:
                    return
        for key in active:
            self.states[key].givens = saved[key]

    def sort_names_wanted(self) -> bool | None:
        """Whether the bibliography's sort is to gather the names its keys print for the
        global given-name rule (None: no rule needs them; True: primary names only)."""
        if not (self.active and self.add_givenname and self.rule in _GLOBAL_RULES):
            return None
        return self.rule.startswith("primary-name")

    def _expand_ambiguous_names(self, keys: list[str]) -> None:
        primary_only = self.rule.startswith("primary-name")
        initials_only = self.rule.endswith("with-initials")
        printed: list[tuple[str, str, int, dict]] = []  # (key, role, index, name)
        for key in keys:
            for role, index, name in self.render(key).names:
                if primary_only and index != 0:
                    continue
                printed.append((key, role, index, name))
        from collections import Counter

        by_family: dict[str, dict] = {}  # family -> {person: initials of the given name as written}
        # citeproc-js also counts the names the bibliography's sort keys print (a chapter's
        # editors in chicago-author-date's source-bib key): they tell the cites' names apart
        # from them, though no cite prints them.
        for parts in getattr(self.bibliography, "sort_people", ()):
            name = self._who({part: value for part, value in zip(NAME_PARTS, parts) if value is not None})
            by_family.setdefault(name[0], {})[name[1]] = name[2]
        for _, _, _, name in printed:
            by_family.setdefault(name[0], {})[name[1]] = name[2]
        # How many different people of each family share each set of initials.
        sharing = {family: Counter(people.values()) for family, people in by_family.items() if len(people) > 1}
        wanted: dict[str, list] = {}  # key -> [(role, name index, level), ...]
        for key, role, index, name in printed:
            if name[0] not in sharing:
                continue
            alike = sharing[name[0]][name[2]]  # people of the family with these initials, this one too
            if alike == 1:
                level = 1  # its initials tell it apart
            elif not initials_only:
                level = 2
            elif alike < len(by_family[name[0]]):
                level = 1  # they tell it apart from some, and the rule allows no more
            else:
                continue  # every one of the family has these initials: they would not help
            wanted.setdefault(key, []).append((role, index, level))
        # Most cites want the same levels (initials of their first name): one mapping serves
        # them all, as a long list would otherwise hold one per cite (_resolve copies it).
        by_levels: dict[tuple, dict] = {}
        for key, levels in wanted.items():
            givens = by_levels.get(tuple(levels))
            if givens is None:
                givens = by_levels[tuple(levels)] = {}
                for role, index, level in levels:
                    givens.setdefault(role, {})[index] = level
            self.states[key].givens = givens

    def _year_suffixes(self, group: list[str]) -> None:
        order = self._order
        letters = count()
        for key in sorted(group, key=lambda k: order.get(k, len(order))):
            self.states[key].year_suffix = suffix_letters(next(letters))


def _all_names_printed(cite, printed) -> bool:
    """Whether each name list the cite rendered was printed whole.

    ``printed``: (role, index, name) of each printed name, in order; a list printed again
    starts again at index 0, so each run from 0 is one list, and its length is compared
    with the item's list for that role.
    """
    reference = cite.reference
    runs: list[list] = []
    for role, index, _ in printed:
        if index == 0 or not runs:
            runs.append([role, 0])
        runs[-1][1] += 1
    for role, shown in runs:
        names = reference.get(python_key(role))
        if not isinstance(names, list) or shown != len(names):
            return False
    return True


def _family(name) -> str:
    if "literal" in name:
        return str(name["literal"])
    return " ".join(str(name.get(p) or "") for p in ("non-dropping-particle", "family")).strip()


def _person(name) -> tuple[str, str]:
    if "literal" in name:
        return (str(name["literal"]), "")
    return (_family(name), str(name.get("given") or ""))


def _as_printed(who: tuple) -> tuple:
    """Who a name of a :meth:`Disambiguator._who` description is, told apart by its suffix."""
    return who[1], who[3]


def _normalized(name) -> tuple[str, str]:
    family, given = _person(name)
    return family, given.replace(" ", "").replace(".", "").lower()


def _initials(given: str) -> str:
    return "".join(word[:1] for word in given.replace("-", " ").replace(".", " ").split())
