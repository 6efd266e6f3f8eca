"""The ICDAR 2013 adjacency-relation metric, its ground-truth parsing and table matching.

Everything here is hand-made (tiny grids, inline XML): CI has no copy of the competition's
dataset, and none is read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.icdar_data import (
    find_documents,
    load_document,
    number,
    parse_regions,
    parse_structure,
    region_top_left,
)
from bench.icdar_metric import (
    BELOW,
    RIGHT,
    GridCell,
    Score,
    centre_inside,
    compare,
    grid_from_rows,
    match_tables,
    normalise,
    relations,
)

GRID = [["a", "b", "c"],
        ["d", "e", "f"]]


def rel(a: str, b: str, way: str) -> tuple[str, str, str]:
    return (a, b, way)


# the metric --------------------------------------------------------------------------------------

def test_relations_of_a_full_grid_are_right_and_below_neighbours() -> None:
    assert relations(grid_from_rows(GRID)) == Counter({
        rel("a", "b", RIGHT): 1, rel("b", "c", RIGHT): 1,
        rel("d", "e", RIGHT): 1, rel("e", "f", RIGHT): 1,
        rel("a", "d", BELOW): 1, rel("b", "e", BELOW): 1, rel("c", "f", BELOW): 1,
    })


def test_perfect_match_scores_one() -> None:
    truth = relations(grid_from_rows(GRID))
    score = compare(relations(grid_from_rows(GRID)), truth)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert score == Score(7, 7, 7)


def test_a_swapped_pair_loses_exactly_the_relations_it_touches() -> None:
    truth = relations(grid_from_rows(GRID))
    swapped = relations(grid_from_rows([["a", "c", "b"], ["d", "e", "f"]]))
    score = compare(swapped, truth)
    assert score == Score(correct=3, detected=7, truth=7)
    assert truth - swapped == Counter({
        rel("a", "b", RIGHT): 1, rel("b", "c", RIGHT): 1,
        rel("b", "e", BELOW): 1, rel("c", "f", BELOW): 1,
    })
    assert score.precision == pytest.approx(3 / 7)
    assert score.f1 == pytest.approx(3 / 7)


def test_a_cell_spanning_columns_has_a_neighbour_below_in_each_column() -> None:
    cells = [GridCell(0, 0, "H", colspan=2), GridCell(0, 2, "z"),
             GridCell(1, 0, "x"), GridCell(1, 1, "y"), GridCell(1, 2, "w")]
    assert relations(cells) == Counter({
        rel("H", "z", RIGHT): 1, rel("H", "x", BELOW): 1, rel("H", "y", BELOW): 1,
        rel("z", "w", BELOW): 1, rel("x", "y", RIGHT): 1, rel("y", "w", RIGHT): 1,
    })


def test_a_cell_spanning_rows_has_a_neighbour_right_in_each_row_counted_once() -> None:
    cells = [GridCell(0, 0, "A", rowspan=2), GridCell(0, 1, "B"), GridCell(1, 1, "C")]
    assert relations(cells) == Counter({
        rel("A", "B", RIGHT): 1, rel("A", "C", RIGHT): 1, rel("B", "C", BELOW): 1})
    # a neighbour spanning the same two rows is one neighbour, not two
    both = [GridCell(0, 0, "A", rowspan=2), GridCell(0, 1, "B", rowspan=2)]
    assert relations(both) == Counter({rel("A", "B", RIGHT): 1})


def test_a_split_spanning_cell_loses_only_its_own_relations() -> None:
    truth = relations([GridCell(0, 0, "H", colspan=2), GridCell(1, 0, "x"),
                       GridCell(1, 1, "y")])
    split = relations(grid_from_rows([["H", ""], ["x", "y"]]))  # span lost: H over x only
    assert compare(split, truth) == Score(correct=2, detected=2, truth=3)


def test_empty_cells_are_skipped_to_the_nearest_non_empty_one() -> None:
    cells = grid_from_rows([["a", "", "c"],
                            ["", None, " "],
                            ["g", "h", "i"]])
    assert relations(cells) == Counter({
        rel("a", "c", RIGHT): 1, rel("g", "h", RIGHT): 1, rel("h", "i", RIGHT): 1,
        rel("a", "g", BELOW): 1, rel("c", "i", BELOW): 1,
    })
    # an empty spanning cell is no neighbour either: "a" sees "c" across it
    assert relations([GridCell(0, 0, "a"), GridCell(0, 1, "", colspan=2),
                      GridCell(0, 3, "c")]) == Counter({rel("a", "c", RIGHT): 1})


def test_equal_relations_count_as_a_multiset() -> None:
    truth = relations(grid_from_rows([["0", "0", "0"]]))
    assert truth == Counter({rel("0", "0", RIGHT): 2})
    assert compare(relations(grid_from_rows([["0", "0"]])), truth) == Score(1, 1, 2)


@pytest.mark.parametrize(("a", "b"), [
    ("Total\n(in billions)", "Total (in billions)"),
    ("Air passengers rights", "Airpassengersrights"),
    ("ﬁnal", "final"),  # ligature
    ("１２３", "123"),  # full-width digits
    ("1990–2000", "1990-2000"),  # en dash and hyphen are both special characters
])
def test_normalisation_makes_equal(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), [("1.234", "1234"), ("Total", "total"), ("(a)", "a")])
def test_normalisation_keeps_apart(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


def test_normalisation_rules() -> None:
    assert normalise("  to air\n kg/year ") == "toairkg_year"
    assert normalise(" \n\t") == ""
    assert normalise(None) == ""
    assert normalise("金利 1.6%") == "金利1_6_"


def test_relations_compare_after_normalisation() -> None:
    truth = relations(grid_from_rows([["to air\nkg/year", "3,375"]]))
    found = relations(grid_from_rows([["to air kg/year", " 3,375 "]]))
    assert compare(found, truth) == Score(1, 1, 1)


def test_scores_of_nothing() -> None:
    assert Score(0, 0, 5).precision == 0.0
    assert Score(0, 0, 5).f1 == 0.0
    assert Score(0, 3, 0).recall == 0.0
    assert Score(1, 2, 4) + Score(1, 2, 0) == Score(2, 4, 4)


# table matching --------------------------------------------------------------------------------

def test_a_detected_table_belongs_to_the_region_it_overlaps_most() -> None:
    truth = [(1, (0, 0, 100, 100)), (1, (0, 120, 100, 200)), (2, (0, 0, 100, 100))]
    detected = [
        (1, (0, 90, 100, 190)),  # overlaps both on page 1, the second more
        (2, (10, 10, 50, 50)),
        (1, (0, 300, 100, 400)),  # overlaps nothing: a false positive
        (3, (0, 0, 100, 100)),  # a page with no ground truth
        (1, (0, 0, 50, 100)), (1, (50, 0, 100, 100)),  # one table found as two halves
    ]
    assert match_tables(detected, truth) == [1, 2, None, None, 0, 0]


def test_centre_inside() -> None:
    assert centre_inside((0, 0, 10, 10), (4, 4, 6, 6))
    assert not centre_inside((0, 0, 10, 10), (6, 6, 20, 20))


# ground-truth XML ------------------------------------------------------------------------------

STR_XML = """<?xml version="1.0" encoding="UTF-8"?>
<document filename="x-str.xml">
  <table id="1">
    <region id="1" page="2" col-increment="0" row-increment="0">
      <cell id="1" start-row="0" start-col="0" end-col="1">
        <bounding-box x1="100" y1="700" x2="200" y2="750"/>
        <content>Head
