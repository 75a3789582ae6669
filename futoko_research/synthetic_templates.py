"""Texts of the SYNTHETIC corpus (:mod:`futoko_research.synthetic`): sentence templates and the README.

Every sentence was written for the synthetic corpus; each intervention and outcome key of the
default codebook has templates that its rules recognise, and the neutral sentences carry no code.
"""

from __future__ import annotations

#: activity / goal sentences per intervention (full sentences)
ACTIVITY_TEMPLATES: dict[str, tuple[str, ...]] = {
    "collaboration": (
        "学校、教育委員会、児童相談所が定期的にケース会議を開き、支援の方針について共通理解を図った。",
        "スクールソーシャルワーカーや関係機関と連携し、児童生徒の状況について情報共有を行った。",
        "学校と福祉部局が情報を共有し、関係機関が連携して支援に当たった。",
    ),
    "ict": (
        "一人一台端末を活用し、自宅とオンラインでつながる仕組みをつくった。",
        "タブレットを用いたオンライン授業の環境を用意した。",
        "ＩＣＴ機器を活用して、教室の授業を自宅へ配信した。",
    ),
    "ibasho": (
        "児童生徒が自分のペースで過ごせる居場所づくりに取り組んだ。",
        "学校の中に児童生徒の居場所を確保した。",
        "学びや生活を支える第３の居場所づくりを進めた。",
    ),
    "peer_interaction": (
        "他の児童生徒と交流する機会を積極的に設けた。",
        "レクリエーションなどの集団活動を取り入れ、人間関係づくりを行った。",
        "指導員や他の児童生徒との交流の場を定期的に設定した。",
    ),
    "individual_learning": (
        "一人一人の状況に応じて個別学習を行った。",
        "学習支援員が教科学習の補充学習を実施した。",
        "児童生徒の理解の状況に合わせて個別の学習支援を行った。",
    ),
    "counseling": (
        "スクールカウンセラーによるカウンセリングを実施した。",
        "児童生徒本人との教育相談を定期的に行った。",
        "担当者が児童生徒との面談を重ねた。",
    ),
    "family_support": (
        "保護者への支援として、家庭での様子を定期的に聞き取った。",
        "親の会を定期的に開いた。",
        "保護者への支援として、子育ての悩みに寄り添う声かけを行った。",
    ),
    "home_visit": (
        "担任が定期的に家庭訪問を行った。",
        "支援員が自宅を訪ねる訪問支援を行った。",
        "アウトリーチ型の支援として家庭訪問を続けた。",
    ),
    "experiential": (
        "野菜の栽培や調理などの体験活動を行った。",
        "スポーツを取り入れた活動を行った。",
        "野外活動やものづくりに取り組んだ。",
    ),
    "center_operation": (
        "教育支援センターのサテライト教室を新たに開設した。",
        "校内教育支援センターを設置し、支援員を配置した。",
        "適応指導教室の環境整備を行った。",
    ),
}
#: cause clauses (past tense, before ことにより / ことで) per intervention
CAUSE_CLAUSES: dict[str, tuple[str, ...]] = {
    "collaboration": ("関係機関が連携して情報を共有した", "学校と関係機関がケース会議を重ねた"),
    "ict": ("タブレット端末を活用したオンライン授業を行った", "ＩＣＴを活用して授業を配信した"),
    "ibasho": ("居場所を確保した", "第３の居場所づくりを進めた"),
    "peer_interaction": ("他の児童生徒と交流する機会を設けた", "レクリエーションなどの集団活動を行った"),
    "individual_learning": ("個別の学習支援を行った", "補充学習の時間を設けて個別学習を進めた"),
    "counseling": ("スクールカウンセラーによるカウンセリングを行った", "定期的に教育相談を行った"),
    "family_support": ("保護者への支援を重ねた", "親の会を開いて保護者を支えた"),
    "home_visit": ("家庭訪問を続けた", "訪問支援を行った"),
    "experiential": ("栽培や調理などの体験活動を行った", "スポーツに取り組んだ"),
    "center_operation": ("教育支援センターを新たに開設した", "校内教育支援センターを設置した"),
}
#: cause noun phrases (before を通して) per intervention
CAUSE_PHRASES: dict[str, tuple[str, ...]] = {
    "collaboration": ("関係機関との連携",), "ict": ("オンライン授業",), "ibasho": ("居場所づくり",),
    "peer_interaction": ("他の児童生徒との交流",), "individual_learning": ("個別の学習支援",),
    "counseling": ("教育相談",), "family_support": ("保護者への支援",), "home_visit": ("家庭訪問",),
    "experiential": ("体験活動",), "center_operation": ("校内教育支援センターの設置",),
}
#: short focus labels (left column) per intervention
FOCUS_LABELS: dict[str, str] = {
    "collaboration": "関係機関との連携", "ict": "ＩＣＴの活用", "ibasho": "居場所の確保",
    "peer_interaction": "交流の機会の確保", "individual_learning": "個別の学習支援",
    "counseling": "教育相談の充実", "family_support": "保護者への支援", "home_visit": "家庭訪問の実施",
    "experiential": "体験活動の充実", "center_operation": "センターの環境整備",
}
#: outcome clauses (past tense) per outcome
EFFECT_CLAUSES: dict[str, tuple[str, ...]] = {
    "school_return": ("学校へ登校できる日が増加した", "教室への復帰を果たした", "再登校に繋がった"),
    "continued_attendance": ("継続して通室できるようになった", "通室が増えた"),
    "learning_motivation": ("学習意欲が高まった", "学習意欲の向上が見られた"),
    "learning_attainment": ("学習内容の理解が深まった", "学習内容の定着が図られた"),
    "self_esteem": ("自己肯定感が高まった", "自信を持って活動できるようになった"),
    "social_relations": ("お互いを認め合う姿が見られた", "人と関わる楽しさを感じるようになった"),
    "daily_rhythm": ("生活リズムが整った", "昼夜逆転が解消された"),
    "future_orientation": ("将来について考えるようになった", "進路を意識するようになった"),
    "emotional_stability": ("情緒が安定した", "不安が軽減された"),
}
#: outcome noun phrases per outcome (before や / へと繋がった)
EFFECT_PHRASES: dict[str, tuple[str, ...]] = {
    "school_return": ("学校復帰", "登校状況の改善"), "continued_attendance": ("通室日数の増加",),
    "learning_motivation": ("学習意欲の向上",), "learning_attainment": ("学習内容の定着",),
    "self_esteem": ("自己肯定感の向上",), "social_relations": ("友人関係の広がり",),
    "daily_rhythm": ("生活習慣の改善",), "future_orientation": ("進路への意識の高まり",),
    "emotional_stability": ("情緒の安定",),
}
NEUTRAL_GOALS = (
    "本市では、不登校児童生徒数の推移を踏まえ、支援の方針を定めた。",
    "児童生徒一人一人の実態を把握することを目標とした。",
    "不登校の状態にある児童生徒の社会的な自立を目指し、支援の計画を立てた。",
)
NEUTRAL_ACTIVITIES = ("児童生徒の実態を把握し、支援の計画を見直した。",)
NEUTRAL_OUTCOMES = (
    "今後も児童生徒の状況に応じた支援の在り方について検討を続けていく。",
    "引き続き、支援の成果と課題を整理していく。",
)
TITLES = (
    "不登校児童生徒への支援の充実", "一人一人に寄り添う支援体制の構築", "多様な支援の推進",
    "切れ目のない支援を目指した取組", "児童生徒の社会的自立に向けた取組",
)
TAGS = ("支援体制", "組織的な対応", "多様な支援")

