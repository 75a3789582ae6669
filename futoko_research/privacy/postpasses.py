"""The per-text post-passes on the final findings of one text, in the order they run.

:func:`~futoko_research.privacy.detect.find_candidates` merges the detectors' candidates of each
text, maps them to the text's own coordinates and hands them to :func:`text_post_passes`; the
passes across texts (round 25's places, round 26's collection) run after it, in
:mod:`~futoko_research.privacy.detect`. Each pass takes the text and its findings and returns the
findings; each module's docstring says what it reads, with examples and traps in the round's tests.

Round 18's: :mod:`~futoko_research.privacy.placeaddr` (大字・字 lots, buildings alone, place
heads), :mod:`~futoko_research.privacy.handles` (chat handles, postcodes before an address),
:mod:`~futoko_research.privacy.listnames` (names from their neighbours) and
:mod:`~futoko_research.privacy.nonnames` (words that are no names). Round 19's, after them:
:mod:`~futoko_research.privacy.rosters` (roster lines, bracketed items, chat speakers),
:mod:`~futoko_research.privacy.spacednames` (names around one space),
:mod:`~futoko_research.privacy.plainwords` (plain words that are no names),
:mod:`~futoko_research.privacy.codelines` (record numbers and addresses from a line's shape) and
:mod:`~futoko_research.privacy.labelslots` (names in label slots and foreign name shapes).
Round 20's, after them: :mod:`~futoko_research.privacy.rolenames` (family names after a role),
:mod:`~futoko_research.privacy.chatnames` (kana chat speakers after a time),
:mod:`~futoko_research.privacy.labelends` (labels cut from a name's ends),
:mod:`~futoko_research.privacy.selfnames` (a writer's own family name) and
:mod:`~futoko_research.privacy.citednames` (cited theorists dropped).
Round 21's, after them: :mod:`~futoko_research.privacy.nameedges` (seals and record words cut from
a name, two findings joined by a full stop, school short names and meeting roles dropped),
:mod:`~futoko_research.privacy.spacedphones` (phones written with spaces; toll-free numbers
dropped), :mod:`~futoko_research.privacy.handlelogs` (handles in participant logs, after ``@``
and a user-name label) and :mod:`~futoko_research.privacy.katakananames` (katakana foreign names
around single spaces).
Round 22's, after them: :mod:`~futoko_research.privacy.docparts` (the family part of a full name
found in the note, where it stands alone), :mod:`~futoko_research.privacy.latinedges` (the edges
of romanised names: lower-case heads, comma joins, role affixes, products and greetings),
:mod:`~futoko_research.privacy.namecuts` (a name cut short where it is written again, weekdays
heading a schedule row), :mod:`~futoko_research.privacy.minuteinitials` (staff initials in
minutes and their other occurrences) and :mod:`~futoko_research.privacy.cardnames` (kana names
signing a message card, after a sibling word, with a nickname ending).
Round 23's, last: :mod:`~futoko_research.privacy.echoes` (a name that only the later passes found,
at its other set-off occurrences in the note); round 23 also widens earlier passes (numbered table
headers, full-width and titled initials, a full name completed across one space, record words
glued to a family name, nicknames after particles and name labels, chat speakers' bracketed
nicknames, compounds of common nouns and staff words alone as no one).
Round 24's, before the echoes: :mod:`~futoko_research.privacy.staffslots` (family names with a
second sense after a staff title, as chat speakers and signing a note),
:mod:`~futoko_research.privacy.katakanachains` (foreign names of two to four katakana words),
:mod:`~futoko_research.privacy.latinslots` (romanised chat speakers, sign-offs and subjects of a
person's verb) and :mod:`~futoko_research.privacy.givenparts` (the given part of a full name alone).
Rounds 27 and 28's, before round 24's given parts: :mod:`~futoko_research.privacy.chatlabels` (names a
chat, a social-media page or a village names as such) and :mod:`~futoko_research.privacy.turns` (the
speakers of a conversation, whatever their names look like), with round 28's
:mod:`~futoko_research.privacy.titles` (family names before titles) and round 29's
:mod:`~futoko_research.privacy.handlenames` (handles and display names a record names as such).
"""

from __future__ import annotations

