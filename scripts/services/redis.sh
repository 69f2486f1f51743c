#!/usr/bin/env bash
# Throw-away Redis for tests: `redis.sh start DIR PORT` prints its URL, `redis.sh stop DIR` stops it by pid.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?dir}
case "$cmd" in
  start)
    port=${3:?port}; mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    echo "redis://127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: redis.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
