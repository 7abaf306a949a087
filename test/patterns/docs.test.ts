/*
 * Every ```ts block of docs/error-handling.md (the README section on error handling and
 * workflow patterns) compiles on its own against the library's sources: 'cdk-stepwise' resolves
 * to src/index.ts, 'cdk-stepwise/runtime' to src/runtime/index.ts and 'cdk-stepwise/testing' to
 * src/testing/local/index.ts. The blocks are compiled from memory.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'error-handling.md');

interface Block {
  readonly code: string;
  readonly line: number;
}

function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
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

function compile(blocks: Block[]): string[] {
  const files = new Map(blocks.map((b) => [path.join(__dirname, `error-handling-doc-line-${b.line}.ts`), `${b.code}\nexport {};\n`]));
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
    paths: {
      'cdk-stepwise': ['src/index.ts'],
      'cdk-stepwise/runtime': ['src/runtime/index.ts'],
      'cdk-stepwise/testing': ['src/testing/local/index.ts'],
    },
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
      return `docs/error-handling.md:${blockLine + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('docs/error-handling.md', () => {
  const blocks = tsBlocks(fs.readFileSync(DOC, 'utf8'));

  test('has an example for every preset and pattern', () => {
    const all = blocks.map((b) => b.code).join('\n');
    for (const name of ['RetryPreset', 'CatchPreset', 'FailurePath', 'TimeoutPreset', 'Saga', 'PollUntilDone', 'HumanApproval', 'TaskTokenClient', 'WorkflowAlarms', 'LocalWorkflow']) {
      expect(all).toContain(name);
    }
  });

  test('every ```ts block compiles', () => {
    expect(compile(blocks)).toEqual([]);
  }, 120_000);
});
