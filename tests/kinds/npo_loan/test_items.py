"""A wrapped cell's line that starts an item of its own keeps its line break (items.py)."""

from __future__ import annotations

from pipeline.core.text import StartsItem, clean_cell
from pipeline.kinds.npo_loan.clean.items import item_starts, value_item_starts

LABELS = ("つなぎ資金", "運転資金", "設備資金", "無担保", "有担保", "手形貸付", "証書貸付",
          "その他")


def joined(lines: list[str], starts: StartsItem) -> list[str]:
    """The cell printed on `lines`, as published, split at the breaks kept."""
    return clean_cell("\n".join(lines), starts).split("\n")


def test_numbered_marked_and_labelled_lines_start_items() -> None:
    starts = item_starts(LABELS)
    assert joined(["①1年以内で返済", "原資が確定", "②1年以内"], starts) == [
        "①1年以内で返済原資が確定", "②1年以内"]
    assert joined(["固定金利", "※適用利率は", "別途"], starts) == ["固定金利", "※適用利率は別途"]
    assert joined(["無担保の借入期間：原則10年以内", "有担保の借入期間：原則20年以内",
                   "ただし、個別に判断"], starts) == [
        "無担保の借入期間:原則10年以内", "有担保の借入期間:原則20年以内ただし、個別に判断"]
    assert joined(["（１）法人代表者", "（２）担保提供者"], starts) == [
        "(1)法人代表者", "(2)担保提供者"]
    assert joined(["以下のいずれか", "・保健の増進", "・社会教育"], starts) == [
        "以下のいずれか", "・保健の増進", "・社会教育"]


def test_wrapped_sentences_still_join() -> None:
    starts = item_starts(LABELS)
    assert joined(["原則として、法人格取得前を含め活動実績が", "2事業年度以上"], starts) == [
        "原則として、法人格取得前を含め活動実績が2事業年度以上"]
    # a label after a line that goes on (・, 、, の …) is the same sentence
    assert joined(["運転資金・", "設備資金とも5年"], starts) == ["運転資金・設備資金とも5年"]
    assert joined(["1,0", "00"], starts) == ["1,000"]
    assert joined(["ＮＰ", "Ｏ法人"], starts) == ["NPO法人"]


def test_a_value_labelled_per_condition() -> None:
    starts = value_item_starts(LABELS)
    assert joined(["無担保", "10", "有担保", "20"], starts) == ["無担保10", "有担保20"]
    assert joined(["手貸", "（固定）", "2.125", "証貸", "（変動）", "2.125"], starts) == [
        "手貸(固定)2.125", "証貸(変動)2.125"]
    assert joined(["①1.900", "②2.650"], starts) == ["①1.900", "②2.650"]
    # a footnote mark wrapped alone onto a line belongs to the number before it
    assert joined(["5,000", "※"], starts) == ["5,000※"]
    # a number's own continuation is no new item
    assert joined(["2.55～", "2.75"], starts) == ["2.55～2.75"]
    assert joined(["1.600", "～", "2.300"], starts) == ["1.600～2.300"]
    assert joined(["10", "年以内"], starts) == ["10年以内"]
    assert joined(["資金使途", "と担保有", "無により", "異なる"], starts) == [
        "資金使途と担保有無により異なる"]


def test_other_labels_come_from_the_table() -> None:
    """The labels are the table's own: another edition's conditions start items the same way."""
    starts = item_starts(("個人保証", "法人保証"))
    assert joined(["個人保証：不要", "法人保証：代表者"], starts) == [
        "個人保証:不要", "法人保証:代表者"]
    assert joined(["無担保10", "有担保20"], item_starts(())) == ["無担保10有担保20"]
