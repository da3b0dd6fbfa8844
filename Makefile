# Dateline - GNU Makefile.
#
#   make            build bin/dateline-index and bin/dateline-search
#   make demo       index corpus/ and search it
#   make check      unit and end-to-end tests, then again under ASan + UBSan
#   make unit       the unit tests; make e2e [E2E="SUBJECT..."] the end-to-end ones
#   V=1             print the compiler's command lines and every test's line
#   make bench      benchmarks (figures, not pass/fail)
#   make install    programs, model, man pages, bash completion under
#                   $(DESTDIR)$(PREFIX) (PREFIX=/usr/local); make uninstall
#
# The dependency step (tools/install-deps) runs before demo and check: it
# installs missing Debian packages as root, or prints the apt-get line.

VERSION := 0.1.0
# The tagger's model (analysis/tagger.h), shipped in the tree; make model
# retrains it from ../shared/data.
MODEL := model/ner.model
CONLL := ../shared/data/ner/conll2003
PREFIX ?= /usr/local
DESTDIR ?=

CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
PKGS := xapian-core libxml-2.0 libutf8proc jansson geonames libmicrohttpd zlib gmime-3.0 poppler-glib libexttextcat

# Only look libraries up when building (not for clean, install-deps...).
ifneq ($(filter-out clean deps uninstall,$(or $(MAKECMDGOALS),all)),)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
# The programs allocate with jemalloc: Xapian's writer and matcher make
# many small strings, and glibc's malloc spent 9% of indexing in
# malloc/free/consolidate (make bench has the figures).
ALLOC_LIBS := $(shell $(PKG_CONFIG) --libs jemalloc 2>/dev/null)
endif

WARN := -Wall -Wextra
ifneq ($(CI),)
WARN += -Werror
endif
OPT ?= -O2 -g
CFLAGS ?= $(OPT)
CXXFLAGS ?= $(OPT)
DATADIR := $(PREFIX)/share/dateline
ALL_CFLAGS := -std=c17 -D_DEFAULT_SOURCE $(WARN) $(PKG_CFLAGS) -DDATELINE_VERSION='"$(VERSION)"' \
	-DDATELINE_DATADIR='"$(DATADIR)"' -DDATELINE_SRC_MODEL='"$(CURDIR)/$(MODEL)"' $(CFLAGS)
ALL_CXXFLAGS := -std=c++17 $(WARN) -fvisibility=hidden $(PKG_CFLAGS) $(CXXFLAGS)
# CLD2 (libcld2-dev, no pkg-config file): analysis/language.c through shim/langid.cc.
LIBS := $(PKG_LIBS) -lstemmer -lcld2 -lpthread

# Kernel-style output: "  CC  build/opt/x.o" per step, the command lines
# themselves with V=1 (and every test's line: cmocka's, e2e's "ok").
ifeq ($(V),1)
Q :=
say := @:
TEST_QUIET :=
else
Q := @
say := @printf '  %-4s %s\n'
TEST_QUIET := -q
endif

# Sanitizer builds go to their own tree: make check SAN=1 (set by check).
ifeq ($(SAN),1)
B := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ALL_CFLAGS += $(SANFLAGS)
ALL_CXXFLAGS += $(SANFLAGS)
LDSAN := $(SANFLAGS)
BIN := build/san/bin
# AddressSanitizer brings its own allocator.
ALLOC_LIBS :=
else ifeq ($(FUZZ),1)
# libFuzzer builds (make fuzz): clang, every object instrumented.
B := build/fuzz
CC := clang
CXX := clang++
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ALL_CFLAGS += $(SANFLAGS)
ALL_CXXFLAGS += $(SANFLAGS)
LDSAN := -fsanitize=address,undefined
BIN := build/fuzz/bin
ALLOC_LIBS :=
else
B := build/opt
BIN := bin
endif

