#!/usr/bin/env python3
"""Throughput of the Spark job against the plain CLI on the same inputs, measured side by side.

    python3 fingerprint-spark/scripts/bench_spark.py --model MODEL.pt --spark-home DIR [--inputs 50]
        [--seconds 15] [--rounds 2] [--work DIR] [--cores 1,2]

Makes --inputs WAV files (44.1 kHz stereo, --seconds long, each different) with sox, then runs in
interleaved rounds, the order rotated each round so that all variants see the same load:

  cli-1    java -jar soundmark.jar embed --audio DIR --output-dir OUT --parallel 1
  spark-1  spark-submit --master local[1] soundmark-spark.jar --input-dir DIR --output OUT
  cli-2    ... --parallel 2
  spark-2  ... --master local[2]

every one with -Dai.djl.pytorch.num_threads=1 (one libtorch thread per fingerprinting call, the
setting the README gives for executors). It prints, per run, files/s and windows/s over the
fingerprinting itself (the CLI's last progress line, model loading included; the job's own
summary, which counts listing the input, finding what is done, Spark's query planning,
fingerprinting and writing Parquet, but not the Spark session's start-up), the job's
fingerprinting pass alone (model loading included), the process's wall time, the CPU time of the
whole process tree per window (JVM start and Spark's own work included: on a shared machine the
fairest measure of the job's overhead) and the load average before the run; then the medians and
the ratios job / CLI.
Needs the jars built (mvn -B -DskipTests package) and a Spark home (make_spark_home.sh).
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI_JAR = os.path.join(ROOT, "fingerprint-examples", "target", "soundmark.jar")
JOB_JAR = os.path.join(ROOT, "fingerprint-spark", "target", "soundmark-spark.jar")
THREADS = "-Dai.djl.pytorch.num_threads=1"


def make_inputs(directory, count, seconds):
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        path = os.path.join(directory, f"input-{i:03d}.wav")
        if not os.path.exists(path):
            subprocess.run(["sox", "-R", "-n", "-r", "44100", "-c", "2", "-b", "16", path, "synth", str(seconds),
                            "pinknoise", "sine", str(220 + 17 * i), "vol", "0.4"], check=True)


def load():
    return os.getloadavg()[0]


def timed(cmd, env=None):
    """Runs cmd; returns the completed process, its wall time and the CPU time (user + system) of it
    and every process under it, which contention from other work inflates far less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return p, wall, cpu


def run_cli(model, inputs, out, parallel):
    cmd = ["java", THREADS, "-jar", CLI_JAR, "embed", "--audio", inputs, "--output-dir", out, "--model", model,
           "--parallel", str(parallel)]
    p, wall, cpu = timed(cmd)
    last = [l for l in p.stderr.splitlines() if l.startswith("progress:")]
    if p.returncode != 0 or not last:
        sys.exit("the CLI failed:\n" + p.stderr[-3000:])
    m = re.search(r"^progress: (\d+)/\d+ .*; 0 failed, (\d+) windows, ([\d.]+) windows/s$", last[-1])
    files, windows, rate = int(m.group(1)), int(m.group(2)), float(m.group(3))
    seconds = windows / rate
    return files, windows, seconds, wall, seconds, cpu


def run_job(spark_home, model, inputs, out, cores):
    cmd = [os.path.join(spark_home, "bin", "spark-submit"), "--master", f"local[{cores}]", "--driver-memory", "2g",
           "--driver-java-options", THREADS, JOB_JAR, "--input-dir", inputs, "--output", out, "--model", model]
    env = dict(os.environ, SPARK_HOME=spark_home, SPARK_LOCAL_IP="127.0.0.1")
    p, wall, cpu = timed(cmd, env)
    m = re.search(r"(\d+) fingerprinted \((\d+) windows\), 0 empty, 0 failed; \d+ commits in ([\d.]+) s"
                  r".*of which fingerprinting ([\d.]+) s", p.stdout)
    if p.returncode != 0 or not m:
        sys.exit("the job failed:\n" + p.stdout[-2000:] + p.stderr[-3000:])
    return int(m.group(1)), int(m.group(2)), float(m.group(3)), wall, float(m.group(4)), cpu