from futoko_research.privacy.abroadnames import abroad_names
from futoko_research.privacy.cardnames import card_names
from futoko_research.privacy.cellcodes import drop_cell_codes, drop_row_labels
from futoko_research.privacy.chatlabels import chat_labels
from futoko_research.privacy.chatnames import chat_nicknames
from futoko_research.privacy.citednames import drop_cited_authors
from futoko_research.privacy.codelines import code_lines
from futoko_research.privacy.docparts import family_parts
from futoko_research.privacy.echoes import name_echoes
from futoko_research.privacy.formlabels import drop_form_labels
from futoko_research.privacy.givenparts import given_parts
from futoko_research.privacy.gluedgiven import extend_glued_given
from futoko_research.privacy.handlelogs import handle_logs
from futoko_research.privacy.handlenames import handle_names
from futoko_research.privacy.handles import chat_handles, postcodes_before_addresses
from futoko_research.privacy.handleshapes import latin_handles
from futoko_research.privacy.joinednames import join_names
from futoko_research.privacy.katakanachains import katakana_chains
from futoko_research.privacy.katakananames import katakana_names
from futoko_research.privacy.labelends import label_ends
from futoko_research.privacy.labelslots import label_slots
from futoko_research.privacy.latinedges import latin_edges
from futoko_research.privacy.latinslots import latin_slots
from futoko_research.privacy.latinspans import latin_spans
from futoko_research.privacy.leadwords import drop_english_heads, trim_role_tails
from futoko_research.privacy.listnames import names_from_neighbours
from futoko_research.privacy.marks import repair_addresses
from futoko_research.privacy.minuteinitials import minute_initials
from futoko_research.privacy.namecuts import name_cuts
from futoko_research.privacy.nameedges import name_edges
from futoko_research.privacy.nicknames import pet_names
from futoko_research.privacy.nonnames import drop_non_names
from futoko_research.privacy.ordinary import drop_kana_non_names, drop_ordinary_words
from futoko_research.privacy.placeaddr import aza_addresses, extend_place_heads, lone_buildings
from futoko_research.privacy.plainwords import drop_plain_words
from futoko_research.privacy.rolenames import role_names
from futoko_research.privacy.rosters import roster_names
from futoko_research.privacy.selfnames import self_names
from futoko_research.privacy.slotnames import slot_names
from futoko_research.privacy.spacednames import spaced_names
from futoko_research.privacy.spacedphones import spaced_phones
from futoko_research.privacy.spans import repair_spans
from futoko_research.privacy.staffcolumns import staff_columns
from futoko_research.privacy.staffslots import staff_slots
from futoko_research.privacy.streetaddr import street_addresses, trim_address_heads
from futoko_research.privacy.text import Candidate
from futoko_research.privacy.titles import title_names
from futoko_research.privacy.turns import chat_turns


def text_post_passes(t: str, found: list[Candidate]) -> list[Candidate]:
    """The findings of text ``t`` (text coordinates) after every per-text post-pass, in order.

    Parameters
    ----------
    t : the original text.
    found : the merged findings of the detectors, mapped to ``t``'s coordinates.

    Returns
    -------
    list of Candidate
        The findings after the passes of rounds 18 to 29 (see the module docstring).
    """
    found = extend_glued_given(t, drop_ordinary_words(t, repair_spans(t, repair_addresses(t, found))))
    found = trim_address_heads(t, street_addresses(t, found))
    found = extend_place_heads(t, lone_buildings(t, aza_addresses(t, found)))
    found = names_from_neighbours(t, chat_handles(t, postcodes_before_addresses(t, found)))
    found = pet_names(t, drop_non_names(t, slot_names(t, join_names(t, found))))
    found = trim_role_tails(t, drop_english_heads(t, drop_kana_non_names(t, found)))
    found = code_lines(t, drop_plain_words(t, spaced_names(t, roster_names(t, found))))
    found = label_ends(t, chat_nicknames(t, role_names(t, label_slots(t, found))))
    found = drop_cited_authors(t, self_names(t, found))
    found = katakana_names(t, handle_logs(t, spaced_phones(t, name_edges(t, found))))  # round 21
    found = name_cuts(t, minute_initials(t, latin_edges(t, family_parts(t, found))))  # round 22
    found = latin_slots(t, katakana_chains(t, staff_columns(t, staff_slots(t, card_names(t, found)))))  # rounds 22, 24
    found = latin_spans(t, found)  # round 28
    found = handle_names(t, title_names(t, chat_turns(t, chat_labels(t, found))))  # rounds 27, 28, 29
    found = abroad_names(t, latin_handles(t, found))  # round 30
    found = name_echoes(t, given_parts(t, found))  # rounds 24, 23
    return drop_row_labels(t, drop_form_labels(t, drop_cell_codes(t, found)))
