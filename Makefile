# QRX: two commands on a fresh Debian 12 machine.
#   make run    set-up, release build, then the main job (qrx demo)
#   make test   set-up, release build with testing, every test (next to a throwaway PostgreSQL
#               server, scripts/with-postgres), then swift format lint --strict
#   make bench  qrx bench, plus the C references measured in the same run (scripts/bench-references)

SWIFT ?= swift
RELEASE_FLAGS = -c release
TEST_FLAGS = -c release -Xswiftc -enable-testing
export PATH := /opt/swift/usr/bin:$(PATH)
# Every vector suite must run under make test: a missing folder fails instead of skipping.
export QRX_REQUIRE_VECTORS ?= 1

.PHONY: all bootstrap build run test lint format bench clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build $(RELEASE_FLAGS) --product qrx

run: build
	.build/release/qrx demo

test: bootstrap
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	scripts/with-postgres $(SWIFT) test $(TEST_FLAGS) --skip-build --disable-swift-testing
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive --configuration .swift-format Package.swift Sources Tests

bench: build
	scripts/bench-references

clean:
	rm -rf .build