def cpu_model():
    info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    fields = dict(l.split(":", 1) for l in info.splitlines() if ":" in l)
    return f"{fields.get('Model name', '?').strip()}, {os.cpu_count()} cores; flags: {fields.get('Flags', '?').strip()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--spark-home", required=True)
    ap.add_argument("--inputs", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--work", default="/tmp/soundmark-spark-bench")
    ap.add_argument("--cores", default="1,2", help="core counts to compare, e.g. 2 (default 1,2)")
    args = ap.parse_args()
    inputs = os.path.join(args.work, "inputs")
    make_inputs(inputs, args.inputs, args.seconds)
    global CLI_JAR, JOB_JAR  # measure copies, so that a rebuild during the run changes nothing
    os.makedirs(os.path.join(args.work, "jars"), exist_ok=True)
    CLI_JAR = shutil.copy(CLI_JAR, os.path.join(args.work, "jars"))
    JOB_JAR = shutil.copy(JOB_JAR, os.path.join(args.work, "jars"))
    print(f"CPU: {cpu_model()}")
    print(f"model: {args.model}; {args.inputs} inputs of {args.seconds} s (44.1 kHz stereo WAV); {THREADS}")
    cores_compared = args.cores.split(",")
    variants = []
    for c in cores_compared:
        variants += [(f"cli-{c}", lambda o, c=int(c): run_cli(args.model, inputs, o, c)),
                     (f"spark-{c}", lambda o, c=int(c): run_job(args.spark_home, args.model, inputs, o, c))]
    results = {name: [] for name, _ in variants}
    print(f"{'round':>5} {'variant':>8} {'files':>5} {'windows':>7} {'seconds':>8} {'files/s':>8} {'windows/s':>9}"
          f" {'fp-only w/s':>11} {'wall s':>7} {'CPU s/win':>9} {'load':>5}")
    for r in range(args.rounds):
        for name, run in variants[r % len(variants):] + variants[:r % len(variants)]:
            out = os.path.join(args.work, "out", name)
            shutil.rmtree(out, ignore_errors=True)
            before = load()
            files, windows, seconds, wall, fingerprinting, cpu = run(out)
            results[name].append((files / seconds, windows / seconds, wall, windows / fingerprinting, cpu / windows))
            print(f"{r + 1:>5} {name:>8} {files:>5} {windows:>7} {seconds:>8.1f} {files / seconds:>8.3f}"
                  f" {windows / seconds:>9.2f} {windows / fingerprinting:>11.2f} {wall:>7.1f} {cpu / windows:>9.3f}"
                  f" {before:>5.2f}", flush=True)
    print("medians:")
    med = {name: [statistics.median(x[i] for x in runs) for i in range(5)] for name, runs in results.items()}
    for name, (fps, wps, wall, fp, cpu) in med.items():
        print(f"  {name:>8}: {fps:.3f} files/s, {wps:.2f} windows/s ({fp:.2f} in the fingerprinting pass), {wall:.1f} s wall,"
              f" {cpu:.3f} CPU s per window")
    for cores in cores_compared:
        job, lib = med["spark-" + cores], med["cli-" + cores]
        print(f"  local[{cores}] vs CLI --parallel {cores}: whole job {job[1] / lib[1]:.3f} of the CLI's windows/s"
              f" (overhead {100 * (lib[1] / job[1] - 1):.1f}%); fingerprinting pass {job[3] / lib[1]:.3f}"
              f" (overhead {100 * (lib[1] / job[3] - 1):.1f}%); process wall time ratio {job[2] / lib[2]:.3f};"
              f" CPU per window ratio {job[4] / lib[4]:.3f}")


if __name__ == "__main__":
    main()
