import * as path from 'path';
import * as ts from 'typescript';

/*
 * jest runs this project's tests through ts-jest with `isolatedModules` (test/tsconfig.json), so
 * it transpiles without type checking and a `@ts-expect-error` proves nothing there. This test
 * type-checks pattern-safety.types.ts with the TypeScript compiler and the project's test
 * compiler options instead.
 */

const TYPES_FILE = path.join(__dirname, 'pattern-safety.types.ts');
// A file that exists only in memory, next to the real one so that its imports resolve.
const CANARY_FILE = path.join(__dirname, 'pattern-safety.canary.ts');
const CANARY = [
  "import { SqsSteps } from '../../src/integrations/sqs';",
  '// @ts-expect-error this line compiles, so this directive is unused',
  'export const ok = SqsSteps.sendMessage;',
].join('\n');

function compile(): readonly ts.Diagnostic[] {
  const configPath = path.join(__dirname, '..', 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const options: ts.CompilerOptions = { ...parsed.options, isolatedModules: false, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => path.resolve(fileName) === CANARY_FILE
    ? ts.createSourceFile(fileName, CANARY, languageVersion)
    : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => path.resolve(fileName) === CANARY_FILE || fileExists(fileName);
  const program = ts.createProgram([TYPES_FILE, CANARY_FILE], options, host);
  return ts.getPreEmitDiagnostics(program);
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
  return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

describe('pattern safety at compile time', () => {
  let diagnostics: readonly ts.Diagnostic[];

  beforeAll(() => {
    diagnostics = compile();
  }, 120_000);

  test('unsupported patterns, missing callback timeouts and mixed-up pattern types do not compile', () => {
    // Each @ts-expect-error in the file is used (an error is expected there and occurs), and
    // nothing else fails.
    const inTypesFile = diagnostics.filter((d) => d.file && path.resolve(d.file.fileName) === TYPES_FILE);
    expect(inTypesFile.map(describeDiagnostic)).toEqual([]);
  });

  test('a @ts-expect-error on a line that compiles fails the check (the check can fail)', () => {
    const inCanary = diagnostics.filter((d) => d.file && path.resolve(d.file.fileName) === CANARY_FILE);
    expect(inCanary.map((d) => d.code)).toEqual([2578]); // "Unused '@ts-expect-error' directive."
  });
});
