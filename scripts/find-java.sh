# Sourced by ./classlark-scim and ./bench/*: find_java prints the path of a java >= 21 (or fails), looking at
# CLASSLARK_JAVA, JAVA_HOME, PATH and /usr/lib/jvm in that order.

# shellcheck source=scripts/aot-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/aot-cache.sh"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

# The java is printed with its symlinks resolved (/usr/bin/java → /etc/alternatives/java →
# /usr/lib/jvm/…/bin/java): the JDK's release file, which tells whether it can use an AOT cache
# (scripts/aot-cache.sh), sits beside the real binary only.
find_java() {
  local candidate major
  for candidate in ${CLASSLARK_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} $(command -v java 2>/dev/null) /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    candidate="$(readlink -f "$candidate")"
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# The JVM options the service runs with: a heap sized for a service whose memory does not grow with the
# school (members and pages are streamed), the serial collector for a small machine (these two can be
# replaced with CLASSLARK_JAVA_OPTS); then, always, an exit on OutOfMemoryError (a supervisor restarts a
# dead process, nothing restarts one that hangs with a full heap).
service_java_base_options() {
  echo "${CLASSLARK_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx96m -XX:ReservedCodeCacheSize=64m} -XX:+ExitOnOutOfMemoryError"
}

# The base options plus what makes starts fast: given the java ($2) of a JDK 25 or newer and a current AOT
# cache (scripts/aot-cache.sh), that cache; otherwise class data sharing, so that later starts map the
# classes the first one recorded.
#   service_java_options ROOT [JAVA_BIN]
service_java_options() {
  local root="$1" java_bin="${2:-}"
  if [ -n "$java_bin" ] && java_has_aot_cache "$java_bin" && aot_cache_current "$root"; then
    echo "$(service_java_base_options) -Xlog:aot*=off -Xlog:cds*=off -XX:AOTCache=$(aot_cache_file "$root")"
  else
    echo "$(service_java_base_options) -Xlog:cds*=off -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$root/target/classlark-scim.jsa"
  fi
}

# Few malloc arenas: the JVM's native allocations otherwise spread over one arena per thread, which on
# a small service costs more resident memory than the heap itself.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
