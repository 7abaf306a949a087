#!/usr/bin/env node
/*
 * The table of every finding code in docs/validation.md, generated from the code registry
 * (src/core/codes). `npx projen docs:codes` rewrites it from the compiled library (lib/);
 * test/validation/docs.test.ts fails when the table and the registry differ.
 */
const fs = require('fs');
const path = require('path');

const DOC = path.join(__dirname, '..', 'docs', 'validation.md');
const START = /<!-- codes:start[^>]*-->\n/;
const END = '<!-- codes:end -->';

/** A markdown table cell: pipes escaped (GitHub tables split on them even inside code spans). */
function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The row of one code. */
function codeRow(c) {
  return `| ${c.code} | ${c.severity} | ${cell(c.title)} | ${cell(c.meaning)} | ${cell(c.fix)} |`;
}

/** The table of the given codes (in the order given). */
function codesTable(codes) {
  return ['| Code | Severity | Title | Meaning | Fix |', '|---|---|---|---|---|', ...codes.map(codeRow)].join('\n') + '\n';
}

/** The document split around its generated table. */
function tableInDoc(doc) {
  const start = START.exec(doc);
  const end = doc.indexOf(END);
  if (!start || end < 0) {
    throw new Error(`${DOC} has no <!-- codes:start --> ... ${END} section`);
  }
  return { before: doc.slice(0, start.index + start[0].length), table: doc.slice(start.index + start[0].length, end), after: doc.slice(end) };
}

module.exports = { DOC, codeRow, codesTable, tableInDoc };

if (require.main === module) {
  const { ALL_CODES } = require('../lib/core/codes');
  const { before, after } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
  fs.writeFileSync(DOC, before + codesTable(ALL_CODES) + after);
  console.log(`${path.relative(process.cwd(), DOC)}: ${ALL_CODES.length} codes`);
}
