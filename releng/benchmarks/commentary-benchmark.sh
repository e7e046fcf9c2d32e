#!/usr/bin/env bash
# Commentary benchmarks (issue 6): the quote board with 500 instruments each updating 10 times a second (UI thread
# busy fraction = the UI thread's CPU time / wall time, from ThreadMXBean, over 20 s), and the chart drawing 5,000
# bars with MA 5/10/20/60, volume, MACD and RSI all visible (ms per frame, redraw + update on the UI thread).
# Runs CommentaryBenchmark in the real workbench (org.webcallcenter.commentary.ui.tests) under a private Xvfb.
#
# Usage (from the repository root): releng/benchmarks/commentary-benchmark.sh
# Output: lines starting with "benchmark:", also in
#         bundles/org.webcallcenter.commentary.ui.tests/target/commentary-benchmark.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WCC_BENCHMARK=1 xvfb-run -a -s "-screen 0 1400x900x24" ./mvnw -B -o verify \
  -pl bundles/org.webcallcenter.commentary.ui.tests,bundles/org.webcallcenter.branch.ui,bundles/org.webcallcenter.agent.core,bundles/org.webcallcenter.commentary.core \
  -am -Dtest=CommentaryBenchmark -Dsurefire.failIfNoSpecifiedTests=false | grep -E '^benchmark:|BUILD|Tests run' || true
cat bundles/org.webcallcenter.commentary.ui.tests/target/commentary-benchmark.txt
