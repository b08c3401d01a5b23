#!/usr/bin/env bash
# Runs TM Forum's TMF621 Trouble Ticket conformance kit (CTK) against a running Production Dispatch API.
#
#   scripts/ctk/tmf621.sh <kit-dir> <base-url> <api-key>
#
#   kit-dir   a checkout of https://github.com/tmforum-rand/CTK-TMF621-TroubleTicket-R18-0
#   base-url  e.g. http://127.0.0.1:3000/tmf-api/troubleTicket/v4 (no trailing slash)
#   api-key   a key allowed to call the TMF621 routes (role crm, dispatcher or admin)
#
# The kit's own runner has a path bug, so its Postman collection is run with newman directly.
# The collection sends no credentials: a copy of it with collection-level bearer auth is written
# next to the report (the kit's files are left alone). Exit codes:
#   0  every assertion passed
#   1  at least one assertion failed, or newman produced no report
#   2  wrong usage or a broken kit checkout
# See docs/conformance.md.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 <kit-dir> <base-url> <api-key>" >&2; exit 2; }
kit_dir=$1
base_url=${2%/}
api_key=$3
collection="$kit_dir/ctk/CTK-TMF621-TroubleTicket.postman_collection.json"
environment="$kit_dir/ctk/TMForumR18.0.postman_environment.json"
[ -f "$collection" ] && [ -f "$environment" ] || { echo "error: $kit_dir does not look like a CTK-TMF621 checkout" >&2; exit 2; }
# newman 4 cannot resolve "localhost" on Node 20+ (postmanlabs/newman#3104): use an IP literal.
base_url=$(printf '%s' "$base_url" | sed -E 's#^(https?://)localhost#\1127.0.0.1#')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CTK_IN="$collection" CTK_OUT="$work/collection.json" CTK_KEY="$api_key" node -e '
const fs = require("fs");
const c = JSON.parse(fs.readFileSync(process.env.CTK_IN, "utf8"));
c.auth = { type: "bearer", bearer: [{ key: "token", value: process.env.CTK_KEY, type: "string" }] };
fs.writeFileSync(process.env.CTK_OUT, JSON.stringify(c));
'
# Only newman: the kit's package.json also names "fs@0.0.1-security", which the registry no longer serves.
newman="$kit_dir/.newman/node_modules/.bin/newman"
if [ ! -x "$newman" ]; then
  echo "installing newman 4 (the kit's version) in $kit_dir/.newman"
  npm install --prefix "$kit_dir/.newman" --no-audit --no-fund newman@4
fi

echo "running TMF621 CTK against $base_url"
set +e
"$newman" run "$work/collection.json" -e "$environment" \
  --env-var "TroubleTicketAPI=$base_url" --reporters cli,json --reporter-json-export "$work/report.json"
set -e
[ -s "$work/report.json" ] || { echo "FAIL: newman wrote no report" >&2; exit 1; }
CTK_REPORT="$work/report.json" node -e '
const r = JSON.parse(require("fs").readFileSync(process.env.CTK_REPORT, "utf8")).run;
const a = r.stats.assertions;
console.log(`\nTMF621 CTK: ${a.total - a.failed} passed, ${a.failed} failed (of ${a.total} assertions); ${r.stats.requests.total} requests, ${r.stats.requests.failed} request errors`);
process.exit(a.failed > 0 || r.stats.requests.failed > 0 || a.total === 0 ? 1 : 0);
'
