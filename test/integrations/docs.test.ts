/*
 * Every ```ts block of docs/integrations.md (the README section on service integrations)
 * compiles on its own against the library's sources, the way test/readme.test.ts checks the
 * README: 'cdk-stepwise' resolves to src/index.ts. The blocks are compiled from memory.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'integrations.md');

/** The ```ts blocks of a markdown file, with the line each starts on. */
function tsBlocks(markdown: string): { code: string; line: number }[] {
  const blocks: { code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^```(ts|typescript)\s*$/.test(lines[i])) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      blocks.push({ code: lines.slice(start, end).join('\n'), line: start + 1 });
      i = end;
    }
  }
  return blocks;
}

function compile(blocks: { code: string; line: number }[]): string[] {
  // Virtual files in the test directory (never written), one module per block.
  const files = new Map(blocks.map((b) => [path.join(__dirname, `docs-block-line-${b.line}.ts`), `${b.code}\nexport {};\n`]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node', 'jest'],
    baseUrl: ROOT,
    paths: { 'cdk-stepwise': ['src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion) : getSourceFile(fileName, languageVersion, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(path.resolve(d.file.fileName)))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const blockLine = Number(/line-(\d+)\.ts$/.exec(d.file!.fileName)![1]);
      return `docs/integrations.md:${blockLine + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('docs/integrations.md', () => {
  const blocks = tsBlocks(fs.readFileSync(DOC, 'utf8'));
  // A canary block that must not compile, compiled with the others (one program: faster), at a
  // line number no real block has.
  const CANARY_LINE = 100_000;
  let errors: string[];

  beforeAll(() => {
    errors = compile([...blocks, { code: "import { SqsSteps } from 'cdk-stepwise';\nSqsSteps.sendMessageAndWait();", line: CANARY_LINE }]);
  }, 120_000);

  test('has an example for each pattern and for the AWS SDK integration', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  test('every ```ts block compiles', () => {
    expect(errors.filter((e) => !e.startsWith(`docs/integrations.md:${CANARY_LINE + 1}:`))).toEqual([]);
  });

  test('a block that does not compile is reported (the check can fail)', () => {
    expect(errors.filter((e) => e.startsWith(`docs/integrations.md:${CANARY_LINE + 1}:`)))
      .toEqual([expect.stringMatching(/Property 'sendMessageAndWait' does not exist/)]);
  });
});