SHIM_CXX := shim/dx.cc shim/langid.cc
ANALYSIS_C := analysis/schema.c analysis/index.c analysis/record.c analysis/tokenize.c analysis/stem.c analysis/date.c analysis/terms.c analysis/stopwords.c analysis/gazetteer.c analysis/places_data.c analysis/language.c
# The named-entity tagger (analysis/tagger.h) and its training.
ANALYSIS_C += analysis/ner_lists.c analysis/tagger.c analysis/tagger_train.c
# The gazetteers' tables (analysis/gazetteer_table.h) are made by the build
# from the project's list, iso-codes, libgeonames and wamerican's word
# list, and compiled in.
ANALYSIS_C += analysis/gazetteer_build.c
ISO_CODES_JSON := $(wildcard /usr/share/iso-codes/json/iso_3166-1.json /usr/share/iso-codes/json/iso_3166-2.json)
WORD_LIST := $(wildcard /usr/share/dict/american-english)
GAZ_GEN_OBJS := $(B)/tools/gazetteer_gen.o $(B)/analysis/gazetteer_build.o $(B)/analysis/tokenize.o $(B)/analysis/places_data.o
UTIL_C := util/safeprint.c util/utf8.c util/access.c util/room.c util/config.c util/buf.c
INDEXER_C := indexer/options.c indexer/progress.c indexer/shards.c indexer/shardset.c indexer/run.c indexer/entities.c indexer/clean.c indexer/ingest.c indexer/pool.c indexer/catalog.c indexer/read_text.c indexer/read_reuters.c indexer/read_html.c indexer/read_feed.c indexer/read_warc.c indexer/read_mail.c indexer/read_pdf.c indexer/encoding.c indexer/document.c indexer/walk.c indexer/byline.c indexer/dateline.c
SEARCHER_C := searcher/query_parse.c searcher/query_build.c searcher/snippet.c searcher/suggest.c searcher/search.c searcher/output_text.c searcher/output_json.c searcher/output_trec.c searcher/options.c searcher/answer.c
SERVER_C := server/serve.c server/api.c server/page.c server/escape.c server/assets.c server/backend_search.c server/cache.c
# The page's files, compiled into dateline-serve by server/assets.S.
SERVER_STATIC := server/static/page.html server/static/style.css server/static/app.js server/static/icon.svg

LIB_OBJS := $(SHIM_CXX:%.cc=$(B)/%.o) $(ANALYSIS_C:%.c=$(B)/%.o) $(UTIL_C:%.c=$(B)/%.o)
LIB_OBJS += $(B)/gen/gazetteer_table.o
INDEXER_OBJS := $(INDEXER_C:%.c=$(B)/%.o)
SEARCHER_OBJS := $(SEARCHER_C:%.c=$(B)/%.o)
SERVER_OBJS := $(SERVER_C:%.c=$(B)/%.o) $(B)/server/assets_data.o

PROGRAMS := $(BIN)/dateline-index $(BIN)/dateline-search $(BIN)/dateline-serve
UNIT_TESTS := shim schema record tokenize stem date read_text read_reuters read_html read_feed entities encoding query snippet safeprint utf8 clean
UNIT_TESTS += tagger options search escape page cache document suggest pool walk catalog index index_options
UNIT_TESTS += config byline dateline walk_folder
UNIT_TESTS += read_warc read_mail read_pdf language gazetteer backend
TEST_BINS := $(UNIT_TESTS:%=$(B)/tests/test_%)

.PHONY: model all deps check unit fuzz-seeds fuzz e2e crash-test browser san-check demo bench eval clean install uninstall
all: $(PROGRAMS)

deps:
	@tools/install-deps

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(say) CXX $@
	$(Q)$(CXX) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

$(B)/tools/gazetteer_gen: $(GAZ_GEN_OBJS)
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CC) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/gen/gazetteer_table.c: $(B)/tools/gazetteer_gen $(ISO_CODES_JSON) $(WORD_LIST)
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)$(B)/tools/gazetteer_gen > $@.new && mv $@.new $@

$(B)/gen/gazetteer_table.o: $(B)/gen/gazetteer_table.c
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -iquote . -MMD -MP -c -o $@ $<

