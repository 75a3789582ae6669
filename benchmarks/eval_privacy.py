"""Full-span recall and precision of the personal-data detectors on the invented fixtures.

Usage::

    .venv/bin/python benchmarks/eval_privacy.py [--no-ner] [--errors] [--set NAME=PATH ...]
        [--write-recall]

Prints, for every set, one row per kind plus ``direct`` (person, phone, email, address, id,
postcode) and ``all`` — recall and precision with 95 % Wilson intervals — and then full-span
recall per kind and *shape* (the third element of a gold span; ``unspecified`` when a fixture
has none). A hit needs the exact span and kind. Only certain findings count (uncertain ones go
to the review queue). Sets: the development fixtures (tuned on), the held-out fixtures
(written after the rules were frozen) and any ``--set NAME=PATH`` given; a set whose file does
not exist yet is skipped with a note.

``--write-recall`` regenerates ``futoko_research/resources/privacy_recall.json`` — the
measured recall per direct kind that ``ingest --pseudonymize`` uses for the expected number of
missed identifiers in ``privacy_report.csv`` — from the held-out sets present (pooled).

Target on held-out: recall of direct identifiers >= 0.95 with precision >= 0.90.

Rules frozen for held-out batch 66 (issue 21, round 31): four writers wrote
``privacy_heldout_batch66.yaml`` to ``privacy_heldout_batch69.yaml`` blind to the detector in
session 16 while round 31 was built (sealed, never read, ``span_occurrences: all``); after the
round-31 rules were frozen (commit 48825da, the round-27 tagger) each was run once and its figures
went to ``RECORDED_ONE_SHOT`` before any rule changed. Batches 62 to 65 (four writers, written blind
while round 30 was built, scored once each after its freeze, commit 8ad4c59) are development data
since round 31. Batches 58 to 61 (four writers, written blind
while round 29 was built, scored once each after its freeze, commit 0613584) are development data
since round 30. Batches 54 to 57 (four writers, written blind
while round 28 was built, scored once each after its freeze, commit de685d3) are development data
since round 29. Batches 50 to 53 (four writers, written blind
while round 27 was built, scored once each after its freeze, commit c67eb6d) are development data
since round 28. Batches 46 to 49 (four writers, written blind
while round 26 was built, scored once each after its freeze, commit 217f628) are development data
since round 27. Batches 42 to 45 (four writers, written blind while
rounds 24 and 25 were built, scored once each after round 25's freeze, ``RECORDED_ONE_SHOT``) are
development data since round 26. Batch 4 (round 4's held-out
set) is development data since round 5, batch 5 (round 5's) since round 6, batch 6 (round 6's)
since round 7, batch 7 (round 7's) since round 8, batch 8 (round 8's) since round 9, batch 9
(round 9's) since round 10, batch 10 (round 10's) since round 11, batch 11 (round 11's) since
round 12, batch 12 (round 12's) since round 13, batch 13 (round 13's) since round 14, batch 14
(round 14's) since round 15, batch 15 (round 15's, scored once on 2026-12-07) since round 16.
Batches 16 and 17 (round 16's blind batch and the batch of a writer asked to surprise the
detector, both scored once on 2026-12-07, figures in ``RECORDED_ONE_SHOT``) are development data
since round 17. Batches 18 and 19 (written blind while round 17 was built, scored once each
after its freeze on 2026-12-07; writer 19 asked to surprise the detector) are development data
since round 18. Batches 20 and 21 (written blind while round 18 was built, scored once each
after its freeze on 2026-12-07, ``RECORDED_ONE_SHOT``; writer 21 asked to write as texts arrive
from many offices) are development data since round 19. Batches 22 to 25 (four writers, written
blind for the round-19 rules, scored once each after its freeze, ``RECORDED_ONE_SHOT``; the
recall file pools them until the next blind batches are scored) are development data since
round 20. Batches 26 to 29 (four writers, written blind for the round-20 rules, scored once each
on 2026-12-07, ``RECORDED_ONE_SHOT``; the recall file pools them until batches 30 and 31 are
scored) are development data since round 21. Batches 30 and 31 (two writers, written blind for
the round-21 rules, scored once each on 2026-12-07, ``RECORDED_ONE_SHOT``; the recall file pools
them until batches 32 and 33 are scored) are development data since round 22. Batches 32 and 33
(two writers, written blind for the round-22 rules, scored once each on 2026-12-07,
``RECORDED_ONE_SHOT``; the recall file pools them until batches 34 and 35 are scored) are
development data since round 23. Batches 34 to 37 (four writers, written blind for the round-23
rules, scored once each on 2026-12-07, ``RECORDED_ONE_SHOT``; the recall file pooled them until
batches 38 to 41 are scored) are development data since round 24. Batches 38 to 41 (four
writers, written blind while round 24 was built, scored once each on 2026-12-07 after its freeze,
``RECORDED_ONE_SHOT``; the recall file pooled them until batches 42 to 45 are scored) are
development data since round 25.
``train_name_tagger.py`` holds out batches 50 to 53 (``HELD_OUT``): it never
trains on a blind batch before the round that makes it development data.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from futoko_research.privacy.evaluate import (
    evaluate_fixture,
    read_fixture,
    score_spans,
)
from futoko_research.privacy.lexicon import DIRECT_KINDS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
RECALL_FILE = ROOT / "futoko_research" / "resources" / "privacy_recall.json"
#: (name, path, is_held_out)
SETS = [
    ("development", FIXTURES / "privacy_dev.yaml", False),
    ("round-1 held-out (run once, then fixed on: now development)", FIXTURES / "privacy_heldout_r1.yaml", False),
    ("development batch 1 (independent writer, tuned on)", FIXTURES / "privacy_dev_batch1.yaml", False),
    ("round-2 held-out (run once, then development)", FIXTURES / "privacy_heldout.yaml", False),
    ("batch 2 (writer 2; held-out once in session 3, then tuned on: development)",
     FIXTURES / "privacy_heldout_batch2.yaml", False),
    ("batch 3 lead (the rules' own writer, round 3: development)", FIXTURES / "privacy_dev_batch3_lead.yaml", False),
    ("batch 3 (writer 3; held-out once in round 3, then tuned on in round 4: development)",
     FIXTURES / "privacy_heldout_batch3.yaml", False),
    ("batch 4 (writer 4; held-out once in round 4, then tuned on in round 5: development)",
     FIXTURES / "privacy_heldout_batch4.yaml", False),
    ("batch 5 (writer 5; held-out once in round 5, then tuned on in round 6: development)",
     FIXTURES / "privacy_heldout_batch5.yaml", False),
    ("batch 6 (writer 6; held-out once in round 6, then tuned on in round 7: development)",
     FIXTURES / "privacy_heldout_batch6.yaml", False),
    ("batch 7 (writer 7; held-out once in round 7, then tuned on in round 8: development)",
     FIXTURES / "privacy_heldout_batch7.yaml", False),
    ("batch 8 (writer 8; held-out once in round 8, then tuned on in round 9: development)",
     FIXTURES / "privacy_heldout_batch8.yaml", False),
    ("batch 9 (writer 9; held-out once in round 9, then tuned on in round 10: development)",
     FIXTURES / "privacy_heldout_batch9.yaml", False),
    ("batch 10 (writer 10; held-out once in round 10, then tuned on in round 11: development)",
     FIXTURES / "privacy_heldout_batch10.yaml", False),
    ("batch 11 (writer 11; held-out once in round 11, then tuned on in round 12: development)",
     FIXTURES / "privacy_heldout_batch11.yaml", False),
    ("batch 12 (writer 12; held-out once in round 12, then tuned on in round 13: development)",
     FIXTURES / "privacy_heldout_batch12.yaml", False),
    ("batch 13 (writer 13; held-out once in round 13, then development in round 14)",
     FIXTURES / "privacy_heldout_batch13.yaml", False),
    ("batch 14 (writer 14; held-out once in round 14, then development in round 15)",
     FIXTURES / "privacy_heldout_batch14.yaml", False),
    ("batch 15 (writer 15; held-out once in round 15, then development in round 16)",
     FIXTURES / "privacy_heldout_batch15.yaml", False),
    ("batch 16 (writer 16; held-out once in round 16, then development in round 17)",
     FIXTURES / "privacy_heldout_batch16.yaml", False),
    ("batch 17 (writer 17, asked to surprise the detector; held-out once in round 16, then development in round 17)",
     FIXTURES / "privacy_heldout_batch17.yaml", False),
    ("batch 18 (writer 18; held-out once after round 17, then development in round 18)",
     FIXTURES / "privacy_heldout_batch18.yaml", False),
    ("batch 19 (writer 19, asked to surprise the detector; held-out once after round 17, then development in round 18)",
     FIXTURES / "privacy_heldout_batch19.yaml", False),
    ("batch 20 (writer 20; held-out once after round 18, then development in round 19)",
     FIXTURES / "privacy_heldout_batch20.yaml", False),
    ("batch 21 (writer 21, texts as many offices write them; held-out once after round 18, then development in round 19)",
     FIXTURES / "privacy_heldout_batch21.yaml", False),
    ("batch 22 (writer 22; held-out once after round 19, then development in round 20)",
     FIXTURES / "privacy_heldout_batch22.yaml", False),
    ("batch 23 (writer 23, asked to surprise a careful detector; held-out once after round 19, then development in round 20)",
     FIXTURES / "privacy_heldout_batch23.yaml", False),
    ("batch 24 (writer 24, parts of a name marked on their own; held-out once after round 19, then development in round 20)",
     FIXTURES / "privacy_heldout_batch24.yaml", False),
    ("batch 25 (writer 25, texts as many offices write them; held-out once after round 19, then development in round 20)",
     FIXTURES / "privacy_heldout_batch25.yaml", False),
    ("batch 26 (writer 26; held-out once after round 20, then development in round 21)",
     FIXTURES / "privacy_heldout_batch26.yaml", False),
    ("batch 27 (writer 27, texts as many offices write them; held-out once after round 20, then development in round 21)",
     FIXTURES / "privacy_heldout_batch27.yaml", False),
    ("batch 28 (writer 28; held-out once after round 20, then development in round 21)",
     FIXTURES / "privacy_heldout_batch28.yaml", False),
    ("batch 29 (writer 29, texts as many offices write them; held-out once after round 20, then development in round 21)",
     FIXTURES / "privacy_heldout_batch29.yaml", False),
    ("batch 30 (writer 30; held-out once after round 21, then development in round 22)",
     FIXTURES / "privacy_heldout_batch30.yaml", False),
    ("batch 31 (writer 31, texts as many offices write them; held-out once after round 21, then development in round 22)",
     FIXTURES / "privacy_heldout_batch31.yaml", False),
    ("batch 32 (writer 32; held-out once after round 22, then development in round 23)",
     FIXTURES / "privacy_heldout_batch32.yaml", False),
    ("batch 33 (writer 33, texts as many offices write them; held-out once after round 22, then development in round 23)",
     FIXTURES / "privacy_heldout_batch33.yaml", False),
    ("batch 34 (writer 34; held-out once after round 23, then development in round 24)",
     FIXTURES / "privacy_heldout_batch34.yaml", False),
    ("batch 35 (writer 35, texts as many offices write them; held-out once after round 23, then development in round 24)",
     FIXTURES / "privacy_heldout_batch35.yaml", False),
    ("batch 36 (writer 36, a city ward with many families from abroad; held-out once after round 23, then development in round 24)",
     FIXTURES / "privacy_heldout_batch36.yaml", False),
    ("batch 37 (writer 37, records sent to a prefectural research team; held-out once after round 23, then development in round 24)",
     FIXTURES / "privacy_heldout_batch37.yaml", False),
    ("batch 38 (writer 38, islands and a mountain district; held-out once after round 24, then development in round 25)",
     FIXTURES / "privacy_heldout_batch38.yaml", False),
    ("batch 39 (writer 39, one junior high school's grade team; held-out once after round 24, then development in round 25)",
     FIXTURES / "privacy_heldout_batch39.yaml", False),
    ("batch 40 (writer 40, NPO learning rooms with many families from abroad; held-out once after round 24, then development in round 25)",
     FIXTURES / "privacy_heldout_batch40.yaml", False),
    ("batch 41 (writer 41, a clinic, a child guidance centre and a board; held-out once after round 24, then development in round 25)",
     FIXTURES / "privacy_heldout_batch41.yaml", False),
    ("batch 42 (writer 42, a port city and its villages; held-out once after round 25, then development in round 26)",
     FIXTURES / "privacy_heldout_batch42.yaml", False),
    ("batch 43 (writer 43, a correspondence course and an online free school; held-out once after round 25, then development in round 26)",
     FIXTURES / "privacy_heldout_batch43.yaml", False),
    ("batch 44 (writer 44, a city's review of support for families from abroad; held-out once after round 25, then development in round 26)",
     FIXTURES / "privacy_heldout_batch44.yaml", False),
    ("batch 45 (writer 45, three elementary schools and a children's centre; held-out once after round 25, then development in round 26)",
     FIXTURES / "privacy_heldout_batch45.yaml", False),
    ("batch 46 (writer 46, a town board's year of texts; held-out once after round 26, then development in round 27)",
     FIXTURES / "privacy_heldout_batch46.yaml", False),
    ("batch 47 (writer 47, a senior high and a correspondence high school; held-out once after round 26, then development in round 27)",
     FIXTURES / "privacy_heldout_batch47.yaml", False),
    ("batch 48 (writer 48, many offices, less common forms; held-out once after round 26, then development in round 27)",
     FIXTURES / "privacy_heldout_batch48.yaml", False),
    ("batch 49 (writer 49, a rural town and its hamlets, house names; held-out once after round 26, then development in round 27)",
     FIXTURES / "privacy_heldout_batch49.yaml", False),
    ("batch 50 (writer 50, an education support centre and its schools; held-out once after round 27, then development in round 28)",
     FIXTURES / "privacy_heldout_batch50.yaml", False),
    ("batch 51 (writer 51, many offices, less common but natural forms; held-out once after round 27, then development in round 28)",
     FIXTURES / "privacy_heldout_batch51.yaml", False),
    ("batch 52 (writer 52, a junior high school with many families from abroad; held-out once after round 27, then development in round 28)",
     FIXTURES / "privacy_heldout_batch52.yaml", False),
    ("batch 53 (writer 53, an online free school and a correspondence high school's office; held-out once after round 27, then development in round 28)",
     FIXTURES / "privacy_heldout_batch53.yaml", False),
    ("batch 54 (writer 54, a rural town's board of education and its two schools; held-out once after round 28, then development in round 29)",
     FIXTURES / "privacy_heldout_batch54.yaml", False),
    ("batch 55 (writer 55, a child guidance centre and a city's welfare section; held-out once after round 28, then development in round 29)",
     FIXTURES / "privacy_heldout_batch55.yaml", False),
    ("batch 56 (writer 56, school counsellors and social workers; held-out once after round 28, then development in round 29)",
     FIXTURES / "privacy_heldout_batch56.yaml", False),
    ("batch 57 (writer 57, a free school with a classroom and an online space; held-out once after round 28, then development in round 29)",
     FIXTURES / "privacy_heldout_batch57.yaml", False),
    ("batch 58 (writer 58, an elementary and a junior high school in a mid-sized city; held-out once after round 29, then development in round 30)",
     FIXTURES / "privacy_heldout_batch58.yaml", False),
    ("batch 59 (writer 59, a child psychiatry clinic and a counselling room; held-out once after round 29, then development in round 30)",
     FIXTURES / "privacy_heldout_batch59.yaml", False),
    ("batch 60 (writer 60, a board of education office and its parents' support group; held-out once after round 29, then development in round 30)",
     FIXTURES / "privacy_heldout_batch60.yaml", False),
    ("batch 61 (writer 61, a learning-support room for children of families from abroad and an online homework club; held-out once after round 29, then development in round 30)",
     FIXTURES / "privacy_heldout_batch61.yaml", False),
    ("batch 62 (writer 62, a part-time and correspondence high school; held-out once after round 30, then development in round 31)",
     FIXTURES / "privacy_heldout_batch62.yaml", False),
    ("batch 63 (writer 63, a city's education support centre; held-out once after round 30, then development in round 31)",
     FIXTURES / "privacy_heldout_batch63.yaml", False),
    ("batch 64 (writer 64, university researchers' interviews and field notes; held-out once after round 30, then development in round 31)",
     FIXTURES / "privacy_heldout_batch64.yaml", False),
    ("batch 65 (writer 65, schools' reports to a prefectural board for the annual absence survey; held-out once after round 30, then development in round 31)",
     FIXTURES / "privacy_heldout_batch65.yaml", False),
    ("held-out batch 66 (written blind while round 31 was built, scored once after its freeze: a junior high school's in-school support room)",
     FIXTURES / "privacy_heldout_batch66.yaml", True),
    ("held-out batch 67 (written blind by a second writer: a prefectural phone and social-media counselling service, less common forms)",
     FIXTURES / "privacy_heldout_batch67.yaml", True),
    ("held-out batch 68 (written blind by a third writer: a private free school and its parents' association)",
     FIXTURES / "privacy_heldout_batch68.yaml", True),
    ("held-out batch 69 (written blind by a fourth writer: a city's council for children in need of protection)",
     FIXTURES / "privacy_heldout_batch69.yaml", True),
]
TARGET_RECALL, TARGET_PRECISION = 0.95, 0.90

#: the honest one-shot measurements (each held-out set was run once before any fix; later runs
#: of privacy_heldout_r1.yaml are on development data, see the fixture headers)
RECORDED_ONE_SHOT = [
    ("privacy_heldout_r1.yaml (round 1)", "direct recall 0.902, precision 0.902 (37/41) - target not met"),
    ("privacy_heldout.yaml (round 2)", "direct recall 0.971, precision 1.000 (34/35) - target met"),
    ("privacy_heldout_batch2.yaml (writer 2, session 3, rules frozen)",
     "direct recall 0.828 [0.766, 0.876], precision 0.925 [0.874, 0.957] (149/180) - target not met"),
    ("privacy_heldout_batch3.yaml (writer 3, round 3, rules frozen)",
     "direct recall 0.873 [0.831, 0.906], precision 0.946 [0.913, 0.967] (262/300) - target not met"),
    ("privacy_heldout_batch4.yaml (writer 4, round 4, rules frozen; each occurrence of a listed name counts)",
     "direct recall 0.882 [0.850, 0.907], precision 0.930 [0.904, 0.950] (440/499) - target not met"),
    ("privacy_heldout_batch4.yaml (same run, second occurrences not yet counted as gold)",
     "direct recall 0.887 [0.854, 0.914], precision 0.814 [0.776, 0.846] (385/434)"),
    ("privacy_heldout_batch5.yaml (writer 5, round 5, rules frozen)",
     "direct recall 0.903 [0.878, 0.923], precision 0.946 [0.925, 0.961] (595/659) - target not met"),
    ("privacy_heldout_batch6.yaml (writer 6, round 6, rules frozen; writer asked to weight bare given names,"
     " initials, romaji and readings)",
     "direct recall 0.849 [0.820, 0.874], precision 0.942 [0.921, 0.958] (584/688) - target not met"),
    ("privacy_heldout_batch7.yaml (writer 7, round 7, rules frozen; natural proportions of shapes)",
     "direct recall 0.887 [0.859, 0.910], precision 0.957 [0.937, 0.971] (532/600) - target not met"),
    ("privacy_heldout_batch8.yaml (writer 8, round 8, rules frozen; natural mix of 15 styles incl. English"
     " notes, chats and flattened tables)",
     "direct recall 0.825 [0.796, 0.850], precision 0.951 [0.931, 0.965] (616/747) - target not met"),
    ("privacy_heldout_batch9.yaml (writer 9, round 9, rules frozen; natural proportions, 14 styles)",
     "direct recall 0.933 [0.914, 0.948], precision 0.951 [0.934, 0.964] (776/832) - target not met"),
    ("privacy_heldout_batch10.yaml (writer 10, round 10, rules frozen; natural proportions, 16 styles)",
     "direct recall 0.931 [0.909, 0.948], precision 0.971 [0.954, 0.981] (595/639) - target not met"),
    ("privacy_heldout_batch11.yaml (writer 11, round 11, rules frozen; natural proportions, 17 styles)",
     "direct recall 0.922 [0.895, 0.942], precision 0.979 [0.962, 0.989] (471/511) - target not met"),
    ("privacy_heldout_batch12.yaml (writer 12, round 12, rules frozen; natural proportions, 20 styles)",
     "direct recall 0.886 [0.858, 0.909], precision 0.942 [0.919, 0.958] (534/603) - target not met"),
    ("privacy_heldout_batch12.yaml (same rules, scored after the evaluator learnt that 〒, an id's label and"
     " 第…号 may stand in a span or not)",
     "direct recall 0.902 [0.876, 0.923], precision 0.959 [0.940, 0.973] (544/603) - target not met"),
    ("privacy_heldout_batch13.yaml (writer 13, round 13, rules frozen; natural proportions, 23 styles incl."
     " English notes)",
     "direct recall 0.910 [0.883, 0.931], precision 0.956 [0.934, 0.970] (495/544) - target not met"),
    ("privacy_heldout_batch14.yaml (writer 14, round 14 with the learned name tagger, rules frozen; natural"
     " proportions, about 40 styles incl. English and Vietnamese notes)",
     "direct recall 0.907 [0.880, 0.929], precision 0.931 [0.906, 0.949] (498/549) - target not met"),
    ("privacy_heldout_batch15.yaml (writer 15, round 15: ordinary-word guard, glued given names, address"
     " extents; rules frozen; natural proportions, 98 style labels)",
     "direct recall 0.886 [0.858, 0.910], precision 0.938 [0.915, 0.955] (515/581) - target not met"),
    ("privacy_heldout_batch16.yaml (writer 16, round 16: names joined by ・ or '.', glued full and Chinese names"
     " in person slots, nicknames, kana non-names, street and romanised addresses; retrained tagger; rules"
     " frozen; 213 notes, 213 style labels)",
     "direct recall 0.962 [0.944, 0.975], precision 0.947 [0.926, 0.962] (585/608) - target met"),
    ("privacy_heldout_batch17.yaml (writer 17, same round-16 rules, scored the same day as batch 16 to check it;"
     " the writer was asked to surprise the detector with less common but natural forms; 219 notes, 219 style"
     " labels)",
     "direct recall 0.843 [0.815, 0.868], precision 0.900 [0.875, 0.920] (618/733) - target not met"),
    ("privacy_heldout_batch18.yaml (writer 18, round 17: width-normalised copy, kanji numerals in number shapes,"
     " lead and tail words of names, table readings, id shapes, address extents; retrained tagger; written blind"
     " while round 17 was built, sealed, scored after the freeze; 217 notes)",
     "direct recall 0.927 [0.904, 0.945], precision 0.960 [0.942, 0.973] (582/628) - target not met"),
    ("privacy_heldout_batch18.yaml (same rules, scored after the evaluator learnt that a street address and its"
     " building may be one span or two)",
     "direct recall 0.946 [0.925, 0.961], precision 0.971 [0.954, 0.981] (594/628) - target not met"),
    ("privacy_heldout_batch19.yaml (writer 19, round 17, asked to write like many offices with their own habits"
     " and to surprise the detector; written blind, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.864 [0.835, 0.889], precision 0.894 [0.867, 0.917] (516/597) - target not met"),
    ("privacy_heldout_batch19.yaml (same rules, street address and building convention)",
     "direct recall 0.881 [0.853, 0.905], precision 0.904 [0.877, 0.925] (526/597) - target not met"),
    ("privacy_heldout_batch20.yaml (writer 20, round 18: 大字・字 and stand-alone building addresses, de-spaced"
     " letter runs, old kanji forms, chat handles, names from their neighbours, non-name guards; retrained"
     " tagger; written blind while round 18 was built, sealed, scored after the freeze; 212 notes)",
     "direct recall 0.950 [0.929, 0.965], precision 0.976 [0.960, 0.986] (567/597) - target not met"),
    ("privacy_heldout_batch21.yaml (writer 21, round 18, asked to write as texts really arrive from many offices"
     " with their own habits; written blind, sealed, scored after the freeze; 211 notes)",
     "direct recall 0.918 [0.896, 0.936], precision 0.934 [0.913, 0.950] (664/723) - target not met"),
    ("privacy_heldout_batch22.yaml (writer 22, round 19: roster lines, names around one space, plain-word guards,"
     " record numbers and addresses from line shapes, label slots; retrained tagger; written blind while round 19"
     " was built, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.881 [0.857, 0.902], precision 0.911 [0.890, 0.929] (720/817) - target not met"),
    ("privacy_heldout_batch23.yaml (writer 23, round 19, asked to surprise a careful detector; written blind,"
     " sealed, scored after the freeze; 210 notes)",
     "direct recall 0.866 [0.841, 0.888], precision 0.907 [0.885, 0.925] (713/823) - target not met"),
    ("privacy_heldout_batch24.yaml (writer 24, round 19, ordinary brief; the writer's tools let a part of a"
     " marked name be marked where it stands alone (full name once, then the family name); written after the"
     " freeze, sealed, scored once; 210 notes)",
     "direct recall 0.956 [0.939, 0.968], precision 0.945 [0.927, 0.959] (760/795) - target met"),
    ("privacy_heldout_batch25.yaml (writer 25, round 19, texts as they really arrive from many offices; same"
     " tools as writer 24; written after the freeze, sealed, scored once; 210 notes)",
     "direct recall 0.904 [0.882, 0.922], precision 0.929 [0.909, 0.944] (768/850) - target not met"),
    ("privacy_heldout_batch26.yaml (writer 26, round 20: names after roles, full-stop joints, kana chat speakers,"
     " label ends, self-introductions, cited theorists; retrained tagger; written blind while round 20 was built,"
     " sealed, scored after the freeze; 210 notes)",
     "direct recall 0.935 [0.916, 0.950], precision 0.972 [0.958, 0.981] (758/811) - target not met"),
    ("privacy_heldout_batch27.yaml (writer 27, round 20, texts as they really arrive from many offices; written"
     " blind, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.923 [0.903, 0.939], precision 0.923 [0.903, 0.939] (781/846) - target not met"),
    ("privacy_heldout_batch28.yaml (writer 28, round 20, ordinary brief, places outside big cities and families"
     " with several children; written blind in session 11, sealed, scored once; 210 notes)",
     "direct recall 0.940 [0.921, 0.954], precision 0.961 [0.945, 0.972] (780/830) - target not met"),
    ("privacy_heldout_batch29.yaml (writer 29, round 20, texts as they really arrive from many offices; written"
     " blind in session 11, sealed, scored once; 210 notes)",
     "direct recall 0.937 [0.919, 0.952], precision 0.950 [0.933, 0.963] (793/846) - target not met"),
    ("privacy_heldout_batch30.yaml (writer 30, round 21: seal and record words cut from names, full-stop joints"
     " of two findings, spaced phones, toll-free numbers, handles in logs, katakana names after roles;"
     " retrained tagger; written blind while round 21 was built, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.926 [0.906, 0.942], precision 0.949 [0.932, 0.962] (764/825) - target not met"),
    ("privacy_heldout_batch31.yaml (writer 31, round 21, texts as they really arrive from many offices; written"
     " blind, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.911 [0.889, 0.928], precision 0.945 [0.927, 0.959] (754/828) - target not met"),
    ("privacy_heldout_batch32.yaml (writer 32, round 22: family parts of a full name found in the note,"
     " romanised-name edges, initials in minutes, names cut short, kana names on cards; retrained tagger;"
     " written blind while round 22 was built, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.932 [0.912, 0.947], precision 0.965 [0.950, 0.976] (753/808) - target not met"),
    ("privacy_heldout_batch33.yaml (writer 33, round 22, texts as they really arrive from many offices; written"
     " blind, sealed, scored after the freeze; 210 notes)",
     "direct recall 0.895 [0.873, 0.914], precision 0.919 [0.898, 0.935] (770/860) - target not met"),
    ("privacy_heldout_batch34.yaml (writer 34, round 23: numbered table headers, initials in minutes, full names"
     " completed across a space, record words glued to names, nicknames, echoes of late findings; retrained"
     " tagger; ordinary brief, a city and a rural town; written blind in session 12, sealed, scored once; 209 notes)",
     "direct recall 0.891 [0.868, 0.911], precision 0.939 [0.920, 0.954] (714/801) - target not met"),
    ("privacy_heldout_batch35.yaml (writer 35, round 23, texts as they really arrive from many offices; written"
     " blind in session 12, sealed, scored once; 210 notes)",
     "direct recall 0.922 [0.901, 0.938], precision 0.949 [0.931, 0.962] (742/805) - target not met"),
    ("privacy_heldout_batch36.yaml (writer 36, round 23, a city ward with many families from abroad; written"
     " blind in session 12, sealed, scored once; 202 notes)",
     "direct recall 0.834 [0.805, 0.859], precision 0.949 [0.929, 0.963] (627/752) - target not met"),
    ("privacy_heldout_batch37.yaml (writer 37, round 23, records sent to a prefectural research team; written"
     " blind in session 12, sealed, scored once; 210 notes)",
     "direct recall 0.915 [0.894, 0.932], precision 0.913 [0.891, 0.930] (741/810) - target not met"),
    ("privacy_heldout_batch38.yaml (writer 38, round 24: family names with a second sense in person slots,"
     " katakana chains, romanised names in letters and chats, given parts; retrained tagger (feature version 2);"
     " islands and a mountain district; written blind at the start of session 13, sealed, scored once; 207 notes)",
     "direct recall 0.895 [0.872, 0.914], precision 0.806 [0.780, 0.831] (741/828) - target not met"),
    ("privacy_heldout_batch39.yaml (writer 39, round 24, one junior high school's grade team; written blind,"
     " sealed, scored once; 210 notes)",
     "direct recall 0.888 [0.865, 0.908], precision 0.952 [0.935, 0.965] (740/833) - target not met"),
    ("privacy_heldout_batch40.yaml (writer 40, round 24, NPO learning rooms with many families from abroad;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.835 [0.808, 0.858], precision 0.921 [0.900, 0.938] (703/842) - target not met"),
    ("privacy_heldout_batch41.yaml (writer 41, round 24, a clinic, a child guidance centre and a board;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.871 [0.846, 0.893], precision 0.921 [0.899, 0.938] (698/801) - target not met"),
    ("privacy_heldout_batch42.yaml (writer 42, round 25: places of the collection that read as family names,"
     " kinship nicknames, kana title heads; round-24 tagger; a port city and its villages; written blind in"
     " session 13, sealed, scored once; 210 notes)",
     "direct recall 0.924 [0.904, 0.940], precision 0.903 [0.881, 0.921] (780/844) - target not met"),
    ("privacy_heldout_batch43.yaml (writer 43, round 25, a correspondence course's support office and an online"
     " free school; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.824 [0.796, 0.848], precision 0.941 [0.921, 0.956] (672/816) - target not met"),
    ("privacy_heldout_batch44.yaml (writer 44, round 25, a city's review of support for families from abroad;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.882 [0.857, 0.903], precision 0.929 [0.908, 0.945] (665/754) - target not met"),
    ("privacy_heldout_batch45.yaml (writer 45, round 25, three elementary schools and a children's centre;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.904 [0.881, 0.923], precision 0.933 [0.913, 0.949] (698/772) - target not met"),
    ("privacy_heldout_batch46.yaml (writer 46, round 26: names of the collection found in its other texts;"
     " tagger retrained on batches 1-45; a town board's year of texts; written blind in session 14, sealed,"
     " scored once; 210 notes)",
     "direct recall 0.907 [0.883, 0.927], precision 0.914 [0.890, 0.933] (616/679) - target not met"),
    ("privacy_heldout_batch47.yaml (writer 47, round 26, a senior high and a part-time/correspondence high"
     " school; written blind, sealed, scored once; 212 notes)",
     "direct recall 0.863 [0.836, 0.885], precision 0.920 [0.898, 0.938] (647/750) - target not met"),
    ("privacy_heldout_batch48.yaml (writer 48, round 26, many offices, less common but natural forms;"
     " written blind, sealed, scored once; 215 notes)",
     "direct recall 0.866 [0.837, 0.891], precision 0.915 [0.890, 0.935] (530/612) - target not met"),
    ("privacy_heldout_batch49.yaml (writer 49, round 26, a rural town and its hamlets, house names;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.820 [0.790, 0.846], precision 0.864 [0.836, 0.888] (586/715) - target not met"),
    ("privacy_heldout_batch50.yaml (writer 50, round 27: names a chat, a social-media page or a village names"
     " as such; the round-26 tagger; an education support centre and its schools; written blind in session 14,"
     " sealed, scored once; 211 notes)",
     "direct recall 0.933 [0.914, 0.948], precision 0.940 [0.921, 0.954] (751/805) - target not met"),
    ("privacy_heldout_batch51.yaml (writer 51, round 27, many offices, less common but natural forms;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.887 [0.861, 0.908], precision 0.937 [0.916, 0.953] (612/690) - target not met"),
    ("privacy_heldout_batch52.yaml (writer 52, round 27, a junior high school with many families from abroad;"
     " written blind, sealed, scored once; 216 notes)",
     "direct recall 0.838 [0.812, 0.862], precision 0.905 [0.882, 0.924] (680/811) - target not met"),
    ("privacy_heldout_batch53.yaml (writer 53, round 27, an online free school and a correspondence high"
     " school's office; written blind, sealed, scored once; 212 notes)",
     "direct recall 0.824 [0.797, 0.848], precision 0.927 [0.907, 0.943] (713/865) - target not met"),
    ("privacy_heldout_batch54.yaml (writer 54, round 28: speakers of a conversation, whole romanised names,"
     " names before titles; the round-27 tagger; a rural town's board of education and its two schools;"
     " written blind in session 15, sealed, scored once; 210 notes)",
     "direct recall 0.947 [0.930, 0.959], precision 0.923 [0.904, 0.938] (870/919) - target not met"),
    ("privacy_heldout_batch55.yaml (writer 55, round 28, a child guidance centre and a city's welfare section;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.909 [0.888, 0.926], precision 0.928 [0.909, 0.944] (817/899) - target not met"),
    ("privacy_heldout_batch56.yaml (writer 56, round 28, school counsellors and social workers, less common"
     " forms; written blind, sealed, scored once; 212 notes)",
     "direct recall 0.925 [0.902, 0.943], precision 0.953 [0.933, 0.967] (582/629) - target not met"),
    ("privacy_heldout_batch57.yaml (writer 57, round 28, a free school with a classroom and an online space;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.804 [0.776, 0.830], precision 0.942 [0.922, 0.957] (650/808) - target not met"),
    ("privacy_heldout_batch58.yaml (writer 58, round 29: handles and display names named as such; the round-27"
     " tagger; an elementary and a junior high school in a mid-sized city; written blind in session 15, sealed,"
     " scored once; 211 notes)",
     "direct recall 0.934 [0.915, 0.949], precision 0.942 [0.924, 0.957] (737/789) - target not met"),
    ("privacy_heldout_batch59.yaml (writer 59, round 29, a child psychiatry clinic and a counselling room, less"
     " common forms; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.916 [0.894, 0.934], precision 0.920 [0.898, 0.937] (686/749) - target not met"),
    ("privacy_heldout_batch60.yaml (writer 60, round 29, a board of education office and its parents' support"
     " group; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.919 [0.899, 0.935], precision 0.942 [0.924, 0.955] (807/878) - target not met"),
    ("privacy_heldout_batch61.yaml (writer 61, round 29, a learning-support room for children of families from"
     " abroad and an online homework club; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.781 [0.755, 0.805], precision 0.854 [0.830, 0.875] (803/1028) - target not met"),
    ("privacy_heldout_batch62.yaml (writer 62, round 30: Latin handles by their place, names of families abroad,"
     " kana names on tags and signatures; the round-27 tagger; a part-time and correspondence high school;"
     " written blind in session 16, sealed, scored once; 215 notes)",
     "direct recall 0.946 [0.926, 0.961], precision 0.956 [0.937, 0.969] (647/684) - target not met"),
    ("privacy_heldout_batch63.yaml (writer 63, round 30, a city's education support centre; written blind, sealed,"
     " scored once; 212 notes)",
     "direct recall 0.914 [0.892, 0.931], precision 0.951 [0.933, 0.964] (721/789) - target not met"),
    ("privacy_heldout_batch64.yaml (writer 64, round 30, university researchers' interviews and field notes, less"
     " common forms; written blind, sealed, scored once; 212 notes)",
     "direct recall 0.848 [0.823, 0.871], precision 0.908 [0.886, 0.926] (727/857) - target not met"),
    ("privacy_heldout_batch65.yaml (writer 65, round 30, schools' reports to a prefectural board for the annual"
     " absence survey; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.913 [0.886, 0.934], precision 0.920 [0.893, 0.941] (472/517) - target not met"),
    ("privacy_heldout_batch66.yaml (writer 66, round 31: speakers of minutes after their office, participants'"
     " codes; the round-27 tagger; a junior high school's in-school support room; written blind in session 16,"
     " sealed, scored once; 210 notes)",
     "direct recall 0.923 [0.901, 0.940], precision 0.948 [0.930, 0.962] (680/737) - target not met"),
    ("privacy_heldout_batch67.yaml (writer 67, round 31, a prefectural phone and social-media counselling"
     " service, less common forms; written blind, sealed, scored once; 210 notes)",
     "direct recall 0.862 [0.832, 0.887], precision 0.934 [0.911, 0.952] (525/609) - target not met"),
    ("privacy_heldout_batch68.yaml (writer 68, round 31, a private free school and its parents' association;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.921 [0.899, 0.938], precision 0.944 [0.924, 0.958] (687/746) - target not met"),
    ("privacy_heldout_batch69.yaml (writer 69, round 31, a city's council for children in need of protection;"
     " written blind, sealed, scored once; 210 notes)",
     "direct recall 0.933 [0.914, 0.947], precision 0.896 [0.874, 0.914] (802/860) - target not met"),
]


def _fmt(x: float) -> str:
    return "" if pd.isna(x) else f"{x:.3f}"


def _parse_set(s: str) -> tuple[str, Path, bool]:
    if "=" not in s:
        raise argparse.ArgumentTypeError(f"--set wants NAME=PATH, got {s!r}")
    name, path = s.split("=", 1)
    return name, Path(path), "heldout" in name.lower().replace("-", "")


def write_recall(paths: list[Path], *, use_ner: bool) -> dict:
    """Pool the gold and certain findings of ``paths`` and write the recall resource file."""
    from futoko_research.privacy.detect import find_personal_data

    golds, preds = [], []
    offset = 0
    for path in paths:
        texts, gold = read_fixture(path)
        pred = find_personal_data(texts, use_ner=use_ner, include_uncertain=False)
        golds.append(gold.assign(text_idx=gold["text_idx"] + offset))
        preds.append(pred.assign(text_idx=pred["text_idx"].astype(int) + offset))
        offset += len(texts)
    scores = score_spans(pd.concat(golds, ignore_index=True), pd.concat(preds, ignore_index=True))
    table = scores.set_index("kind")
    out = {
        "version": 1,
        "synthetic": True,
        "about": "full-span recall of certain findings on invented held-out notes "
                 "(benchmarks/eval_privacy.py --write-recall); 95 % Wilson intervals",
        "sets": [p.name for p in paths],
        "use_ner": use_ner,
        "kinds": {},
    }
    for kind in [*DIRECT_KINDS, "direct"]:
        if kind in table.index and table.loc[kind, "n_gold"] > 0:
            r = table.loc[kind]
            out["kinds"][kind] = {
                "n_gold": int(r["n_gold"]), "n_match": int(r["n_match"]),
                "recall": round(float(r["recall"]), 4), "recall_lo": round(float(r["recall_lo"]), 4),
                "recall_hi": round(float(r["recall_hi"]), 4),
            }
    RECALL_FILE.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-ner", action="store_true", help="without GiNZA's NER (Sudachi, rules and regexes only)")
    ap.add_argument("--errors", action="store_true", help="list misses (fn) and false alarms (fp)")
    ap.add_argument("--set", dest="sets", action="append", default=[], type=_parse_set, metavar="NAME=PATH",
                    help="another annotated set (a NAME containing 'heldout' counts as held-out)")
    ap.add_argument("--only", action="store_true", help="evaluate only the --set sets")
    ap.add_argument("--write-recall", action="store_true",
                    help=f"regenerate {RECALL_FILE.relative_to(ROOT)} from the held-out sets present")
    args = ap.parse_args()
    pd.set_option("display.width", 200)
    sets = ([] if args.only else SETS) + args.sets
    held_out = []
    for name, path, is_held_out in sets:
        if not path.exists():
            print(f"\n== {name}: {path.name} not present, skipped ==")
            continue
        held_out += [path] if is_held_out else []
        t0 = time.perf_counter()
        scores, errors, shapes = evaluate_fixture(path, use_ner=not args.no_ner, by_shape=True)
        dt = time.perf_counter() - t0
        texts, gold = read_fixture(path)
        print(f"\n== {name}: {path.name} ({len(texts)} texts, {len(gold)} spans; "
              f"use_ner={not args.no_ner}, {dt:.1f} s) ==")
        print(scores.to_string(index=False, formatters={c: _fmt for c in scores.columns[4:]}))
        print("-- full-span recall per kind and shape --")
        print(shapes.to_string(index=False, formatters={c: _fmt for c in shapes.columns[4:]}))
        direct = scores.loc[scores["kind"] == "direct"].iloc[0]
        ok = direct["recall"] >= TARGET_RECALL and direct["precision"] >= TARGET_PRECISION
        print(f"direct identifiers: recall {direct['recall']:.3f} [{direct['recall_lo']:.3f}, "
              f"{direct['recall_hi']:.3f}], precision {direct['precision']:.3f} "
              f"[{direct['precision_lo']:.3f}, {direct['precision_hi']:.3f}] -> target (recall >= "
              f"{TARGET_RECALL}, precision >= {TARGET_PRECISION}) {'met' if ok else 'NOT met'}")
        if args.errors and len(errors):
            print(errors.to_string(index=False))
    if args.write_recall:
        if not held_out:
            raise SystemExit("--write-recall: no held-out set present")
        res = write_recall(held_out, use_ner=not args.no_ner)
        print(f"\nwrote {RECALL_FILE.relative_to(ROOT)} from {', '.join(res['sets'])}: "
              f"direct recall {res['kinds']['direct']['recall']:.3f}")
    print("\nRecorded first (held-out) runs, GiNZA NER on:")
    for name, result in RECORDED_ONE_SHOT:
        print(f"  {name}: {result}")


if __name__ == "__main__":
    main()
