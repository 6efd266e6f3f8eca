"""日本語: the words of every page people read (the default language).

Keys are shared with every other catalogue of this package (en.py); `{name}` fields are filled
in by the caller. Column, dataset and file names are never translated.
"""

LANG = "ja"

WORDS: dict[str, str] = {
    # Shared
    "corrected": "訂正: {reason}",
    # Dataset titles (the registry's English titles are the fallback)
    "dataset.npo_loan_terms": "NPO向け融資制度（労働金庫 13 金庫の制度概要）",
    "dataset.plan_key_figures": "事業計画の主要計数・諸比率（日本労信協）",
    "dataset.plan_measures": "事業計画の本文（見出し・施策・段落、記載順）",
    # The report
    "report.title": "労働金庫 NPO向け融資と日本労信協 事業計画",
    "report.subtitle": "公開データ {editions}",
    "report.sources": "出典と版",
    "report.file": "ファイル",
    "report.kind": "種類",
    "report.sha256": "sha256",
    "report.several_editions": "複数の版があります — {editions}",
    "report.diff_pages": "版の間の変更",
    "report.no_diff_pages": "差分レポートはまだありません（python -m pipeline diff）。",
    "report.validation": "検証結果",
    "report.validation_note": "公開ファイルの各データセットをスキーマ（pandera）で検査した結果です。"
                              "検査の一覧は件数にカーソルを合わせると出ます。",
    "report.dataset": "データセット",
    "report.rows": "行数",
    "report.editions": "版",
    "report.edition": "版",
    "report.source": "出典",
    "report.checks": "検査",
    "report.result": "結果",
    "report.passed": "合格",
    "report.n_checks": "{n} 件",
    "report.confidence": "確信度",
    "report.page": "頁",
    "report.cell": "セル",
    "report.least_sure": "OCR で読んだ行のうち確信度の低いもの（低い順）: 目で確かめてください。",
    "report.corrections": "訂正",
    "report.corrections_note": "印刷の誤りをレビューで訂正した値です（corrections.csv）。表やグラフでは"
                               " {mark} が付き、型付きの列は訂正後の文字から読み直しています。",
    "report.key": "キー",
    "report.field": "項目",
    "report.corrected_value": "訂正後の値",
    "report.reason": "理由",
    "report.rows_of": "{title}: {rows} 行（{edition}）",
    # The report: NPO loans
    "npo.nav": "NPO融資の比較",
    "npo.heading": "NPO向け融資制度の比較",
    "npo.heading_sub": "{edition} 現在 · {banks} 金庫",
    "npo.intro": "出典: {files}（{pages} ページ）。セルにカーソルを合わせると注記と出典（ファイル・"
                 "ページ・セル）が出ます。※ は注記あり、{mark} は印刷の誤りをレビューで訂正した値"
                 "（理由はカーソルで）。",
    "npo.bank": "金庫",
    "npo.item": "項目",
    "npo.condition": "条件",
    "npo.printed": "表示",
    "npo.note": "注記",
    "npo.source": "出典",
    "npo.charts": "図で比べる",
    "npo.all_notes": "全ての注記と出典（対象団体の条件を含む）",
    "npo.older": "この表は最新版です。ほかの版: {editions}",
    "npo.limit": "上限",
    "npo.rate": "年利 %、低～高",
    "npo.term": "最長",
    "npo.not_offered": "取扱なし（×）",
    "npo.dash": "記載なし（-）",
    "npo.dash_rate": "個別の金利の記載なし（-）",
    # The report: the business plan's key figures
    "plan.heading": "事業計画の主要計数",
    "plan.year": "{year} 年度",
    "plan.item": "項目",
    "plan.value": "値",
    "plan.cross_foot": "検算 計 = 内訳の合計",
    "plan.agrees": "一致",
    "plan.difference": "差 {difference}",
    "plan.caption": "{table}（単位: {unit}）",
    "plan.all_agree": "全 {n} 項目で 計 = 内訳の合計（端数による差は最終桁の 1 まで）",
    "plan.some_differ": "{bad} / {n} 項目で 計 ≠ 内訳の合計: {rows}",
    "plan.differs": "{year} {item}（差 {difference}）",
    "plan.intro": "出典: {files}。数値にカーソルを合わせるとページとセルが出ます"
                  "（{mark} はレビューで訂正した値）。",
    "plan.cross_foot_note": "検算 計 = 内訳の合計: {ok} / {n}",
}