$(B)/libdateline.a: $(LIB_OBJS)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BIN)/dateline-index: $(B)/indexer/main.o $(INDEXER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(ALLOC_LIBS) $(LDFLAGS)

$(BIN)/dateline-search: $(B)/searcher/main.o $(SEARCHER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(ALLOC_LIBS) $(LDFLAGS)

$(BIN)/dateline-serve: $(B)/server/main.o $(SERVER_OBJS) $(SEARCHER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(ALLOC_LIBS) $(LDFLAGS)

$(B)/server/assets_data.o: server/assets.S $(SERVER_STATIC)
	@mkdir -p $(dir $@)
	$(say) AS $@
	$(Q)$(CC) -c -o $@ server/assets.S

# Unit tests: one cmocka program per module, linked with the objects of the
# indexer or searcher it tests (test_X_OBJS below, none by default) and
# libdateline.a (analysis/, util/, shim/: the linker takes the members it
# uses). A new test of an indexer or searcher module adds its line here.
READER_OBJS := indexer/read_text.o indexer/byline.o indexer/encoding.o
test_shim_OBJS := indexer/document.o indexer/entities.o
test_document_OBJS := indexer/document.o indexer/entities.o
test_suggest_OBJS := searcher/suggest.o searcher/query_parse.o searcher/query_build.o indexer/document.o indexer/entities.o
test_pool_OBJS := indexer/pool.o
test_walk_OBJS := indexer/walk.o
test_walk_folder_OBJS := indexer/walk.o
test_catalog_OBJS := indexer/catalog.o indexer/document.o indexer/entities.o
test_index_options_OBJS := $(INDEXER_C:.c=.o)
test_read_text_OBJS := indexer/read_text.o indexer/byline.o
test_read_reuters_OBJS := indexer/read_reuters.o $(READER_OBJS)
test_read_html_OBJS := indexer/read_html.o $(READER_OBJS)
test_read_feed_OBJS := indexer/read_feed.o $(READER_OBJS)
test_read_warc_OBJS := indexer/read_warc.o indexer/read_html.o $(READER_OBJS)
test_read_mail_OBJS := indexer/read_mail.o indexer/read_html.o $(READER_OBJS)
test_read_pdf_OBJS := indexer/read_pdf.o $(READER_OBJS)
test_entities_OBJS := indexer/entities.o
test_encoding_OBJS := indexer/encoding.o
test_byline_OBJS := indexer/byline.o
test_dateline_OBJS := indexer/dateline.o
test_clean_OBJS := indexer/clean.o indexer/read_text.o indexer/byline.o
test_query_OBJS := searcher/query_parse.o searcher/query_build.o
test_snippet_OBJS := searcher/snippet.o searcher/query_parse.o searcher/query_build.o
test_options_OBJS := searcher/options.o searcher/search.o searcher/query_parse.o searcher/query_build.o searcher/snippet.o searcher/suggest.o
test_escape_OBJS := server/escape.o
test_cache_OBJS := server/cache.o
test_page_OBJS := server/page.o server/escape.o server/api.o server/assets.o server/assets_data.o server/backend_search.o server/cache.o $(SEARCHER_C:%.c=%.o)
test_backend_OBJS := server/escape.o server/backend_search.o server/cache.o $(SEARCHER_C:%.c=%.o) indexer/document.o indexer/entities.o
test_search_OBJS := searcher/search.o searcher/query_parse.o searcher/query_build.o searcher/snippet.o searcher/suggest.o indexer/document.o indexer/entities.o

.SECONDEXPANSION:
$(B)/tests/test_%: $(B)/tests/test_%.o $$(addprefix $(B)/,$$(test_$$*_OBJS)) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(CMOCKA_LIBS) $(LIBS) $(LDFLAGS)

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP -c -o $@ $<

# Each runner leaves its counts in $(B)/tests/KIND.counts for make check.
unit: $(TEST_BINS)
	@UNIT_COUNTS=$(B)/tests/unit.counts tests/run-unit.sh $(TEST_QUIET) $(TEST_BINS)

.SECONDARY:

$(B)/tests/hold_lock: $(B)/tests/hold_lock.o $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

# A searcher held open while its shards stop and start (85-shards).
$(B)/tests/shard_probe: $(B)/tests/shard_probe.o $(addprefix $(B)/,$(test_search_OBJS)) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/tests/index_check: $(B)/tests/index_check.o $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/tests/json_check: $(B)/tests/json_check.o
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CC) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

# Fuzz harnesses (tests/fuzz/fuzz_NAME.c, one libFuzzer entry point each)
# and the objects each needs besides libdateline.a. make check runs each
# over its seeds (tests/fuzz/seeds/NAME/) with run_seeds.c; make fuzz
# builds them with libFuzzer (clang) and fuzzes each FUZZ_SECONDS.
FUZZ_HARNESSES := text html feed reuters warc mail pdf query record date tokenize snippet tagger http
FUZZ_READER_OBJS := indexer/read_text.o indexer/read_html.o indexer/byline.o indexer/read_feed.o indexer/read_reuters.o indexer/read_warc.o indexer/read_mail.o indexer/read_pdf.o indexer/encoding.o indexer/clean.o indexer/dateline.o
fuzz_text_OBJS := $(FUZZ_READER_OBJS)
fuzz_html_OBJS := $(FUZZ_READER_OBJS)
fuzz_feed_OBJS := $(FUZZ_READER_OBJS)
fuzz_reuters_OBJS := $(FUZZ_READER_OBJS)
fuzz_warc_OBJS := $(FUZZ_READER_OBJS)
fuzz_mail_OBJS := $(FUZZ_READER_OBJS)
fuzz_pdf_OBJS := $(FUZZ_READER_OBJS)
fuzz_date_OBJS :=
fuzz_tokenize_OBJS :=
fuzz_snippet_OBJS := searcher/query_parse.o searcher/query_build.o searcher/snippet.o
fuzz_query_OBJS := searcher/query_parse.o searcher/query_build.o
fuzz_record_OBJS :=
fuzz_tagger_OBJS := $(FUZZ_READER_OBJS) indexer/entities.o
fuzz_http_OBJS := $(INDEXER_C:%.c=%.o) $(SEARCHER_C:%.c=%.o) $(SERVER_C:%.c=%.o) server/assets_data.o
FUZZ_SEED_RUNNERS := $(FUZZ_HARNESSES:%=$(B)/tests/fuzz/seeds_%)

$(B)/tests/fuzz/seeds_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/run_seeds.o $$(addprefix $(B)/,$$(fuzz_$$*_OBJS)) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/fuzzers/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $$(addprefix $(B)/,$$(fuzz_$$*_OBJS)) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS) $(LDFLAGS)

fuzz-seeds: $(FUZZ_SEED_RUNNERS)
	@FUZZ_COUNTS=$(B)/tests/fuzz.counts tests/fuzz/run-seeds.sh $(TEST_QUIET) $(FUZZ_SEED_RUNNERS)

# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="html query"]: each harness fuzzed for N
# seconds (60 by default) from a copy of its seeds in build/fuzz/corpus/;
# a failing input is left in build/fuzz/ (crash-*, leak-*, timeout-*):
# fix it, then add it to tests/fuzz/seeds/NAME/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(FUZZ_HARNESSES)
fuzz:
	@tools/install-deps fuzz
	@$(MAKE) --no-print-directory FUZZ=1 $(foreach h,$(FUZZ_TARGETS),build/fuzz/fuzzers/fuzz_$(h))
	@for h in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus/$$h && cp -n tests/fuzz/seeds/$$h/* build/fuzz/corpus/$$h/ && \
		echo "== fuzz $$h: $(FUZZ_SECONDS) s" && \
		(cd build/fuzz && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		 fuzzers/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -print_final_stats=1 corpus/$$h > fuzz-$$h.log 2>&1); st=$$?; \
		grep -E '^(stat::number_of_executed_units|stat::peak_rss|SUMMARY|fuzz:|artifact_prefix)|ERROR' \
			build/fuzz/fuzz-$$h.log; \
		[ $$st -eq 0 ] || { echo "make fuzz: $$h failed (build/fuzz/fuzz-$$h.log)"; exit 1; }; \
	done

# End-to-end subjects (tests/e2e/NN-subject.sh): all, or E2E="30-search ...".
e2e: $(PROGRAMS) $(B)/tests/hold_lock $(B)/tests/json_check $(B)/tests/shard_probe
	@DATELINE_BIN=$(BIN) HOLD_LOCK=$(B)/tests/hold_lock JSON_CHECK=$(B)/tests/json_check \
		SHARD_PROBE=$(B)/tests/shard_probe \
		E2E_COUNTS=$(B)/tests/e2e.counts tests/e2e/run.sh $(TEST_QUIET) $(E2E)

# Kill the indexer at random moments and fill its disk, over the shared
# data's Reuters and BBC (tests/crash.sh; minutes, not part of check).
CRASH_RUNS ?= 25
crash-test: $(PROGRAMS) $(B)/tests/index_check
	@DATELINE_BIN=$(BIN) INDEX_CHECK=$(B)/tests/index_check tests/crash.sh $(CRASH_RUNS)

# The page in a real browser (headless Chromium driven by Selenium), with
# screenshots in build/screenshots/. Debian's python3 has the selenium
# module; a python3 earlier in PATH may not.
browser: $(PROGRAMS)
	@DATELINE_BIN=$(BIN) BROWSER_COUNTS=$(B)/tests/browser.counts /usr/bin/python3 tests/serve/browser.py

# Ends with one line: each pass's counts (unit tests and e2e checks) and
# the total; a failure stops there, with that line and a non-zero status.
CHECK_PASSES := "normal pass=build/opt/tests" "sanitizer pass=build/san/tests"
check: deps
	@rm -f build/opt/tests/*.counts build/san/tests/*.counts
	@$(MAKE) --no-print-directory all unit fuzz-seeds e2e browser || { tests/summary.sh $(CHECK_PASSES); exit 1; }
	@echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer"
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) --no-print-directory SAN=1 unit fuzz-seeds e2e || { tests/summary.sh $(CHECK_PASSES); exit 1; }
	@tests/summary.sh $(CHECK_PASSES)

DEMO_DB := build/demo.db
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf $(DEMO_DB)
	$(BIN)/dateline-index -d $(DEMO_DB) corpus
	$(BIN)/dateline-search -d $(DEMO_DB) Kerry Lavrov Crimea

bench:
	@tools/install-deps bench
	@$(MAKE) --no-print-directory all build/xapian-ref $(B)/bench/entities-dump $(B)/bench/extract-dump $(B)/tests/index_check
	@python3 bench/bench.py
	@python3 bench/serve_bench.py
	@python3 bench/ner_cost.py
	@python3 bench/shards.py
	@python3 bench/remote_messages.py corpus
	@$(MAKE) --no-print-directory $(B)/bench/lang-detect build/lang-cld2
	@python3 bench/lang_detect.py
	@python3 bench/lang_mixed.py
	@INDEX_CHECK=$(B)/tests/index_check python3 bench/warc_speed.py --rounds 2 --kinds all

# The language detector on lines of stdin (bench/lang_detect.py), and CLD2
# beside it alone (libcld2-dev).
$(B)/bench/lang-detect: $(B)/bench/lang_detect.o $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

build/lang-cld2: bench/lang_cld2.cc
	@mkdir -p $(dir $@)
	$(say) CXX $@
	$(Q)$(CXX) -std=c++17 -O2 $(WARN) -o $@ $< -lcld2

# The reference Xapian pipeline (bench/xapian_ref.cc): the peer of the
# evaluation and the benchmark.
build/xapian-ref: bench/xapian_ref.cc
	@mkdir -p $(dir $@)
	$(say) CXX $@
	$(Q)$(CXX) -std=c++17 -O2 $(WARN) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

# The Lucene peer of the evaluation (bench/LuceneRef.java): Debian's
# Lucene 4.10, EnglishAnalyzer and BM25Similarity.
LUCENE_CP := /usr/share/java/lucene-core-4.10.4.jar:/usr/share/java/lucene-analyzers-common-4.10.4.jar:/usr/share/java/lucene-queryparser-4.10.4.jar
build/lucene-ref/LuceneRef.class: bench/LuceneRef.java
	@mkdir -p $(dir $@)
	javac -Xlint:all $(if $(CI),-Werror) -d $(dir $@) -cp $(LUCENE_CP) $<

$(B)/bench/entities-dump: $(B)/bench/entities_dump.o $(INDEXER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

# The tagger's training and measuring tool (ner/main.c), not installed.
NER_C := ner/main.c ner/make.c ner/measure.c ner/conll.c ner/clusters.c
$(B)/ner/dateline-ner: $(NER_C:%.c=$(B)/%.o) $(INDEXER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

# Retrain the model from CoNLL-2003's training set, with word classes
# learnt from the unlabelled news of ../shared/data (Reuters-21578 and BBC
# as the indexer's readers read them; with eng.train's text too they did
# no better on its held-out fifth), 256 classes and their tree (its groups
# when 32 and 8 remain, ner/clusters.c): fixed seed and
# orders, so the same data gives a byte-identical model (make check never
# trains).
NER_TRAIN_OPTS := --bits 18 --epochs 15 --seed 1
CORPORA := ../shared/data/corpora
build/unlabelled.txt: | $(B)/bench/entities-dump
	@test -d $(CORPORA)/reuters21578 || { echo "make model: $(CORPORA) is absent"; exit 1; }
	$(B)/bench/entities-dump --text $(CORPORA)/reuters21578/reut2-*.sgm \
		$$(find $(CORPORA)/bbc -name '*.txt' | LC_ALL=C sort) > $@.new
	@mv $@.new $@
build/clusters.tsv: build/unlabelled.txt | $(B)/ner/dateline-ner
	$(B)/ner/dateline-ner clusters --classes 256 $@.new build/unlabelled.txt
	@mv $@.new $@
model: $(B)/ner/dateline-ner build/clusters.tsv
	@test -f $(CONLL)/eng.train || { echo "make model: $(CONLL)/eng.train is absent"; exit 1; }
	$(B)/ner/dateline-ner train $(NER_TRAIN_OPTS) --clusters build/clusters.tsv $(MODEL).new $(CONLL)/eng.train
	@mv $(MODEL).new $(MODEL)
	@ls -l $(MODEL)

$(B)/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/bench/extract-dump: $(B)/bench/extract_dump.o $(INDEXER_OBJS) $(B)/libdateline.a
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CXX) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

eval:
	@tools/install-deps bench
	@$(MAKE) --no-print-directory all build/xapian-ref build/lucene-ref/LuceneRef.class $(B)/bench/entities-dump $(B)/bench/extract-dump $(B)/ner/dateline-ner
	@python3 bench/eval.py
	@python3 bench/news_check.py
	@python3 bench/news_known.py
	@python3 bench/entities.py
	@python3 bench/ner_eval.py
	@python3 bench/ner_pages.py
	@python3 bench/html_extract.py
	@python3 bench/article_extract.py

clean:
	rm -rf build bin

# make install [PREFIX=/usr/local] [DESTDIR=]: the programs, the tagger's
# model, the man pages (doc/man/, mdoc) and the bash completion
# (completion/dateline.bash, one file for the three programs);
# make uninstall removes every file install made (tests/e2e/97-install.sh).
MANDIR := $(PREFIX)/share/man
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
MAN1 := doc/man/dateline-index.1 doc/man/dateline-search.1 doc/man/dateline-serve.1
MAN7 := doc/man/dateline-query.7
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(MODEL) $(DESTDIR)$(DATADIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completion/dateline.bash $(DESTDIR)$(BASHCOMPDIR)/dateline-search
	ln -sf dateline-search $(DESTDIR)$(BASHCOMPDIR)/dateline-index
	ln -sf dateline-search $(DESTDIR)$(BASHCOMPDIR)/dateline-serve

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,dateline-index dateline-search dateline-serve)
	rm -f $(DESTDIR)$(DATADIR)/$(notdir $(MODEL))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	rm -f $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,dateline-index dateline-search dateline-serve)
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

-include $(shell find build -name '*.d' 2>/dev/null)
