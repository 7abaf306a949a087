#!/usr/bin/env bash
# A new user's first minutes, on the aws-cdk-lib a new CDK app installs today: `cdk init app`
# (the newest aws-cdk-lib 2.x), `npm install` of the packed library, then the README's first
# example as the app, synthesized with the cdk CLI. Needs the npm package built by
# `npx projen build` (dist/js) and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tarball=$(ls "$root"/dist/js/cdk-stepwise@*.tgz | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/stepwise-app"
cd "$work/stepwise-app"

"$root/node_modules/.bin/cdk" init app --language typescript --generate-only > /dev/null
npm install --no-audit --no-fund --loglevel=error > /dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" > /dev/null

# The README's first TypeScript block as the app (cdk.json runs bin/stepwise-app.ts as generated),
# with its `declare const` functions made real imports.
node - "$root/README.md" bin/stepwise-app.ts <<'JS'
const fs = require('fs');
const [readme, out] = process.argv.slice(2);
const block = /```ts\n([\s\S]*?)```/.exec(fs.readFileSync(readme, 'utf8'))[1];
const declared = [...block.matchAll(/^declare const (\w+): lambda\.IFunction;\n/gm)].map((m) => m[1]);
const code = block
  .replace(/^declare const \w+: lambda\.IFunction;\n/gm, '')
  .replace(/^(const stack = .*\n)/m, (line) => line + declared
    .map((name) => `const ${name} = lambda.Function.fromFunctionArn(stack, '${name}', 'arn:aws:lambda:us-east-1:123456789012:function:${name}');\n`)
    .join(''));
fs.writeFileSync(out, code);
JS

version=$(node -p "require('aws-cdk-lib/package.json').version")
npx cdk synth --quiet --no-notices > /dev/null
grep -q '"AWS::StepFunctions::StateMachine"' cdk.out/Orders.template.json
echo "A new CDK app (aws-cdk-lib $version, $(npx tsc --version)) with the packed cdk-stepwise type-checked and synthesized the README's first example."
