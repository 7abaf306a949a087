/*
 * docs/validation.md (merged into the README) lists every finding code with its title, meaning and
 * fix, generated from the registry, and its TypeScript examples compile. When a code is added or
 * changed, regenerate the table:  UPDATE_CODES_TABLE=1 npx jest test/validation/docs.test.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ALL_CODES } from '../../src/validation/codes';

const DOC = path.join(__dirname, '..', '..', 'docs', 'validation.md');
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

describe('docs/validation.md', () => {
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

  test('every ```ts block compiles on its own', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const blocks = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const root = path.join(__dirname, '..', '..');
    const dir = fs.mkdtempSync(path.join(root, 'test', '.readme-validation-'));
    try {
      const files = blocks.map((code, i) => {
        const file = path.join(dir, `block-${i}.ts`);
        fs.writeFileSync(file, `${code}\nexport {};\n`);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
        baseUrl: root,
        paths: { 'cdk-stepwise': ['src/index.ts'] },
      });
      const errors = ts.getPreEmitDiagnostics(program)
        .filter((d) => d.file && d.file.fileName.startsWith(dir))
        .map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(errors).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
