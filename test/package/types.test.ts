/*
 * The Node-only entry points type-check in a project that has no test runner's global types: the
 * main testing entry point needs neither @types/jest nor Vitest; each runner's entry point declares
 * the matchers on that runner's types only.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** Type errors of `code`, compiled with no global types but Node's. */
function typeErrors(code: string): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.types-'));
  try {
    const file = path.join(dir, 'user.ts');
    fs.writeFileSync(file, code);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      types: ['node'],
      paths: {
        'cdk-stepwise/testing': [path.join(ROOT, 'src/testing/index.ts')],
        'cdk-stepwise/testing/vitest': [path.join(ROOT, 'src/testing/vitest.ts')],
        'cdk-stepwise/runtime': [path.join(ROOT, 'src/runtime/index.ts')],
      },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('types without @types/jest', () => {
  test('cdk-stepwise/testing and cdk-stepwise/runtime compile with no test runner types', () => {
    expect(typeErrors([
      "import { LocalWorkflow, TaskMock, matchers, LocalRunMatchers } from 'cdk-stepwise/testing';",
      "import { ActivityWorker } from 'cdk-stepwise/runtime';",
      'export const m: LocalRunMatchers<void> | undefined = undefined;',
      'export { LocalWorkflow, TaskMock, matchers, ActivityWorker };',
    ].join('\n'))).toEqual([]);
  }, 60_000);

  test('under Vitest, the matchers are typed on its expect', () => {
    expect(typeErrors([
      "import { expect } from 'vitest';",
      "import { LocalRun } from 'cdk-stepwise/testing';",
      "import 'cdk-stepwise/testing/vitest';",
      'declare const run: LocalRun;',
      "expect(run).toHaveVisited(['A', 'B']);",
      "expect(run).toHaveAttempted('A', 2);",
    ].join('\n'))).toEqual([]);
  }, 60_000);

  test('a matcher that does not exist is a type error (the check can fail)', () => {
    expect(typeErrors([
      "import { expect } from 'vitest';",
      "import { LocalRun } from 'cdk-stepwise/testing';",
      "import 'cdk-stepwise/testing/vitest';",
      'declare const run: LocalRun;',
      'expect(run).toHaveFlown();',
    ].join('\n'))).toEqual([expect.stringMatching(/Property 'toHaveFlown' does not exist/)]);
  }, 60_000);
});
