#!/usr/bin/env node
/*
 * Makes the compiled entry point (lib/index.js) load each module of the library when one of its
 * exports is first read, as aws-cdk-lib's own entry points do. `import ... from 'cdk-stepwise'`
 * then costs a few milliseconds instead of loading every integration (and aws-cdk-lib's ECS, EC2
 * and Application Auto Scaling modules with them) up front: a test file that builds one workflow
 * pays for what it uses.
 *
 * The TypeScript output is `__exportStar(require("./x"), exports)` per `export * from './x'`;
 * each becomes one getter per exported name, in the same order (the first module to export a
 * name wins, as with `export *`). The names are read by loading the modules once, here.
 *
 *   node tools/lazy-index.js [lib]
 *
 * Checked by test/package/entry-points.test.ts (same exports, same objects, nothing loaded early).
 */
const fs = require('fs');
const path = require('path');

const lib = path.resolve(process.argv[2] ?? 'lib');
const file = path.join(lib, 'index.js');
const source = fs.readFileSync(file, 'utf8');
const modules = [...source.matchAll(/__exportStar\(require\("(\.\/[^"]+)"\), exports\);/g)].map((m) => m[1]);
if (modules.length === 0) {
  if (source.includes('function lazy(')) {
    process.exit(0); // already rewritten
  }
  throw new Error(`${file}: no 'export *' found; the compiled entry point has changed shape`);
}

const seen = new Set(['__esModule', 'default']);
const lines = [];
for (const module of modules) {
  for (const name of Object.keys(require(path.join(lib, module)))) {
    if (!seen.has(name)) {
      seen.add(name);
      lines.push(`lazy(${JSON.stringify(name)}, ${JSON.stringify(module)});`);
    }
  }
}

fs.writeFileSync(file, [
  '"use strict";',
  '// Each export loads its module when first read (tools/lazy-index.js).',
  'Object.defineProperty(exports, "__esModule", { value: true });',
  'function lazy(name, module) {',
  '  Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => require(module)[name] });',
  '}',
  ...lines,
  '',
].join('\n'));
