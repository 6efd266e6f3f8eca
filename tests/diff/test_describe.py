from __future__ import annotations

from pipeline.core.lang import words
from pipeline.diff.describe import MINUS, plain
from pipeline.diff.describe import describe as describe_in
from pipeline.diff.spec import BOOL, NUMBER, TEXT


def describe(*args, **kwargs):
    """The English wording (the default is Japanese: test_japanese_wording)."""
    return describe_in(*args, say=words("en"), **kwargs)


def test_rate_in_percentage_points() -> None:
    reading = describe("rate_min_pct", NUMBER, "2.875", "2.625", unit="percent")
    assert reading.description == f"{MINUS}0.250pt"
    assert (reading.delta, reading.delta_unit) == ("-0.25", "pt")
    assert describe("rate_max_pct", NUMBER, "2.1", "2.35", unit="percent").description == \
        "+0.250pt"


def test_amount_in_yen_and_percent() -> None:
    reading = describe("limit_yen", NUMBER, "10000000", "5000000", unit="JPY")
    assert reading.description == f"{MINUS}5,000,000 yen ({MINUS}50.0%)"
    assert (reading.delta, reading.delta_unit, reading.delta_pct) == ("-5000000", "yen", "-50")
    up = describe("limit_yen", NUMBER, "10000000", "30000000", unit="JPY")
    assert up.description == "+20,000,000 yen (+200.0%)"


def test_term_in_months() -> None:
    reading = describe("term_max_months", NUMBER, "120", "84", unit="months")
    assert reading.description == f"{MINUS}36 months"
    assert (reading.delta, reading.delta_unit) == ("-36", "months")


def test_number_read_with_its_row_unit() -> None:
    million = describe("value", NUMBER, "1814456", "1900000", row_units=("百万円", "百万円"))
    assert million.description == "+85,544百万円 (+4.7%)"
    assert million.delta_unit == "百万円"
    ratio = describe("value", NUMBER, "0.11", "0.12", row_units=("％", "％"))
    assert ratio.description == "+0.010pt"
    years = describe("value", TEXT, "5", "7", row_units=("年", "年"))
    assert years.description == "5 → 7, +24 months"


def test_number_whose_unit_changed_gets_no_delta() -> None:
    reading = describe("value", NUMBER, "5", "5", row_units=("百万円", "％"))
    assert reading.delta == ""
    assert "unit changed" in reading.description


def test_printed_value_with_unit_reads_as_number() -> None:
    reading = describe("value", TEXT, "2.875", "2.625", row_units=("％", "％"))
    assert reading.description == f"2.875 → 2.625, {MINUS}0.250pt"
    assert reading.delta == "-0.25"
    ranged = describe("value", TEXT, "1.600～2.300", "1.700～2.300", row_units=("％", "％"))
    assert ranged.delta == ""
    assert ranged.description == "1.600～2.300 → 1.700～2.300"


def test_marks_spelled_out() -> None:
    assert describe("mark", TEXT, "○", "×").description == "no longer offered (○ → ×)"
    assert describe("mark", TEXT, "×", "○").description == "newly offered (× → ○)"
    assert describe("mark", TEXT, "要", "否").description == "no longer required (要 → 否)"
    assert describe("mark", TEXT, "否", "要").description == "newly required (否 → 要)"
    assert describe("mark", TEXT, "", "○").description == "marked ○ (offered)"
    assert describe("mark", TEXT, "×", "").description == "mark × removed"


def test_flags_spelled_out() -> None:
    assert describe("is_offered", BOOL, "True", "False").description == "no longer offered"
    assert describe("is_offered", BOOL, "False", "True").description == "newly offered"
    assert describe("is_required", BOOL, "", "True").description == "now required"


def test_unit_and_text() -> None:
    assert describe("unit", TEXT, "万円", "百万円").description == "万円 → 百万円"
    long_old = "①北海道内に主たる事務所を有すること②NPO法人であること(任意団体は対象となりません)"
    long_new = long_old.replace("NPO法人であること", "NPO法人または任意団体であること")
    reading = describe("note", TEXT, long_old, long_new)
    assert reading.description.startswith("rewritten (") and "% alike" in reading.description
    assert describe("note", TEXT, "", "変動金利").description == "now 変動金利"
    assert describe("note", TEXT, "変動金利", "").description == "no longer 変動金利"


def test_plain_numbers_have_no_float_noise() -> None:
    assert plain(2.625 - 2.875) == "-0.25"
    assert plain(990000000.0) == "990000000"


def test_printed_negatives_read_as_numbers() -> None:
    # The plan prints negatives with △ or ▲: a changed figure still gets its delta.
    ratio = describe("value_text", TEXT, "▲0.25", "▲0.50", row_units=("％", "％"))
    assert ratio.description == f"▲0.25 → ▲0.50, {MINUS}0.250pt"
    money = describe("value_text", TEXT, "△1,200", "△900", row_units=("百万円", "百万円"))
    assert money.description == "△1,200 → △900, +300百万円 (+25.0%)"
    assert (money.delta, money.delta_unit) == ("300", "百万円")


def test_japanese_wording() -> None:
    """Japanese by default: 取扱終了, 新規取扱, 要→否 …, amounts in 円, terms in か月."""
    def ja(*args, **kwargs) -> str:
        return describe_in(*args, **kwargs).description

    assert ja("mark", TEXT, "○", "×") == "取扱終了（○ → ×）"
    assert ja("mark", TEXT, "×", "○") == "新規取扱（× → ○）"
    assert ja("mark", TEXT, "要", "否") == "不要に（要 → 否）"
    assert ja("is_offered", BOOL, "True", "False") == "取扱終了"
    assert ja("is_offered", BOOL, "False", "True") == "新規取扱"
    assert ja("limit_yen", NUMBER, "10000000", "5000000", unit="JPY") == \
        f"{MINUS}5,000,000円（{MINUS}50.0%）"
    assert ja("rate_min_pct", NUMBER, "2.875", "2.625", unit="percent") == f"{MINUS}0.250ポイント"
    assert ja("term_max_months", NUMBER, "120", "84", unit="months") == f"{MINUS}36か月"
    long_old = "①北海道内に主たる事務所を有すること②NPO法人であること(任意団体は対象となりません)"
    long_new = long_old.replace("NPO法人であること", "NPO法人または任意団体であること")
    assert ja("note", TEXT, long_old, long_new).startswith("文言の変更（類似度 ")
    assert ja("note", TEXT, "", "変動金利") == "新たに記載: 変動金利"
    reading = describe_in("value", TEXT, "2.875", "2.625", row_units=("％", "％"))
    assert reading.description == f"2.875 → 2.625、{MINUS}0.250ポイント"
    assert (reading.delta, reading.delta_unit) == ("-0.25", "pt")  # machine columns unchanged
