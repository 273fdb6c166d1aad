# Chancery: `make run` starts the whole system on this machine, `make test` runs every test.
# Needs a JDK 21+ and make; Maven comes with ./mvnw. No Docker.

# The JDK that builds and runs everything: JAVA_HOME if it is 21 or newer, else the java on the
# PATH, else one under /usr/lib/jvm (deploy/jdk.sh). Targets that need it depend on `jdk`.
JDK := $(shell deploy/jdk.sh)
ifneq ($(JDK),)
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
endif

MVN ?= ./mvnw
MVN_FLAGS ?= -B -ntp
SERVICES := foreign-ministry embassy hotline protecting-power audit
LAUNCHER := deploy/local/target/chancery-local.jar
BUILT := .run/built
# Everything the stack is built from: when one of these is newer than the last build, `make run`
# builds again, only the modules that changed (and what they need). The benchmark is not part of it.
SOURCES := $(shell find pom.xml services deploy/local docs/examples -name target -prune -o -type f -print 2>/dev/null)
STACK := $(addprefix services/,$(SERVICES)) deploy/local
# The module a changed file belongs to: a service's own, the launcher, the ministry for the request
# examples its API description shows, or all of the stack for the modules every service shares (the
# contract, messaging, ...) and the build files above them.
module_of = $(or $(if $(filter docs/examples/%,$(1)),services/foreign-ministry),$(filter $(addprefix services/,$(SERVICES)) deploy/local,$(word 1,$(subst /, ,$(1)))/$(word 2,$(subst /, ,$(1)))),$(STACK))
BENCH := deploy/tools/bench/target/chancery-bench.jar
# The load generator shares the machine with what it measures: the quick compiler and a small heap.
BENCH_JAVA := java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -jar $(BENCH)

.PHONY: help jdk build run check test test-crash demo bench bench-first bench-steps bench-load bench-flood bench-handover bench-audit clean

help:
	@echo "make run    build what is missing, then start the broker, a database and the five services"
	@echo "make check  the fast tier: every unit test that needs no broker and no database (a few minutes)"
	@echo "make test   build and run every test (unit, service and whole-system, then the crash test)"
	@echo "make test-crash  only the crash tests: 2,000 notices while each service is killed in turn; a flood, then the whole stack killed mid-drain; a broker of three; a replica of three of every service"
	@echo "make build  build without running tests"
	@echo "make demo   the reference story with real notices, against a running system (make run or compose)"
	@echo "make bench  benchmarks against a running system (start make run first): the first notice after the start, the sustainable throughput beside the broker's own, and audit lookups; figures go to docs/benchmarks.md"
	@echo "make clean  remove build output and the data and logs of make run (.run/)"

jdk:
	@test -n "$(JDK)" || { echo "no JDK 21 or newer found: install one (Debian and Ubuntu: apt-get install openjdk-21-jdk-headless; elsewhere a Temurin 21 or 25 from adoptium.net) or set JAVA_HOME to it" >&2; exit 1; }

$(BUILT): $(SOURCES) | jdk
	$(MVN) $(MVN_FLAGS) -DskipTests package -am -pl $(subst $(eval) ,$(comma),$(sort $(foreach f,$?,$(call module_of,$(f)))))
	@mkdir -p $(dir $@) && touch $@

comma := ,

build: $(BUILT)

# The launcher supervises the pieces and runs the embedded database's server: a small heap (256 MB
# at most, for unpacking PostgreSQL on a machine's first start, given back once the stack is up) and
# the quick compiler.
LAUNCHER_JAVA := java -XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps -XX:TieredStopAtLevel=1 -jar $(LAUNCHER)

run: $(BUILT) | jdk
	$(LAUNCHER_JAVA) run

# Every test, then the crash tests on stacks of their own (they kill services, and the whole stack).
CRASH_TEST := $(MVN) $(MVN_FLAGS) verify -Pcrash -pl deploy/tests/system-tests

# The fast tier: every module's tests that start no broker and no database (JUnit tag "stack").
check: | jdk
	$(MVN) $(MVN_FLAGS) test -Dstack.tests='!stack'

# The fast tier first, then the tests that start a broker or a database and the whole-system tests
# (the topic contract's check, which needs neither, ran in the fast tier).
test: check
	$(MVN) $(MVN_FLAGS) install -Dstack.tests=stack -pl '!deploy/tests/contract'
	$(CRASH_TEST)

test-crash: | jdk
	$(MVN) $(MVN_FLAGS) -q install -DskipTests
	$(CRASH_TEST)

bench: bench-first bench-steps bench-audit

# The first notice of each channel on a stack that has carried none yet (run it first after make run).
bench-first: $(BENCH)
	$(BENCH_JAVA) first

# Whole notices at rising rates until p99 202→ACKNOWLEDGED passes 250 ms: the sustainable
# throughput beside two baselines (the broker alone, a bare relay chain), a FLASH-beside-ROUTINE
# overload, and docs/benchmarks-latency-<jit>.svg.
bench-steps: $(BENCH)
	$(BENCH_JAVA) steps

# Whole notices at one fixed rate in an open loop (RATE=notices per second, SECONDS=how long).
bench-load: $(BENCH)
	$(BENCH_JAVA) load --rate $(or $(RATE),25) --seconds $(or $(SECONDS),30)

# A ROUTINE flood (RATE=notices per second, 1,000 by default) with FLASH notices beside it.
bench-flood: $(BENCH)
	$(BENCH_JAVA) flood --rate $(or $(RATE),1000) --seconds $(or $(SECONDS),30)

# What handing a hop on once costs: the bare relay chain with sends then offsets, the services'
# inbox + outbox, and Kafka's transactions, alternating (RATE=chains per second, SECONDS=how long).
bench-handover: $(BENCH)
	$(BENCH_JAVA) handover --rate $(or $(RATE),100) --seconds $(or $(SECONDS),30)

# The demo and the benchmarks run beside a running stack: they build only themselves, never the
# services under it.
$(LAUNCHER): | jdk
	$(MVN) $(MVN_FLAGS) -q -DskipTests -pl deploy/local -am package

demo: $(LAUNCHER)
	$(LAUNCHER_JAVA) demo

$(BENCH): | jdk
	$(MVN) $(MVN_FLAGS) -q -DskipTests -pl deploy/tools/bench -am package

# Path lookup and verification with a million hops stored (HOPS=... to change).
bench-audit: $(BENCH)
	$(BENCH_JAVA) audit --hops $(or $(HOPS),1000000)

clean:
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf .run
