#!/usr/bin/env bash
# Runs the README's standalone-cluster spark-submit command as written, against a Master and one
# Worker started here on loopback, over a directory of the decoder fixtures (six formats and one
# broken file) with the demo model shipped as model.pt/model.json; then loads the output back as a
# DataFrame in another JVM and checks it (6 segment rows, 1 failure row).
#
#   fingerprint-spark/scripts/check_spark_submit.sh [SPARK_HOME]
#
# Needs the job jar (mvn -B -DskipTests package). SPARK_HOME defaults to
# fingerprint-spark/target/spark-home, assembled by make_spark_home.sh when missing. Ports 7077,
# 18080 and 18081 on 127.0.0.1 must be free.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
spark_home="${1:-$root/fingerprint-spark/target/spark-home}"
jar="$root/fingerprint-spark/target/soundmark-spark.jar"
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 1; }
[ -x "$spark_home/bin/spark-submit" ] || "$root/fingerprint-spark/scripts/make_spark_home.sh" "$spark_home"
spark_home="$(cd "$spark_home" && pwd)"
export SPARK_HOME="$spark_home" PATH="$spark_home/bin:$PATH" SPARK_LOCAL_IP=127.0.0.1

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

await() { # LOG TEXT: waits up to 90 s for TEXT to appear in LOG
  for _ in $(seq 90); do grep -qs "$2" "$1" && return 0; sleep 1; done
  echo "timed out waiting for '$2' in $1:" >&2; tail -n 20 "$1" >&2; return 1
}

spark-class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 \
    > "$work/master.log" 2>&1 &
pids+=($!)
await "$work/master.log" "New state: ALIVE"
spark-class org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 3g --webui-port 18081 \
    --work-dir "$work/worker" spark://127.0.0.1:7077 > "$work/worker.log" 2>&1 &
pids+=($!)
await "$work/worker.log" "Successfully registered with master"

cd "$work"
mkdir spots
for f in source.wav cbr.mp3 source.flac vorbis.ogg aac.m4a video.mkv lying_header.flac; do
  cp "$root/fingerprint-decoders/fixtures/$f" spots/
done
unzip -p "$jar" io/soundmark/model/demo-untrained.pt > model.pt
unzip -p "$jar" io/soundmark/model/demo-untrained.json > model.json
ln -s "$root/fingerprint-spark" fingerprint-spark   # the command names the jar from the repository root

command="$(awk '/run as written by fingerprint-spark\/scripts\/check_spark_submit.sh/ {found = 1; next}
                found && /^```/ { if (open) exit; open = 1; next }
                found && open { print }' "$root/README.md")"
[ -n "$command" ] || { echo "the README's standalone command was not found" >&2; exit 1; }
echo "$ $command"
bash -c "$command"

classpath="$(ls "$spark_home"/jars/*.jar | tr '\n' ':')"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("-R--add-opens=java.base/$p=ALL-UNNAMED")
done
cat > load.jsh <<'JSH'
var spark = org.apache.spark.sql.SparkSession.builder().master("local[1]").appName("load").getOrCreate();
spark.sparkContext().setLogLevel("WARN");
var segments = spark.read().parquet("fingerprints/segments");
segments.printSchema();
segments.select("source", "segment_index", "start_time_sec", "end_time_sec", "embedding_model").show(false);
var failures = spark.read().parquet("fingerprints/failures");
failures.show(false);
long rows = segments.count();
long failed = failures.count();
spark.stop();
System.out.println("loaded back: " + rows + " segment rows, " + failed + " failure rows");
System.exit(rows == 6 && failed == 1 ? 0 : 1);
JSH
jshell --class-path "$classpath" "${opens[@]}" load.jsh 2>&1 | grep -v -E "^[0-9:. ]+\[.*\] (INFO|WARN) |^Using Spark's default log4j"
