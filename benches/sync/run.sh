#!/usr/bin/env bash
# Ponte's relay vs the automerge-repo sync server, side by side on loopback.
# Builds Ponte (release), installs the peer from npm (pinned, package-lock.json), runs
# bench.mjs, which prints one Markdown table. See docs/BENCHMARKS.md.
#
#   benches/sync/run.sh                      # 1,000- and 5,000-record groups
#   BENCH_LARGE=0 benches/sync/run.sh        # skip the 5,000 group
#   BENCH_KEEP=1 benches/sync/run.sh         # keep the work directory
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

echo "building ponte and sync-server (release)..." >&2
(cd "$root" && cargo build --release --quiet -p ponte-cli -p sync-server)

peer="$here/peer"
if [ ! -f "$peer/node_modules/.package-lock.json" ] ||
  [ "$peer/package-lock.json" -nt "$peer/node_modules/.package-lock.json" ]; then
  echo "installing the peer (npm ci)..." >&2
  # npm 11's `ci` refuses this lock file for lacking other platforms' optional
  # packages (cbor-extract); `install` then installs the same pinned versions and
  # leaves the lock file as it is.
  (cd "$peer" && { npm ci --no-audit --no-fund --loglevel=error >&2 ||
    npm install --no-audit --no-fund --loglevel=error >&2; })
fi

exec node "$here/bench.mjs" "$@"
