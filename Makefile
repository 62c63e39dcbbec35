# caregap — PGXS build.  `make`, `make install`, `make installcheck`,
# `make unit` (C kernel tests under ASan/UBSan), `make fuzz` (libFuzzer).

EXTENSION   = caregap caregap_postgis caregap_korea
EXTVERSION  = $(shell grep default_version caregap.control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")
MODULE_big  = caregap

KERNEL_SRCS = $(wildcard src/kernel/*.c)
GLUE_SRCS   = $(wildcard src/pg/*.c)
OBJS        = $(KERNEL_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# The install script of the current version is built from the master files
# sql/master/*.sql (the whole SQL surface, one file a family, concatenated in
# the order of their names: the header, the schema guard, the families, the
# schema's owner rule); the install scripts of older versions and the
# hand-written upgrade scripts are sql/caregap--*.sql.  The companion
# caregap_postgis is built the same way from sql/companion/caregap_postgis
# with the same guard and owner rule, and the upgrade scripts since 0.7.1 (and
# the companion's 0.6.1) from sql/upgrade with the check for planted
# objects, the new master files and the owner rule.  Every other sql/*.sql is a test.
MASTER      = $(sort $(wildcard sql/master/*.sql))
INSTALL_SQL = sql/caregap--$(EXTVERSION).sql
PGIS_VERSION = $(shell grep default_version caregap_postgis.control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")
PGIS_PARTS  = sql/companion/caregap_postgis/00_header.sql sql/master/01_guard.sql \
              sql/companion/caregap_postgis/10_columns.sql \
              sql/companion/caregap_postgis/20_contiguity.sql sql/companion/caregap_postgis/30_fca.sql \
              sql/master/99_owner.sql
PGIS_SQL    = sql/caregap_postgis--$(PGIS_VERSION).sql
KOREA_VERSION = $(shell grep default_version caregap_korea.control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")
KOREA_SQL   = sql/caregap_korea--$(KOREA_VERSION).sql
KOREA_DATA  = $(wildcard data/korea/care/*.csv data/korea/boundaries/*.csv data/korea/boundaries/*.geojson)
UPGRADES_BUILT = sql/caregap--0.7.0--0.7.1.sql sql/caregap--1.0.0--1.1.0.sql sql/caregap--1.1.0--1.2.0.sql \
                 sql/caregap_postgis--0.6.1--1.0.0.sql
DATA_built  = $(INSTALL_SQL) $(PGIS_SQL) $(KOREA_SQL) $(UPGRADES_BUILT)
# the full install script of the first release, and every upgrade script
DATA        = sql/caregap--0.1.0.sql $(filter-out $(UPGRADES_BUILT),$(wildcard sql/caregap--*--*.sql)) \
              sql/caregap_postgis--0.5.0.sql sql/caregap_postgis--0.5.0--0.6.0.sql sql/caregap_postgis--0.6.0--0.6.1.sql
TESTS       = $(filter-out sql/caregap--% sql/caregap_postgis--% sql/caregap_korea--%,$(wildcard sql/*.sql))
# install runs first (it drops and recreates the extension); then the rest.
REGRESS     = install $(filter-out install,$(patsubst sql/%.sql,%,$(TESTS)))
REGRESS_OPTS = --inputdir=. --load-extension=pgtap --load-extension=caregap

PG_CONFIG  ?= pg_config
PG_CFLAGS  += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifdef WERROR
PG_CFLAGS  += -Werror
endif

# Calls between caregap's own functions bind inside caregap.so: a library of
# another version loaded in the same backend (or any library exporting a
# name we use, e.g. ps_read) cannot interpose on them.
SHLIB_LINK += -Wl,-Bsymbolic

# PostgreSQL's headers as system headers: -Wextra then checks only our code.
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(INSTALL_SQL): $(MASTER) caregap.control
	cat $(MASTER) > $@

$(PGIS_SQL): $(PGIS_PARTS) caregap_postgis.control
	cat $(PGIS_PARTS) > $@

# caregap_korea: the DDL, the data section written from data/korea/ by
# tools/gen_korea_sql.py (python3), the views; the guard and the owner rule
$(KOREA_SQL): sql/companion/caregap_korea/*.sql sql/master/01_guard.sql sql/master/99_owner.sql \
		tools/gen_korea_sql.py $(KOREA_DATA) caregap_korea.control
	{ cat sql/companion/caregap_korea/00_header.sql sql/master/01_guard.sql sql/companion/caregap_korea/10_tables.sql && \
	  python3 tools/gen_korea_sql.py && \
	  cat sql/companion/caregap_korea/30_views.sql sql/master/99_owner.sql; } > $@.tmp && mv $@.tmp $@

sql/caregap--0.7.0--0.7.1.sql: sql/upgrade/caregap--0.7.0--0.7.1.sql sql/upgrade/plant_check.sql sql/master/99_owner.sql
	cat $^ > $@

# 1.1.0 drops the 'internal'-state aggregates and creates agg_state and what
# uses it: the statements tools/state_objects.py takes from the master files
sql/caregap--1.0.0--1.1.0.sql: sql/upgrade/caregap--1.0.0--1.1.0.sql sql/upgrade/plant_check.sql \
		tools/state_objects.py $(MASTER)
	{ cat sql/upgrade/caregap--1.0.0--1.1.0.sql sql/upgrade/plant_check.sql && \
	  python3 tools/state_objects.py $(MASTER) && cat sql/master/99_owner.sql; } > $@.tmp && mv $@.tmp $@

# 1.2.0 adds facility location: the master file 70_locate.sql
sql/caregap--1.1.0--1.2.0.sql: sql/upgrade/caregap--1.1.0--1.2.0.sql sql/upgrade/plant_check.sql \
		sql/master/70_locate.sql sql/master/99_owner.sql
	cat $^ > $@

sql/caregap_postgis--0.6.1--1.0.0.sql: sql/upgrade/caregap_postgis--0.6.1--1.0.0.sql sql/upgrade/plant_check.sql \
		sql/companion/caregap_postgis/10_columns.sql sql/companion/caregap_postgis/20_contiguity.sql \
		sql/companion/caregap_postgis/30_fca.sql sql/master/99_owner.sql
	cat $^ > $@

# The kernel's symbols stay inside caregap.so: the glue calls them directly
# (no PLT), and no other library's symbol of the same name can interpose.
$(KERNEL_SRCS:.c=.o): CFLAGS += -fvisibility=hidden

# PGXS tracks no header dependencies here: rebuild every object when a header changes.
$(OBJS): $(wildcard src/kernel/*.h src/pg/*.h)

# ---- kernel unit tests: plain C, no PostgreSQL, under the sanitizers ----
UNIT_CC     ?= gcc
UNIT_CFLAGS  = -std=c99 -O1 -g -Wall -Wextra -Werror -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=all -Isrc/kernel
UNIT_SRCS    = $(wildcard test/unit/*.c)

test/unit/run_unit: $(UNIT_SRCS) $(KERNEL_SRCS) $(wildcard src/kernel/*.h) test/unit/cg_test.h
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS) $(KERNEL_SRCS) -lm

.PHONY: unit fuzz
unit: test/unit/run_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./test/unit/run_unit

# libFuzzer targets (clang, or Debian's clang-14); run each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 20
FUZZ_CC ?= $(shell command -v clang || ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -1)
FUZZ_TARGETS = $(patsubst %.c,%,$(wildcard test/fuzz/fuzz_*.c))
test/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(KERNEL_SRCS) $(wildcard src/kernel/*.h)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -Isrc/kernel -o $@ $< $(KERNEL_SRCS) -lm
fuzz: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do \
	  ./$$t -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=test/fuzz/ test/fuzz/corpus || { \
	    for c in test/fuzz/crash-* test/fuzz/leak-* test/fuzz/timeout-*; do \
	      [ -f "$$c" ] && { echo "$$c, the input in hex:"; od -An -tx1 -v "$$c"; }; done; exit 1; }; \
	done

EXTRA_CLEAN = caregap-*.zip test/unit/run_unit $(FUZZ_TARGETS) test/fuzz/crash-* test/fuzz/leak-* test/fuzz/timeout-* results regression.diffs regression.out

# ---- release archive (PGXN): every file git tracks, under caregap-VERSION/ ----
DIST = caregap-$(EXTVERSION).zip
.PHONY: dist
dist:
	@grep -q '"version": "$(EXTVERSION)"' META.json || { echo "META.json does not say version $(EXTVERSION)"; exit 1; }
	git archive --format=zip --prefix=caregap-$(EXTVERSION)/ -o $(DIST) HEAD
	@echo "wrote $(DIST)"
