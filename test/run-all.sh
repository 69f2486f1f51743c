#!/usr/bin/env bash
# The whole suite (`npm test`): the static checks first (type-check, lint: each counts as one test, passed or
# failed), then unit tests, the medium tests (services and repositories on a real SQLite file and
# a real PostgreSQL), then the e2e suites on SQLite with the in-process queue,
# again on PostgreSQL with Redis, and the usage suites in the two remaining combinations.
# Starts a throw-away PostgreSQL cluster and Redis on free ports, stops them afterwards, and ends with
# one line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip
scripts/services/ensure-system-deps.sh || exit 1
[ -f models/manifest.json ] && node models/fetch-models.js >/dev/null || { echo "models missing: npm run models" >&2; exit 1; }

work=$(mktemp -d /tmp/faceauth-tests.XXXXXX)
chmod 755 "$work"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
cleanup() {
  scripts/services/pg.sh stop "$work/pg" >/dev/null 2>&1
  scripts/services/redis.sh stop "$work/redis" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
runs=0
# check LABEL COMMAND...: a static check, recorded as one test in jest's result format so the last line counts it.
check() {
  local label=$1; shift
  runs=$((runs + 1))
  echo "=== $label" >&2
  local ok=0
  "$@" 2>&1 || ok=1
  printf '{"numPassedTests":%d,"numFailedTests":%d,"numRuntimeErrorTestSuites":0}\n' $((1 - ok)) "$ok" >"$work/result-$runs.json"
  [ "$ok" = 0 ] || echo "=== FAILED: $label" >&2
}
check "type-check (tsc --noEmit: the tree, the widget's browser code, the TypeScript client)" npm run --silent typecheck
check "lint (eslint: typescript-eslint type-checked, import cycles, lib boundaries, table ownership)" npm run --silent lint

pg_url=$(scripts/services/pg.sh start "$work/pg" "$(free_port)") || { echo "could not start PostgreSQL" >&2; exit 1; }
redis_url=$(scripts/services/redis.sh start "$work/redis" "$(free_port)") || { echo "could not start Redis" >&2; exit 1; }

# run LABEL ENV... -- JEST ARGS...
run() {
  local label=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  runs=$((runs + 1))
  echo "=== $label" >&2
  env "${envs[@]}" npx jest "$@" --json --outputFile="$work/result-$runs.json" --colors 2>&1
}

e2e=(--config test/jest-e2e.config.js --runInBand)
db_suites=(test/foundation test/face-routes test/usage test/login test/login-tokens)
run "unit tests" CI=true -- --config test/jest-unit.config.js
run "medium: SQLite" TEST_DATABASE_URL= -- --config test/jest-medium.config.js
run "medium: PostgreSQL" TEST_DATABASE_URL="$pg_url" -- --config test/jest-medium.config.js
run "e2e: SQLite, in-process queue (all suites)" TEST_DATABASE_URL= TEST_REDIS_URL= -- "${e2e[@]}"
run "e2e: PostgreSQL, Redis" TEST_DATABASE_URL="$pg_url" TEST_REDIS_URL="$redis_url" -- "${e2e[@]}" "${db_suites[@]}"
run "e2e usage: SQLite, Redis" TEST_DATABASE_URL= TEST_REDIS_URL="$redis_url" -- "${e2e[@]}" test/usage
run "e2e usage: PostgreSQL, in-process queue" TEST_DATABASE_URL="$pg_url" TEST_REDIS_URL= -- "${e2e[@]}" test/usage

node -e '
const fs = require("fs");
let passed = 0, failed = 0, broken = 0;
for (const file of process.argv.slice(1)) {
  if (!fs.existsSync(file)) { broken++; continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests;
  broken += r.numRuntimeErrorTestSuites;
}
// A suite that fails to load has no test results: count it as a failure so it cannot pass silently.
console.log(`tests: ${passed} passed, ${failed + broken} failed`);
process.exit(failed + broken > 0 ? 1 : 0);
' $(for i in $(seq $runs); do echo "$work/result-$i.json"; done)
