"""Corrections applied to the shipped PDFs' clean records: typed columns follow the corrected
text, and every line that cannot be applied stops with one line naming it, changing nothing."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.corrections.apply import Layout, apply_corrections
from pipeline.corrections.table import HEADER, parse_corrections
from pipeline.kinds.business_plan.clean import clean as clean_plan
from pipeline.kinds.npo_loan.clean import clean as clean_npo
from pipeline.validate.datasets import DATASETS

LAYOUTS = {name: Layout(d.edition, tuple(c for c in d.key if c != d.edition))
           for name, d in DATASETS.items()}
LIMIT = "npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保"


@pytest.fixture(scope="module")
def cleaned(npo_extracted: dict, plan_extracted: dict) -> dict[str, list[dict[str, Any]]]:
    return {**clean_npo(npo_extracted), **clean_plan(plan_extracted)}


@pytest.fixture()
def records(cleaned) -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(cleaned)


def row(records: dict, dataset: str, **key: Any) -> dict[str, Any]:
    (found,) = [r for r in records[dataset] if all(r[k] == v for k, v in key.items())]
    return found


def correct(records: dict, *lines: str) -> None:
    apply_corrections(records, parse_corrections("\n".join([HEADER, *lines]) + "\n"), LAYOUTS)


def hokkaido_limit(records: dict) -> dict[str, Any]:
    return row(records, "npo_loan_terms", bank="北海道労働金庫", item="融資額限度",
               condition="無担保")


def test_a_corrected_value_gives_its_typed_columns(records) -> None:
    assert hokkaido_limit(records)["limit_yen"] == 10_000_000
    correct(records, f'{LIMIT},value,"1,000",900,誤植（正しくは 900 万円）')
    fixed = hokkaido_limit(records)
    assert (fixed["value"], fixed["unit"], fixed["limit_yen"]) == ("900", "万円", 9_000_000)
    assert fixed["corrected"] == "value: 誤植（正しくは 900 万円）"
    others = [r for r in records["npo_loan_terms"] if r is not fixed]
    assert all("corrected" not in r for r in others)


def test_a_corrected_rate_and_unit_are_read_as_the_cleaner_reads_them(records) -> None:
    rate = row(records, "npo_loan_terms", bank="北海道労働金庫", item="金利",
               condition="つなぎ資金/無担保")
    printed = rate["value"]
    correct(records,
            f"npo_loan_terms,2025-04-01,北海道労働金庫|金利|つなぎ資金/無担保,value,{printed},"
            "１．５００～２．３００,印字の誤り",
            f"npo_loan_terms,2025-04-01,北海道労働金庫|金利|つなぎ資金/無担保,unit,{rate['unit']},"
            "%,同じ行")
    assert (rate["value"], rate["unit"]) == ("1.500～2.300", "％")
    assert (rate["rate_min_pct"], rate["rate_max_pct"]) == (1.5, 2.3)
    assert rate["corrected"] == "value: 印字の誤り; unit: 同じ行"


def test_a_mark_in_the_wrong_cell_is_moved(records) -> None:
    guarantor = row(records, "npo_loan_terms", bank="北海道労働金庫", item="保証人要否")
    mark = guarantor["mark"]
    other = "否" if mark == "要" else "要"
    correct(records, f"npo_loan_terms,2025-04-01,北海道労働金庫|保証人要否|,mark,{mark},"
                     f"{other},隣の金庫の印")
    assert guarantor["is_required"] is (other == "要")


def test_plan_figures_and_measures_are_corrected(records) -> None:
    figure = row(records, "plan_key_figures", table="主要計数", item="代位弁済",
                 condition="有担保")
    measure = row(records, "plan_measures", seq=2)
    correct(records,
            "plan_key_figures,2025,主要計数|代位弁済|有担保,value_text,\"21,057\",\"21,058\",誤植",
            f'plan_measures,2025,2,text,"{measure["text"]}",本文の訂正,誤字')
    assert (figure["value_text"], figure["value"], figure["amount_yen"]) == (
        "21,058", 21058.0, 21_058_000_000)
    assert measure["text"] == "本文の訂正" and measure["corrected"] == "text: 誤字"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f'{LIMIT},value,"1,200",900,誤植',
         "line 2: stale: printed '1,200' is not what the PDF says at npo_loan_terms 2025-04-01 "
         "北海道労働金庫|融資額限度|無担保 value (it says '1,000'"),
        ("npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保保,value,1000,900,誤植",
         "line 2: npo_loan_terms 2025-04-01 has no row with key "
         "'北海道労働金庫|融資額限度|無担保保' (bank|item|condition)"),
        ("npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度,value,1000,900,誤植",
         "line 2: key '北海道労働金庫|融資額限度' has 2 part(s); npo_loan_terms's has 3"),
        (f"{LIMIT},valu,1000,900,誤植",
         "line 2: field 'valu' is no column: a correction sets one of mark, value, unit, note"),
        (f"{LIMIT},limit_yen,10000000,9000000,誤植",
         "line 2: field 'limit_yen' is read from the printed text: a correction sets one of"),
        (f"{LIMIT},bank,北海道労働金庫,道労金,略称", "line 2: field 'bank' is no printed column"),
        ("npo_terms,2025-04-01,a|b|c,value,1,2,誤植",
         "line 2: unknown dataset 'npo_terms' (known:"),
        ("npo_loan_terms,2024-04-01,北海道労働金庫|融資額限度|無担保,value,1000,900,誤植",
         "line 2: npo_loan_terms has no edition as_of='2024-04-01' (editions in this build: "
         "2025-04-01)"),
        (f'{LIMIT},value,"1,000","1,000",誤植', "line 2: corrected is what the PDF prints"),
        (f'{LIMIT},value,"1,000",900,', "line 2: no reason"),
        (f'{LIMIT},value,"1,000",9.0.0,誤植',
         "line 2: corrected 北海道労働金庫|融資額限度|無担保 value: value '9.0.0' 万円 does not "
         "read as a number"),
        (f'{LIMIT},mark,,◎,印', "line 2: corrected 北海道労働金庫|融資額限度|無担保 mark: mark "
                                "'◎' is none of"),
    ],
)
def test_a_line_that_cannot_be_applied_stops_and_changes_nothing(records, cleaned, line: str,
                                                                  expected: str) -> None:
    with pytest.raises(PipelineError) as caught:
        correct(records, line)
    assert str(caught.value).startswith(f"corrections.csv: {expected}"), str(caught.value)
    assert "\n" not in str(caught.value)
    assert records == cleaned


def test_the_first_bad_line_is_named_and_good_lines_before_it_are_not_applied(records,
                                                                              cleaned) -> None:
    with pytest.raises(PipelineError, match=r"^corrections.csv: line 3: corrects the same value "
                                            r"as line 2"):
        correct(records, f'{LIMIT},value,"1,000",900,誤植', f'{LIMIT},value,"1,000",800,誤植')
    assert records == cleaned
