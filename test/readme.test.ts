/*
 * Every ```ts block in README.md compiles against the library's sources, so the examples users
 * copy are never stale. Imports of 'cdk-stepwise', 'cdk-stepwise/runtime' and
 * 'cdk-stepwise/testing' resolve to src/ (the paths the package's `exports` map to). Each block
 * compiles on its own: it brings its imports and declares what it assumes with `declare const`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { AWS_CDK_LIB_DIR, AWS_CDK_LIB_VERSION, CONSTRUCTS_DIR } from './aws-cdk-lib-version';

const ROOT = path.join(__dirname, '..');

/** The ```ts blocks of a markdown file, with the line each starts on. */
export function tsBlocks(markdown: string): { code: string; line: number }[] {
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

/** Compiles the blocks as one program; returns the errors as `<file>:<line>: <message>`. */
function compileBlocks(file: string, blocks = tsBlocks(fs.readFileSync(path.join(ROOT, file), 'utf8'))): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.readme-'));
  try {
    const files = blocks.map((b, i) => {
      const name = path.join(dir, `block-${String(i + 1).padStart(2, '0')}-line-${b.line}.ts`);
      // Each block is a module of its own, so top-level names in two blocks never clash.
      fs.writeFileSync(name, `${b.code}\nexport {};\n`);
      return name;
    });
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
        'cdk-stepwise/testing': ['src/testing/index.ts'],
        'cdk-stepwise/testing/jest': ['src/testing/jest.ts'],
        'cdk-stepwise/testing/vitest': ['src/testing/vitest.ts'],
        // The examples compile against the aws-cdk-lib of this test run (both ends of the range).
        'aws-cdk-lib': [AWS_CDK_LIB_DIR],
        'aws-cdk-lib/*': [`${AWS_CDK_LIB_DIR}/*`],
        'constructs': [CONSTRUCTS_DIR],
      },
    };
    const program = ts.createProgram(files, options);
    return ts.getPreEmitDiagnostics(program)
      .filter((d) => d.file && d.file.fileName.startsWith(dir))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const blockLine = Number(/line-(\d+)\.ts$/.exec(d.file!.fileName)![1]);
        return `${file}:${blockLine + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A block that must not compile, compiled with the others at a line no real block has. */
const CANARY = { code: "import { SqsSteps } from 'cdk-stepwise';\nSqsSteps.sendMessageAndWait();", line: 100_000 };

describe(`README examples (aws-cdk-lib ${AWS_CDK_LIB_VERSION})`, () => {
  const blocks = tsBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  let errors: string[];

  beforeAll(() => {
    errors = compileBlocks('README.md', [...blocks, CANARY]);
  }, 120_000);

  test('every ```ts block in README.md compiles', () => {
    expect(errors.filter((e) => !e.startsWith(`README.md:${CANARY.line + 1}:`))).toEqual([]);
  });

  test('a block that does not compile is reported (the check can fail)', () => {
    expect(errors.filter((e) => e.startsWith(`README.md:${CANARY.line + 1}:`)))
      .toEqual([expect.stringMatching(/Property 'sendMessageAndWait' does not exist/)]);
  });

  test('has an example of every part of the library', () => {
    const all = blocks.map((b) => b.code).join('\n');
    for (const name of [
      'new Flow(', 'new Workflow(', 'sfn.QueryLanguage.JSONATA', // building workflows
      'SqsSteps.sendMessage(', 'AndWait(', 'WithCallback(', 'SdkSteps.call(', // the three patterns, the SDK integration
      'RetryPreset', 'CatchPreset', 'FailurePath', 'TimeoutPreset', 'new Saga(', 'new PollUntilDone(', 'new HumanApproval(', 'new WorkflowAlarms(',
      'ActivitySteps.invoke(', 'new ActivityWorker<', 'new ActivityWorkerService(', 'TaskTokenClient', // activities
      'StepwiseChecks.enable(', 'Validator.', 'ValidationReport.', // validation
      'LocalWorkflow.of(', 'TaskMock.', 'Asl.of(', 'Diagram.', // testing
    ]) {
      expect({ name, found: all.includes(name) }).toEqual({ name, found: true });
    }
  });
});
