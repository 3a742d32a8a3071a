#!/usr/bin/env bash
# Rebuild static/govuk/ from the govuk-frontend npm package. Run by hand when upgrading; the
# output is committed, so neither the portal nor CI needs Node.
set -euo pipefail
version="${1:-6.6.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent "govuk-frontend@$version" sass@1
npx sass --pkg-importer=node --style=compressed --no-source-map --quiet \
  "$here/tools/govuk-frontend.scss" "$here/static/govuk/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$here/static/govuk/"
echo "$version" > "$here/static/govuk/VERSION"
