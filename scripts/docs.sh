#!/usr/bin/env bash
# Builds the DocC documentation of every library product with swift-docc-plugin, treating warnings as errors.
#
#   scripts/docs.sh              every library product found in Package.swift
#   scripts/docs.sh Packs Agents only these
#
# Products are discovered from `swift package dump-package`, so a new product is documented as soon as it is
# declared; each product's first target must have a catalog at <target path>/<Target>.docc (a product
# without one fails the run). Test-support products (targets under Tests/) are skipped. Archives are written
# to .build/plugins/Swift-DocC/outputs/<Target>.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v python3 >/dev/null || { echo "scripts/docs.sh needs python3 (to read the package description)" >&2; exit 2; }

# "<target> <catalog path>" for every library product (first target), in declaration order.
targets=$(swift package dump-package | python3 -c '
import json, sys
package = json.load(sys.stdin)
paths = {t["name"]: t.get("path") or "Sources/" + t["name"] for t in package["targets"]}
seen = set()
for product in package["products"]:
    if "library" not in product["type"]:
        continue
    target = product["targets"][0]
    if paths[target].startswith("Tests/"):
        continue
    if target not in seen:
        seen.add(target)
        print(target, paths[target] + "/" + target + ".docc")
')

failed=()
while read -r target catalog; do
    [ -n "$target" ] || continue
    if [ $# -gt 0 ] && [[ ! " $* " == *" $target "* ]]; then continue; fi
    if [ ! -d "$catalog" ]; then
        echo "error: $target has no DocC catalog at $catalog (add a landing page $target.md there)" >&2
        failed+=("$target")
        continue
    fi
    echo "== $target"
    if ! swift package generate-documentation --target "$target" --warnings-as-errors; then
        failed+=("$target")
    fi
done <<< "$targets"

if [ ${#failed[@]} -gt 0 ]; then
    echo "documentation failed for: ${failed[*]}" >&2
    exit 1
fi
echo "documentation built without warnings for every product"