#: README.md written beside the synthetic reports (``str.format`` with seed, n_cases, years, effects)
README = """# SYNTHETIC corpus — not real reports

Every file in this folder was generated by `futoko_research.synthetic.write_synthetic_corpus`
(seed {seed}, {n_cases} cases, fiscal years {years}). The sentences are templates; the
municipalities (架空…) are fictitious; the intervention → outcome effects are planted:

{effects}

- `synthetic_*.txt` — case-sheet reports in the layout of the real sample (parse with
  `futoko_research.load_reports(this_folder)`); the text carries no marker line so that the layout
  stays exact — the file names, this README and the manifest mark the data as synthetic.
- `manifest.csv` — one row per file, `synthetic=true`, with a SYNTHETIC note.
- `truth.json` — the model, its parameters and the planted odds ratios.
- `truth.csv` — one row per case: case_id (as the loader will name it), file, fiscal_year,
  municipality, the drawn `int_*` and `out_*` flags.
- `truth_effects.csv` — every intervention × outcome pair with its planted odds ratio (1 = null).
- `truth_links.csv` — every outcome sentence with the intervention named as its cause.

Never mix these files with real data without keeping the `synthetic` flag.
"""

__all__ = [
    "ACTIVITY_TEMPLATES", "CAUSE_CLAUSES", "CAUSE_PHRASES", "EFFECT_CLAUSES", "EFFECT_PHRASES", "FOCUS_LABELS",
    "FILLER_DONE", "FILLER_REASON", "FILLER_TAIL", "FILLER_TOPIC", "FILLER_WHEN", "FILLER_WHO", "NEUTRAL_ACTIVITIES", "NEUTRAL_GOALS",
    "NEUTRAL_OUTCOMES", "README", "TAGS", "TITLES",
]

#: pieces of the neutral descriptive sentences that bring a case to a real report's length
#: (``write_synthetic_corpus(chars_per_case=…)``): when, who, about what, what was done with it.
#: They name no intervention and no outcome of the codebook (tested: they carry no code), so the
#: ground truth does not change; drawn combinatorially, so statements rarely repeat.
FILLER_WHEN = (
    "年度当初に", "第１学期の始めに", "夏季休業前に", "第２学期に入ってから", "年度の後半に", "学期末に",
    "４月の時点で", "秋頃に", "年明けに", "年度末に向けて", "前年度から引き続き", "月末ごとに",
)
FILLER_WHO = (
    "担当者", "学年主任", "教頭", "校長", "養護教諭", "生徒指導主事", "教育委員会の担当者", "学級担任",
    "特別支援教育コーディネーター", "教務主任",
)
FILLER_TOPIC = (
    "欠席日数の記録", "年間の行事予定", "校内の分掌", "提出書類の様式", "出欠の連絡方法", "会議の日程",
    "記録の保管方法", "前年度の資料", "時間割の変更点", "校舎の使用計画", "文書の回覧方法", "引継ぎの資料",
)
#: continuative forms (+ た: the past; + 、: a chain of two actions)
FILLER_DONE = (
    "について確認し", "を整理し", "を見直し", "を取りまとめ", "について説明を受け", "を点検し",
    "を更新し", "の内容を確かめ", "を記録にまとめ", "について協議し",
)
#: reasons that open a filler sentence (a connective of the links' prefilter: により, ため, ことから), so that
#: about as many statements reach the dependency parse as in real reports
FILLER_REASON = (
    "{topic}の変更により、", "{topic}が変わったため、", "{topic}に修正が必要となったことから、",
    "{topic}の見直しにより、", "{topic}に誤りがあったため、",
)
FILLER_TAIL = (
    "", "", "", "なお、詳細は別紙のとおりである。", "記録は所定の様式で保管している。",
    "変更点は関係者に周知した。", "次回の会議で改めて扱う予定である。", "必要に応じて内容を更新している。",
)
