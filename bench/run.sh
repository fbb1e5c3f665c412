#!/usr/bin/env bash
# The copy benchmark: this copier vs rclone, filesystem -> S3Proxy on loopback, side by side in one run.
#
#   bench/run.sh [--scale S] [--work DIR] [--rclone PATH] [--concurrency N] [--repeat N]
#
# --scale 1 is ~15,000 objects / ~3 GiB (a few minutes here); --scale 0.25 is a quarter of that. The generated
# tree is kept in --work (default: a new temporary directory) and reused by later runs with the same scale.
# Needs Java 17 and rclone (Debian: apt-get install -y rclone). Never part of ./mvnw verify. See docs/copy.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v "${RCLONE:-rclone}" >/dev/null || { echo "bench: rclone not found (apt-get install -y rclone)" >&2; exit 1; }
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
exec java -Xmx6g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.dtrmigration.bench.Benchmark "$@"
