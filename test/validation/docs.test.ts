/*
 * The README lists every finding code with its title, meaning and fix, generated from the
 * registry (its TypeScript examples are compiled by test/readme.test.ts). When a code is added or
 * changed, regenerate the table:  UPDATE_CODES_TABLE=1 npx jest test/validation/docs.test.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_CODES } from '../../src/core/codes';

const DOC = path.join(__dirname, '..', '..', 'README.md');
const START = /<!-- codes:start[^>]*-->\n/;
const END = '<!-- codes:end -->';

/** A markdown table cell: pipes escaped (GitHub tables split on them even inside code spans). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The table of every registered code. */
export function codesTable(): string {
  return [
    '| Code | Severity | Title | Meaning | Fix |',
    '|---|---|---|---|---|',
    ...ALL_CODES.map((c) => `| ${c.code} | ${c.severity} | ${cell(c.title)} | ${cell(c.meaning)} | ${cell(c.fix)} |`),
  ].join('\n') + '\n';
}

function tableInDoc(doc: string): { before: string; table: string; after: string } {
  const start = START.exec(doc);
  const end = doc.indexOf(END);
  if (!start || end < 0) {
    throw new Error(`${DOC} has no <!-- codes:start --> ... ${END} section`);
  }
  return { before: doc.slice(0, start.index + start[0].length), table: doc.slice(start.index + start[0].length, end), after: doc.slice(end) };
}

describe('README: the table of finding codes', () => {
  if (process.env.UPDATE_CODES_TABLE) {
    const { before, after } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
    fs.writeFileSync(DOC, before + codesTable() + after);
  }

  test('lists every registered code with its severity, title, meaning and fix, as generated', () => {
    const { table } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
    // A clear message first: which codes are missing or stale.
    const stale = ALL_CODES.filter((c) => !table.includes(`| ${c.code} | ${c.severity} | ${cell(c.title)} | ${cell(c.meaning)} | ${cell(c.fix)} |`)).map((c) => c.code);
    expect(stale).toEqual([]);
    expect(table).toEqual(codesTable());
  });

  test('has every code once, in code order', () => {
    const { table } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
    const listed = [...table.matchAll(/^\| (SW\d{3}) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(ALL_CODES.map((c) => c.code));
    expect(new Set(listed).size).toEqual(listed.length);
  });
});
