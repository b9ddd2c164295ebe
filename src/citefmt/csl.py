"""The CSL-JSON data model (CSL 1.0.2): item types and variables by kind.

One table, used by input validation and by the rendering engine.
"""

from __future__ import annotations

ITEM_TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event
figure graphic hearing interview legal_case legislation manuscript map motion_picture
musical_score pamphlet paper-conference patent performance periodical
personal_communication post post-weblog regulation report review review-book software
song speech standard thesis treaty webpage
""".split())

NAME_VARIABLES = frozenset("""
author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director executive-producer guest host interviewer illustrator
narrator organizer original-author performer producer recipient reviewed-author
script-writer series-creator translator
""".split())

DATE_VARIABLES = frozenset("""
accessed available-date event-date issued original-date submitted
""".split())

#: Variables CSL-JSON allows as a number or a string.
NUMBER_VARIABLES = frozenset("""
chapter-number citation-number collection-number edition first-reference-note-number
issue locator number number-of-pages number-of-volumes page page-first part printing
supplement volume
""".split())

STRING_VARIABLES = frozenset("""
citation-key language journalAbbreviation shortTitle abstract annote archive
archive_collection archive_location archive-place authority call-number citation-label
collection-title container-title container-title-short dimensions division DOI event
event-title event-place genre ISBN ISSN jurisdiction keyword medium note
original-publisher original-publisher-place original-title part-title PMCID PMID
publisher publisher-place references reviewed-genre reviewed-title scale section source
status title title-short URL version volume-title volume-title-short year-suffix
""".split())

#: Keys of a CSL-JSON item that are not variables of one of the kinds above.
OTHER_KEYS = frozenset({"id", "type", "categories", "custom"})

ALL_KEYS = NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | STRING_VARIABLES | OTHER_KEYS

NAME_KEYS = frozenset({
    "family", "given", "dropping-particle", "non-dropping-particle", "suffix",
    "comma-suffix", "static-ordering", "literal", "parse-names",
})
#: Name keys that may hold a flag (string, number or boolean) rather than text.
NAME_FLAG_KEYS = frozenset({"comma-suffix", "static-ordering", "parse-names"})

DATE_KEYS = frozenset({"date-parts", "season", "circa", "literal", "raw"})
