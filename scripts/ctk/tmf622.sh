#!/usr/bin/env bash
# Runs TM Forum's TMF622 v4 conformance kit (CTK) against a running Production Dispatch API.
#
#   scripts/ctk/tmf622.sh <kit-dir> <base-url> <api-key>
#
#   kit-dir   a checkout of https://github.com/tmforum-rand/CTK-TMF622-ProductOrdering
#   base-url  e.g. http://localhost:3000/tmf-api/productOrderingManagement/v4/
#             (a missing trailing slash is added: the kit appends "productOrder" directly)
#   api-key   a key allowed to call the TMF622 routes (role crm, dispatcher or admin)
#
# The script overwrites the kit's config.json (URL, headers, POST payload), installs the kit's
# npm dependencies if they are missing, runs the kit, and reads its JSON report
# (<kit-dir>/jsonResults.json; the HTML report is <kit-dir>/htmlResults.html).
# The kit itself exits 0 even when assertions fail; this script does not:
#   0  every assertion passed
#   1  at least one assertion failed, or the kit produced no report
#   2  wrong usage or a broken kit checkout
# See docs/conformance.md.
set -euo pipefail

usage() {
  echo "usage: $0 <kit-dir> <base-url> <api-key>" >&2
  exit 2
}
[ $# -eq 3 ] || usage
kit_dir=$1
base_url=$2
api_key=$3
[ -n "$base_url" ] && [ -n "$api_key" ] || usage
case "$base_url" in */) ;; *) base_url="$base_url/" ;; esac
# The kit's newman 4 (postman-runtime) resolves "localhost" with its own DNS lookup, which fails on
# Node 20+ with "Invalid IP address: undefined" for every request (postmanlabs/newman#3104).
# An IP literal skips that lookup, so localhost is replaced with 127.0.0.1.
case "$base_url" in
  http://localhost[:/]* | https://localhost[:/]*)
    base_url=$(printf '%s' "$base_url" | sed -E 's#^(https?://)localhost#\1127.0.0.1#')
    echo "note: using $base_url (the kit cannot resolve localhost on Node 20+)"
    ;;
esac

if [ ! -f "$kit_dir/ctk/index.js" ] || [ ! -f "$kit_dir/ctk/TMF622-ProductOrdering-v4.0.0.testkit.json" ]; then
  echo "error: $kit_dir does not look like a CTK-TMF622-ProductOrdering checkout (ctk/index.js missing)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "error: node is not on PATH" >&2; exit 2; }
kit_dir=$(cd "$kit_dir" && pwd)

# The kit's config: where the API is, the headers of every request, and the body of its one POST.
# The body is a valid order for this service's demo catalog (same shape as orderBody() in
# tests/support/fixtures.ts); it also satisfies the kit's own schema (ctk/schemas/ProductOrder.schema.json).
CTK_BASE_URL="$base_url" CTK_API_KEY="$api_key" CTK_CONFIG="$kit_dir/config.json" node -e '
const fs = require("fs");
const config = {
  url: process.env.CTK_BASE_URL,
  headers: {
    Accept: "application/json",
    "Content-Type": "application/json",
    Authorization: `Bearer ${process.env.CTK_API_KEY}`,
  },
  payloads: {
    ProductOrder: {
      POST: {
        payload: {
          externalId: `ctk-${Date.now()}`,
          priority: "4",
          category: "residential",
          description: "TMF622 conformance kit run",
          relatedParty: [{ id: "cust-1001", role: "Customer", "@referredType": "Individual" }],
          productOrderItem: [{
            id: "1",
            action: "add",
            quantity: 1,
            productOffering: { id: "ftth-300m" },
            product: { place: [{ id: "addr-xh-0001", role: "installationAddress" }] },
          }],
        },
      },
    },
  },
};
fs.writeFileSync(process.env.CTK_CONFIG, JSON.stringify(config, null, 2) + "\n");
'

if [ ! -d "$kit_dir/ctk/node_modules/newman" ]; then
  echo "installing the kit's npm dependencies in $kit_dir/ctk"
  (cd "$kit_dir/ctk" && npm install --no-audit --no-fund)
fi

report="$kit_dir/jsonResults.json"
rm -f "$report" "$kit_dir/htmlResults.html"

echo "running TMF622 CTK against $base_url"
set +e
(cd "$kit_dir/ctk" && node index.js)
kit_rc=$?
set -e

if [ ! -s "$report" ]; then
  echo "FAIL: the kit wrote no report ($report); kit exit code $kit_rc" >&2
  exit 1
fi

CTK_REPORT="$report" node -e '
const r = JSON.parse(require("fs").readFileSync(process.env.CTK_REPORT, "utf8")).run;
const urlOf = (u) => {
  if (typeof u === "string") return u;
  const q = (u.query || []).map((p) => `${p.key}=${p.value}`).join("&");
  return "/" + [u.path || []].flat().join("/") + (q ? "?" + q : "");
};
const bodyOf = (res) => (res && res.stream ? Buffer.from(res.stream.data || res.stream).toString("utf8") : "");
console.log("");
for (const e of r.executions) {
  const as = e.assertions || [];
  const failed = as.filter((a) => a.error);
  const code = e.response ? e.response.code : `no response (${e.requestError ? e.requestError.message : "?"})`;
  console.log(`${failed.length || e.requestError ? "FAIL" : "ok  "}  ${e.request.method} ${urlOf(e.request.url)} -> ${code}  (${as.length - failed.length}/${as.length} assertions)`);
  for (const a of failed) console.log(`        failed: ${a.assertion}: ${a.error.message}`);
  if (failed.length || e.requestError) {
    if (e.request.body && e.request.body.raw) console.log(`        request body: ${e.request.body.raw}`);
    console.log(`        response body: ${bodyOf(e.response).slice(0, 2000)}`);
  }
}
for (const f of r.failures.filter((f) => !f.error || !f.error.test)) {
  console.log(`FAIL  ${f.source && f.source.name}: ${f.error && (f.error.name + ": " + f.error.message)}`);
}
const a = r.stats.assertions;
console.log(`\nTMF622 CTK: ${a.total - a.failed} passed, ${a.failed} failed (of ${a.total} assertions); ` +
  `${r.stats.requests.total} requests, ${r.stats.requests.failed} request errors, ${r.failures.length} failures in the report`);
process.exit(a.failed > 0 || r.failures.length > 0 || r.stats.requests.failed > 0 || a.total === 0 ? 1 : 0);
'