line</content>
      </cell>
      <cell id="2" start-row="1" start-col="0">
        <bounding-box x1="100" y1="650" x2="140" y2="690"/>
        <content>a</content>
      </cell>
      <cell id="3" start-row="1" start-col="1" end-row="1" end-col="1">
        <bounding-box x1='26&#223;' y1="650" x2="200" y2="690"/>
        <content>b</content>
      </cell>
    </region>
    <region id="2" page="2" col-increment="2" row-increment="0">
      <cell id="1" start-row="1" start-col="0">
        <bounding-box x1="300" y1="650" x2="340" y2="690"/>
        <content>c</content>
      </cell>
    </region>
  </table>
  <table id="2">
    <region id="1" page="3" row-increment="-1">
      <cell id="1" start-row="1" start-col="0"><content>z</content></cell>
    </region>
  </table>
</document>
"""

REG_XML = """<?xml version="1.0" encoding="UTF-8"?>
<document filename='x-reg.xml'>
  <table id='1'>
    <region id='1' page='2'>
      <instruction instr-id='1'/>
      <bounding-box x1='100' y1='650' x2='340' y2='750'/>
    </region>
  </table>
  <table id='2'>
    <region id='1' page='3'><bounding-box x1='10' y1='20' x2='30' y2='40'/></region>
  </table>
</document>
"""


def test_structure_xml_spans_increments_and_content() -> None:
    tables = parse_structure(STR_XML)
    assert set(tables) == {("1", 2), ("2", 3)}
    cells = [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in tables[("1", 2)]]
    assert cells == [(0, 0, 1, 2, "Head\nline"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "b"),
                     (1, 2, 1, 1, "c")]  # region 2 is placed two columns right
    assert [(c.row, c.col) for c in tables[("2", 3)]] == [(0, 0)]
    assert all(c.bbox is None for c in tables[("1", 2)])  # no page heights, no boxes


def test_structure_xml_cell_boxes_flip_with_the_page_height() -> None:
    cells = parse_structure(STR_XML, heights={2: 800.0})[("1", 2)]
    assert cells[0].bbox == (100.0, 50.0, 200.0, 100.0)
    assert cells[2].bbox == (26.0, 110.0, 200.0, 150.0)  # '26ß' read as 26


def test_region_xml_and_top_left_conversion() -> None:
    regions = parse_regions(REG_XML)
    assert regions == {("1", 2): [(100.0, 650.0, 340.0, 750.0)],
                       ("2", 3): [(10.0, 20.0, 30.0, 40.0)]}
    assert region_top_left((100.0, 650.0, 340.0, 750.0), 792.0) == (100.0, 42.0, 340.0, 142.0)


def test_numbers_tolerate_trailing_junk() -> None:
    assert number("26ß") == 26.0
    assert number(" 12.5") == 12.5
    with pytest.raises(ValueError):
        number("x")


def test_documents_are_pdfs_with_structure_beside_them(tmp_path: Path) -> None:
    (tmp_path / "eu").mkdir()
    (tmp_path / "eu" / "x.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "eu" / "x-str.xml").write_text(STR_XML)
    (tmp_path / "eu" / "x-reg.xml").write_text(REG_XML)
    (tmp_path / "eu" / "xb-str.xml").write_text(STR_XML)  # an alternative, with no PDF
    (tmp_path / "eu" / "lone.pdf").write_bytes(b"%PDF-1.4\n")  # a PDF with no ground truth
    (pdf,) = find_documents(tmp_path)
    tables = load_document(pdf)
    assert [(t.doc, t.table_id, t.page) for t in tables] == [("x", "1", 2), ("x", "2", 3)]
    assert tables[0].region == (100.0, 650.0, 340.0, 750.0)
    assert len(tables[0].cells) == 4
