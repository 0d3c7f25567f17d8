#!/usr/bin/env bash
# Assembles a minimal Spark home from Maven Central, for running the README's spark-submit commands
# where no Spark distribution can be downloaded (CI, this project's machines):
#
#   fingerprint-spark/scripts/make_spark_home.sh DIR [SPARK_VERSION]
#
# DIR/jars     Spark's jars (spark-sql, spark-core and their dependencies, as Maven resolves them
#              from Spark's own POMs) copied with `mvn dependency:copy-dependencies`;
# DIR/bin      spark-class and spark-submit, small stand-ins for the distribution's scripts that, like
#              them, ask Spark's own launcher (org.apache.spark.launcher.Main) for the java command
#              line (class path, the --add-opens options Java 17 needs, memory) and run it.
#
# This stands in for a real Spark distribution: the classes are Spark's own, but there is no
# sbin/, conf/ or PySpark, and the jar set follows Maven's resolution, which may differ from the
# distribution's jars/ in a few transitive versions. On a real cluster use Spark's distribution.
set -euo pipefail
dir="${1:?usage: make_spark_home.sh DIR [SPARK_VERSION]}"
here="$(cd "$(dirname "$0")" && pwd)"
version="${2:-$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$here/../../pom.xml")}"
mkdir -p "$dir/jars" "$dir/bin"
dir="$(cd "$dir" && pwd)"

pom="$(mktemp -d)/pom.xml"
cat > "$pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.soundmark</groupId>
  <artifactId>spark-home</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.spark</groupId>
      <artifactId>spark-sql_2.13</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
</project>
POM
mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir/jars" -DincludeScope=runtime
rm -rf "$(dirname "$pom")"

cat > "$dir/bin/spark-class" <<'SH'
#!/usr/bin/env bash
# Stand-in for Spark's bin/spark-class, reading the launcher's output as that script does: lines
# to show until a NUL line, then the java command, NUL-separated, then the launcher's exit status.
export SPARK_HOME="${SPARK_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
export SPARK_SCALA_VERSION=2.13
RUNNER="${JAVA_HOME:+$JAVA_HOME/bin/}java"
build_command() {
  "$RUNNER" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
  printf "%d\0" $?
}
CMD=()
DELIM=$'\n'
STARTED=false
while IFS= read -d "$DELIM" -r ARG; do
  if [ "$STARTED" = true ]; then
    CMD+=("$ARG")
  elif [ "$ARG" = $'\0' ]; then
    DELIM=''
    STARTED=true
  elif [ -n "$ARG" ]; then
    echo "$ARG"
  fi
done < <(build_command "$@")
LAST=$((${#CMD[@]} - 1))
if [ "$LAST" -lt 0 ] || [ "${CMD[$LAST]}" != 0 ]; then
  exit "${CMD[$LAST]:-1}"
fi
exec "${CMD[@]:0:$LAST}"
SH
cat > "$dir/bin/spark-submit" <<'SH'
#!/usr/bin/env bash
# Stand-in for Spark's bin/spark-submit.
exec "$(dirname "$0")/spark-class" org.apache.spark.deploy.SparkSubmit "$@"
SH
chmod +x "$dir/bin/spark-class" "$dir/bin/spark-submit"
echo "Spark $version home in $dir: $(ls "$dir/jars" | wc -l) jars"
