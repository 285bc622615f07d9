# Sourced by ./classlark-scim and bench/lib.sh: the JDK's ahead-of-time cache (JEP 483 and 515, JDK 25 and
# newer). A training run of the service records which classes it loads and links and how its hot methods
# behave; later starts map that cache instead of loading, verifying and linking the classes again, and
# compile the hot methods sooner. On older JDKs nothing here runs and the service keeps class data sharing
# (scripts/find-java.sh).

# The cache beside the jar; it belongs to one jar and one JDK build (the JVM refuses a cache that does not
# match, and then starts without it).
aot_cache_file() {
  echo "$1/target/classlark-scim.aot"
}

# The feature release of the JDK whose java is $1 (25 for 25.0.3), read from its release file so that no
# JVM starts for it; empty when there is no such file.
java_feature_release() {
  local release
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  [ -f "$release" ] && sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
}

# True when java $1 can create and use an AOT cache with a training run (JDK 25: -XX:AOTCacheOutput).
java_has_aot_cache() {
  local major
  major="$(java_feature_release "$1")"
  [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null
}

# True when the AOT cache of root $1 exists and is at least as new as the jar it was trained on.
aot_cache_current() {
  local cache jar
  cache="$(aot_cache_file "$1")"
  jar="$1/target/classlark-scim.jar"
  [ -f "$cache" ] && [ -f "$jar" ] && [ ! "$jar" -nt "$cache" ]
}

# The training run: the service on a throw-away SQLite file with the demo school, on a free port, answers
# the requests an identity provider and the console send first, then stops. The cache is written when the
# JVM exits, first under a temporary name so that a concurrent start never maps half a file. A failed
# training costs nothing but the cache: the service then starts without it.
#   train_aot_cache ROOT JAVA_BIN
train_aot_cache() {
  local root="$1" java_bin="$2" cache work pid base token id group started=$SECONDS
  cache="$(aot_cache_file "$root")"
  work="$(mktemp -d)"
  echo "Training the JDK's AOT cache $cache (after a build; under a minute)..." >&2
  # shellcheck disable=SC2046
  env $(env | sed -n 's/^\(CLASSLARK_[A-Za-z0-9_]*\)=.*/-u \1/p') \
    "$java_bin" $(service_java_base_options) -Xlog:aot*=off -Xlog:cds*=off \
    -XX:AOTCacheOutput="$work/classlark-scim.aot" -jar "$root/target/classlark-scim.jar" \
    serve --demo --db "$work/training.db" --host 127.0.0.1 --port 0 --shutdown-drain 0s \
    >"$work/out.log" 2>"$work/err.log" &
  pid=$!
  for _ in $(seq 600); do
    grep -q '^Press Ctrl+C' "$work/out.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  base="$(sed -n 's/^SCIM base URL: *//p' "$work/out.log")"
  token="$(sed -n 's/^Token: *//p' "$work/out.log")"
  if [ -n "$base" ] && [ -n "$token" ] && command -v curl >/dev/null 2>&1; then
    aot_training_requests "$base" "$token" >/dev/null 2>&1 || true
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -s "$work/classlark-scim.aot" ]; then
    mv -f "$work/classlark-scim.aot" "$cache"
    echo "Trained $cache in $((SECONDS - started)) s." >&2
  else
    echo "Training the AOT cache failed (the service starts without it; log: $work/err.log)." >&2
    return 0
  fi
  rm -rf "$work"
}

# The first requests of a sync and of the console, a few times each so that their methods get profiles.
aot_training_requests() {
  local scim="$1" token="$2" origin id group i
  origin="${scim%/scim/v2}"
  local auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/scim+json')
  for i in 1 2 3 4 5 6 7 8 9 10; do
    curl -fs "$origin/healthz"
    curl -fs "${auth[@]}" "$scim/ServiceProviderConfig"
    curl -fs "${auth[@]}" "$scim/Schemas"
    curl -fs "${auth[@]}" "$scim/ResourceTypes"
    id="$(curl -fs "${auth[@]}" -X POST "$scim/Users" -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"training'"$i"'@example.org","externalId":"training-'"$i"'","name":{"givenName":"Training","familyName":"Run"},"userType":"Staff","emails":[{"value":"training'"$i"'@example.org","primary":true}]}' \
      | grep -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4)"
    [ -n "$id" ] || return 1
    curl -fs "${auth[@]}" "$scim/Users/$id"
    curl -fs "${auth[@]}" -G "$scim/Users" --data-urlencode "filter=userName eq \"training$i@example.org\""
    curl -fs "${auth[@]}" -G "$scim/Users" --data-urlencode "filter=externalId eq \"training-$i\""
    curl -fs "${auth[@]}" -X PATCH "$scim/Users/$id" -d '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"name.givenName","value":"Trained"}]}'
    group="$(curl -fs "${auth[@]}" -X POST "$scim/Groups" -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Training '"$i"'","members":[{"value":"'"$id"'"}]}' \
      | grep -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4)"
    curl -fs "${auth[@]}" -X PATCH "$scim/Groups/$group" -d '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"'"$id"'\"]"}]}'
    curl -fs "${auth[@]}" -X PATCH "$scim/Groups/$group" -d '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"'"$id"'"}]}]}'
    curl -fs "${auth[@]}" "$scim/Groups/$group?excludedAttributes=members"
    curl -fs "${auth[@]}" "$scim/Users?startIndex=1&count=100"
    curl -fs "${auth[@]}" -X DELETE "$scim/Users/$id"
    curl -fs "$origin/console/sign-in"
  done
}
