# Sourced by ./bench/jmh and ./bench/http: finds a JDK >= 21, builds the jar and the test classes when the
# sources changed (or on first use), and sets java_bin and bench_classpath (test classpath) for the caller.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=../scripts/find-java.sh
. "$root/scripts/find-java.sh"

java_bin="$(find_java)" || {
  echo "The benchmarks need a JDK 21 or newer: install one, or point JAVA_HOME or CLASSLARK_JAVA at it." >&2
  exit 1
}

mkdir -p "$root/target/bench"
classpath_file="$root/target/bench/classpath.txt"
if [ ! -f "$classpath_file" ] || [ ! -f "$root/target/classlark-scim.jar" ] \
  || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$classpath_file" -print -quit 2>/dev/null)" ]; then
  echo "Building the jar and the benchmark classes (first use or sources changed)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2)
  # The plugin leaves an unchanged classpath file as it was, older than the sources just built.
  touch "$classpath_file"
fi
# The servers the harnesses start run with the options ./classlark-scim gives the service, the AOT cache
# included (scripts/aot-cache.sh).
if java_has_aot_cache "$java_bin" && ! aot_cache_current "$root"; then
  train_aot_cache "$root" "$java_bin"
fi
bench_classpath="$root/target/test-classes:$root/target/classes:$(cat "$classpath_file")"
