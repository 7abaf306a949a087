/*
 * docs/validation.md lists every finding code with its title, meaning and fix, generated from the
 * registry by tools/codes-table.js (`npx projen docs:codes`); this test fails when they differ.
 */
import * as fs from 'fs';
import { ALL_CODES } from '../../src/core/codes';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOC, codeRow, codesTable, tableInDoc } = require('../../tools/codes-table.js');

describe('docs/validation.md: the table of finding codes', () => {
  test('lists every registered code with its severity, title, meaning and fix, as generated', () => {
    const { table } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
    // A clear message first: which codes are missing or stale (regenerate: npx projen docs:codes).
    const stale = ALL_CODES.filter((c) => !table.includes(codeRow(c))).map((c) => c.code);
    expect(stale).toEqual([]);
    expect(table).toEqual(codesTable(ALL_CODES));
  });

  test('has every code once, in code order', () => {
    const { table } = tableInDoc(fs.readFileSync(DOC, 'utf8'));
    const listed = [...table.matchAll(/^\| (SW\d{3}) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(ALL_CODES.map((c) => c.code));
    expect(new Set(listed).size).toEqual(listed.length);
  });

  test('a stale table is reported (the check can fail)', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const stale = doc.replace(codeRow(ALL_CODES[0]), codeRow({ ...ALL_CODES[0], fix: 'an old fix' }));
    expect(tableInDoc(stale).table).not.toEqual(codesTable(ALL_CODES));
  });
});
