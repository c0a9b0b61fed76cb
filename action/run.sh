#!/usr/bin/env bash
# The specmock GitHub Action's one step (action.yml). Inputs arrive as INPUT_* variables, outputs go
# to $GITHUB_OUTPUT, as the runner passes them; test/pkg/action.test.ts runs it the same way.
set -euo pipefail

tools="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/specmock-cli"
specmock="$tools/node_modules/.bin/specmock"
output() { echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"; echo "$1=$2"; }
need() { [ -n "${!1:-}" ] || { echo "::error::specmock action: input ${2} is required for ${INPUT_COMMAND}" >&2; exit 1; }; }

install() {
  [ -x "$specmock" ] && return
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private":true}' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --prefer-offline --loglevel=error "${INPUT_PACKAGE:-specmock-cli}" >&2
}

remote() { # the options every server command takes
  args=()
  [ -n "${INPUT_SERVER:-}" ] && args+=(--server "$INPUT_SERVER")
  [ -n "${INPUT_KEY:-}" ] && args+=(--key "$INPUT_KEY")
  return 0
}

case "${INPUT_COMMAND:-}" in
  publish)
    need INPUT_SPEC spec; need INPUT_API api; install; remote
    [ -n "${INPUT_VERSION:-}" ] && args+=(--version "$INPUT_VERSION")
    [ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
    url=$("$specmock" publish "$INPUT_SPEC" --api "$INPUT_API" "${args[@]}")
    output mock-url "$url"
    ;;
  sandbox)
    need INPUT_API api; install; remote
    url=$("$specmock" sandbox create --api "$INPUT_API" --version "${INPUT_VERSION:-latest}" "${args[@]}")
    output sandbox-url "$url"
    ;;
  mock)
    need INPUT_SPEC spec; install
    port="${INPUT_PORT:-4010}"; log="$tools/mock-$port.log"
    flags=(--port "$port")
    [ -n "${INPUT_API:-}" ] && flags+=(--api "$INPUT_API")
    [ "${INPUT_STATEFUL:-false}" = true ] && flags+=(--stateful)
    # In the background, past this step; the runner's orphan-process cleanup stops it when the job
    # ends (`command: stop` stops it sooner).
    nohup "$specmock" mock "$INPUT_SPEC" "${flags[@]}" >"$log" 2>&1 &
    echo $! >"$tools/mock-$port.pid"
    # Ready once it says so: the port opens a moment before the description is loaded.
    for _ in $(seq 1 600); do
      if grep -q '^mocking ' "$log"; then output mock-url "http://127.0.0.1:$port"; exit 0; fi
      kill -0 "$(cat "$tools/mock-$port.pid")" 2>/dev/null || break
      sleep 0.1
    done
    cat "$log" >&2; echo "::error::specmock mock did not start" >&2; exit 1
    ;;
  stop)
    for pidfile in "$tools"/mock-*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pidfile"
    done
    ;;
  *)
    echo "::error::specmock action: command must be publish, mock, sandbox or stop (got '${INPUT_COMMAND:-}')" >&2
    exit 1
    ;;
esac
