/*
 * Every ```ts block in README.md and the guides in docs/ compiles against the library's sources,
 * so the examples users copy are never stale. Imports of 'cdk-stepwise', 'cdk-stepwise/runtime' and
 * 'cdk-stepwise/testing' resolve to src/ (the paths the package's `exports` map to). Each block
 * compiles on its own: it brings its imports and declares what it assumes with `declare const`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { AWS_CDK_LIB_DIR, AWS_CDK_LIB_VERSION, CONSTRUCTS_DIR } from './aws-cdk-lib-version';
import { tsBlocks } from './docs-blocks';

const ROOT = path.join(__dirname, '..');

/** Compiles the blocks of every document as one program; returns the errors as `<file>:<line>: <message>`. */
function compileDocs(docs: { file: string; blocks: { code: string; line: number }[] }[]): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.readme-'));
  try {
    const origin = new Map<string, { file: string; line: number }>();
    const files = docs.flatMap(({ file, blocks }, d) => blocks.map((b, i) => {
      const name = path.join(dir, `doc-${d}-block-${String(i + 1).padStart(2, '0')}.ts`);
      // Each block is a module of its own, so top-level names in two blocks never clash.
      fs.writeFileSync(name, `${b.code}\nexport {};\n`);
      origin.set(name, { file, line: b.line });
      return name;
    }));
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
      .filter((d) => d.file && origin.has(path.normalize(d.file.fileName)))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const at = origin.get(path.normalize(d.file!.fileName))!;
        return `${at.file}:${at.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A block that must not compile, compiled with the others at a line no real block has. */
const CANARY = { code: "import { SqsSteps } from 'cdk-stepwise';\nSqsSteps.sendMessageAndWait();", line: 100_000 };

/** README.md and every guide in docs/ (not the generated API reference in docs/api). */
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

describe(`README and docs examples (aws-cdk-lib ${AWS_CDK_LIB_VERSION})`, () => {
  const blocksOf = DOCS.map((file) => ({ file, blocks: tsBlocks(fs.readFileSync(path.join(ROOT, file), 'utf8')) }));
  let errors: string[];

  beforeAll(() => {
    errors = compileDocs(blocksOf.map(({ file, blocks }) => ({ file, blocks: file === 'README.md' ? [...blocks, CANARY] : blocks })));
  }, 240_000);

  test.each(DOCS)('every ```ts block in %s compiles', (file) => {
    expect(errors.filter((e) => e.startsWith(`${file}:`) && !e.startsWith(`README.md:${CANARY.line + 1}:`))).toEqual([]);
  });

  test('a block that does not compile is reported (the check can fail)', () => {
    expect(errors.filter((e) => e.startsWith(`README.md:${CANARY.line + 1}:`)))
      .toEqual([expect.stringMatching(/Property 'sendMessageAndWait' does not exist/)]);
  });

  test('the guides have an example of every part of the library', () => {
    const all = blocksOf.flatMap(({ blocks }) => blocks.map((b) => b.code)).join('\n');
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

  test('README.md stays a front page (at most 20 KB); the rest lives in docs/', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(20 * 1024);
  });

  test('every relative link in README.md and docs/ points at a file that exists, and every #anchor at a heading', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [filePart, anchor] = target.split('#');
        const resolved = filePart ? path.join(ROOT, path.dirname(file), filePart) : path.join(ROOT, file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${file}: ${target} (no such file)`);
        } else if (anchor && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

/** GitHub's anchors of a markdown file's headings. */
function anchorsOf(markdown: string): Set<string> {
  const headings = markdown.replace(/```[\s\S]*?```/g, '').split('\n').filter((l) => /^#{1,6} /.test(l));
  return new Set(headings.map((h) => h.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));
}
