"""Round 29 (issue 21): handles and display names that a record names as such, in any script
(``privacy.handlenames``) — each form with an example and a trap.

The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.handlenames import handle_names
from futoko_research.privacy.text import Candidate


def _found(text: str, cands: list[Candidate] | None = None) -> list[str]:
    return [text[c.start:c.end] for c in handle_names(text, cands or []) if c.kind == "person"]


@pytest.mark.parametrize("text, name", [
    ("表示名：かきごおり丸\n内容：ログインできない", "かきごおり丸"),
    ("アカウント名「night_owl22」と複数回会っていた", "night_owl22"),
    ("本人のID名「BlueFalcon」。", "BlueFalcon"),
    ("ニックネーム（キャンプ中の呼び名）：ぺんちゃん\n保護者：", "ぺんちゃん"),
    ("なまえ（ひょうじめい）：こんぶ\nすきなもの：ねこ", "こんぶ"),
    ("児童名（表示名可）：　せんべい将軍\n保護者名：", "せんべい将軍"),
    ('{"user_id":"u_9","display":"もこもこ","event":"join"}', "もこもこ"),
    ("オンラインで「やきそば侍」という名前で参加", "やきそば侍"),
    ("「さんかく」（ひょうじめい）", None),
    ("作品：うみ　くじら（ひょうじめい）", "くじら"),
    ("表示名：スタッフ_ゆきえ", "ゆきえ"),  # a role before the name is cut
    ("表示名：いちご🍓", "いちご"),  # a symbol after it too
])
def test_a_handle_named_as_such(text, name):
    assert _found(text) == ([name] if name else [])


def test_a_list_of_display_names_is_one_name_each():
    assert _found("画面表示名：ゆうくん／Momo／こむぎ（カメラオフ）") == ["ゆうくん", "Momo", "こむぎ"]


def test_the_display_name_column_of_a_flattened_table():
    text = "表示名\t本名\t学年\nこむぎ\t森 あや\t中1\nBlue_9\t川井 翔\t中3\n\n集計は別紙"
    assert _found(text) == ["こむぎ", "Blue_9"]
    csv = "日付,表示名,参加形態\n2024-06-01,わたあめ,オンライン\n2024-06-01,Riku_S,教室"
    assert _found(csv) == ["わたあめ", "Riku_S"]


@pytest.mark.parametrize("text", [
    "表示名：未設定", "表示名：なし", "なまえ：かわの りん",  # a placeholder; a name label is not a handle label
    "表示名\t件数\n合計\t12",  # a table whose column holds a field word
    "ユーザー名：母",  # a kin word
    "相談者（表示名：名無し）: ねむれない",  # anonymous
    "「光」という名前の猫を飼っている",  # a pet's name
])
def test_no_handle(text):
    assert _found(text) == []


def test_a_handle_named_in_one_text_is_found_in_the_others():
    texts = ["表示名：ぽてさら\n内容：パスワード再発行", "ぽてさらがログインした。"]
    found = find_personal_data(texts, use_ner=False)
    assert set(found.loc[found.kind == "person", "text"]) >= {"ぽてさら"}
    assert (found.text_idx == 1).any()
