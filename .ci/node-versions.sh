#!/usr/bin/env bash
# The Node-only parts (the activity worker, the local runner and its matchers, the package's entry
# points) on the Node.js lines users run: 22 and 24, from the npm registry's `node` package. The
# whole suite runs on the machine's Node (20) in `npx projen build`; this runs the tests of those
# parts again under each newer Node. Needs the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for major in 22 24; do
  npm install --no-audit --no-fund --loglevel=error --prefix "$work/node$major" "node@$major" > /dev/null
  bin="$work/node$major/node_modules/.bin"
  version=$("$bin/node" --version)
  case "$version" in
    "v$major."*) ;;
    *) echo "asked the registry for node@$major, got $version" >&2; exit 1 ;;
  esac
  echo "Node $version: worker, local runner and entry-point tests"
  PATH="$bin:$PATH" node "$root/node_modules/.bin/jest" --ci --selectProjects "aws-cdk-lib 2.220.0" \
    --testPathPatterns 'test/(runtime|testing|package)/' --coverage=false
done
