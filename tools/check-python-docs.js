#!/usr/bin/env node
/*
 * Python readers get Python: after `jsii-rosetta extract --strict` (every TypeScript example of the
 * README and the API docs compiles, with rosetta/*.ts-fixture), transliterate the assembly to
 * Python, as jsii-pacmak does for the Python package, and check that the README's examples and
 * every `@example` came out as Python, not TypeScript left as it was.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, '.jsii.python');

/** Signs of TypeScript that a Python translation cannot contain. */
const TYPESCRIPT = [/^\s*(const|let|import \{|import \* as)\b/m, /=>/, /\bnew [A-Z]/, /;\s*$/m, /\bthis\./];

function fencedBlocks(markdown, languages) {
  const blocks = [];
  const re = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
  let m;
  while ((m = re.exec(markdown))) {
    if (languages.includes(m[1])) blocks.push(m[2]);
  }
  return blocks;
}

function main() {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'jsii-rosetta'),
    ['transliterate', ROOT, '--language', 'python', '--strict', '--tablet', path.join(ROOT, '.jsii.tabl.json')],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const original = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  const python = JSON.parse(fs.readFileSync(OUT, 'utf8'));
  fs.rmSync(OUT);
  const problems = [];

  const tsBlocks = fencedBlocks(original.readme.markdown, ['ts', 'typescript']);
  const pyBlocks = fencedBlocks(python.readme.markdown, ['python']);
  const leftover = fencedBlocks(python.readme.markdown, ['ts', 'typescript']);
  if (tsBlocks.length === 0) problems.push('README.md has no TypeScript example to translate');
  if (pyBlocks.length !== tsBlocks.length || leftover.length > 0) {
    problems.push(`README.md: ${tsBlocks.length} TypeScript examples, ${pyBlocks.length} Python examples in the Python README, ${leftover.length} left in TypeScript`);
  }
  pyBlocks.forEach((code, i) => {
    const ts = TYPESCRIPT.find((re) => re.test(code));
    if (ts) problems.push(`README.md example ${i + 1} is not Python (${ts}):\n${code}`);
  });

  let examples = 0;
  for (const [fqn, type] of Object.entries(python.types)) {
    const docs = [[fqn, type.docs], ...[...(type.methods ?? []), ...(type.properties ?? [])].map((m) => [`${fqn}.${m.name}`, m.docs])];
    for (const [name, d] of docs) {
      if (!d?.example) continue;
      examples++;
      const ts = TYPESCRIPT.find((re) => re.test(d.example));
      if (ts) problems.push(`${name}: the example is not Python (${ts}):\n${d.example}`);
    }
  }
  if (problems.length > 0) {
    console.error(problems.join('\n\n'));
    process.exit(1);
  }
  console.log(`Python docs: ${pyBlocks.length} README examples and ${examples} API examples translated`);
}

main();
