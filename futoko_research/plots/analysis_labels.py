"""Labels shared by the figures of the outcome-by-intervention analysis.

- :data:`LABELS_JA`, :func:`label_ja` — the Japanese label of a code key
- :func:`order_keys` — keys in the codebook's order, others after them
- :func:`year_title` — a fiscal year as a title says it (``all``, ``unknown``, ``2021年度``)
- :func:`pair_labels` — 「取組 → 成果」 labels of intervention → outcome rows
"""

from __future__ import annotations

import pandas as pd

from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year

#: display labels of the default codebook's codes (used when no codebook is given)
LABELS_JA = {
    "collaboration": "関係機関との連携", "ict": "ICTの活用", "ibasho": "居場所づくり",
    "peer_interaction": "交流・人間関係づくり", "individual_learning": "個に応じた学習支援",
    "counseling": "教育相談", "family_support": "保護者・家庭への支援", "home_visit": "家庭訪問",
    "experiential": "体験活動・スポーツ", "center_operation": "センター等の設置・運営",
    "school_return": "学校復帰・登校", "continued_attendance": "通室・参加の継続",
    "learning_motivation": "学習意欲の向上", "learning_attainment": "学習内容の理解・定着",
    "self_esteem": "自己肯定感・自信", "social_relations": "対人関係・社会性",
    "daily_rhythm": "生活リズムの改善", "future_orientation": "将来・進路への意識",
    "emotional_stability": "心理的安定",
    "school_return_support": "[チェック] 学校復帰に向けた支援",
    "learning_opportunity": "[チェック] 学習機会確保の取組",
    "center_enhancement": "[チェック] センターの機能充実",
}


def label_ja(key: str, codebook=None) -> str:
    """Japanese label of a code key (codebook's label_ja, else the built-in one, else the key)."""
    if codebook is not None and key in codebook:
        lab = getattr(codebook[key], "label_ja", None)
        if lab:
            return str(lab)
    return LABELS_JA.get(key, key)


def order_keys(values, preferred) -> list[str]:
    """The distinct ``values``: those in ``preferred`` in its order, then the others sorted."""
    vals = list(dict.fromkeys(values))
    return [v for v in preferred if v in vals] + sorted(v for v in vals if v not in preferred)


def year_title(fiscal_year: str) -> str:
    """「全年度 (all years)」, 「年度不明 (unknown year)」 or 「2021年度」."""
    label = normalize_year(fiscal_year)
    return ("全年度 (all years)" if label == YEAR_ALL
            else "年度不明 (unknown year)" if label == YEAR_UNKNOWN else f"{label}年度")


def pair_labels(sub: pd.DataFrame, codebook) -> list[str]:
    """「intervention → outcome」 in Japanese for each row of ``sub``."""
    return [f"{label_ja(i, codebook)} → {label_ja(o, codebook)}" for i, o in zip(sub["intervention"], sub["outcome"])]
