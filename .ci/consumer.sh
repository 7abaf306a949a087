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
# with each `declare const` made a real resource in the stack; a declared type this script does not
# know fails here, so a new README example cannot slip past the check.
node - "$root/README.md" bin/stepwise-app.ts <<'JS'
const fs = require('fs');
const [readme, out] = process.argv.slice(2);
const block = /```ts\n([\s\S]*?)```/.exec(fs.readFileSync(readme, 'utf8'))[1];
const make = {
  'lambda.IFunction': (name) => `lambda.Function.fromFunctionArn(stack, '${name}', 'arn:aws:lambda:us-east-1:123456789012:function:${name}')`,
  'sqs.IQueue': (name) => `new sqs.Queue(stack, '${name}')`,
};
const code = block.replace(/^declare const (\w+): ([\w.]+);$/gm, (line, name, type) => {
  if (!make[type]) throw new Error(`.ci/consumer.sh does not know how to make a ${type} for ${line}`);
  return `const ${name} = ${make[type](name)};`;
});
if (/^declare /m.test(code)) throw new Error('a declaration of the README example was left unconverted');
fs.writeFileSync(out, code);
JS

version=$(node -p "require('aws-cdk-lib/package.json').version")
npx cdk synth --quiet --no-notices > /dev/null
grep -q '"AWS::StepFunctions::StateMachine"' cdk.out/Orders.template.json
echo "A new CDK app (aws-cdk-lib $version, $(npx tsc --version)) with the packed cdk-stepwise type-checked and synthesized the README's first example."
