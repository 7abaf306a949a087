/*
 * The three entry points as a user's project loads them: the library compiled as published (with
 * the lazy main entry point of tools/lazy-index.js), installed in a directory outside this
 * repository next to aws-cdk-lib and constructs, and without the optional dependencies
 * (`npm i --omit=optional`), then with them.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const MODULES = path.join(ROOT, 'node_modules');

let project: string;

/** Runs `code` with node in the user's project; returns its exit status, stdout and stderr. */
function run(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-e', code], { cwd: project, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function link(name: string): void {
  const target = path.join(project, 'node_modules', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(path.join(MODULES, name), target, 'dir');
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-user-'));
  const installed = path.join(project, 'node_modules', 'cdk-stepwise');
  execFileSync(process.execPath, [
    path.join(MODULES, 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.json'),
    '--outDir', path.join(installed, 'lib'), '--declaration', 'false', '--inlineSourceMap', 'false', '--inlineSources', 'false',
  ]);
  fs.copyFileSync(path.join(installed, 'lib', 'index.js'), path.join(installed, 'lib', 'index.eager.js'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(installed, 'package.json'));
  link('aws-cdk-lib');
  link('constructs');
  // The bundled dependencies, which npm installs inside cdk-stepwise.
  link('ajv');
  link('jsonata');
  execFileSync(process.execPath, [path.join(ROOT, 'tools', 'lazy-index.js'), path.join(installed, 'lib')], { cwd: project });
}, 180_000);

afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

describe('without the optional dependencies', () => {
  test('cdk-stepwise/testing fails with SW090, naming the packages and the command that installs them', () => {
    const result = run("require('cdk-stepwise/testing')");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('MissingDependencyError: [SW090] cdk-stepwise/testing needs jsonpath-plus, optional dependencies of cdk-stepwise that are not installed');
    expect(result.stderr).toContain("Fix: install them in the project that imports it: npm install jsonpath-plus@'^10.0.0'");
    expect(result.stderr).not.toContain('Cannot find module');
  });

  test('cdk-stepwise/runtime fails with SW090, naming the packages', () => {
    const result = run("require('cdk-stepwise/runtime')");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('[SW090] cdk-stepwise/runtime needs @aws-sdk/client-sfn and @smithy/node-http-handler');
    expect(result.stderr).not.toContain('Cannot find module');
  });

  test('cdk-stepwise itself needs none of them', () => {
    const result = run("const s = require('cdk-stepwise'); console.log(typeof s.Workflow, typeof s.Flow, typeof s.LambdaSteps)");
    expect(result).toEqual({ status: 0, stdout: 'function function function\n', stderr: '' });
  });
});

describe('the main entry point is lazy', () => {
  test('it exports the same names and the same objects as the compiled index', () => {
    const result = run(`
      const lazy = require('cdk-stepwise');
      const eager = require(require.resolve('cdk-stepwise').replace(/index\.js$/, 'index.eager.js'));
      const names = (m) => Object.keys(m).sort().join(',');
      const same = Object.keys(eager).every((name) => lazy[name] === eager[name]);
      console.log(JSON.stringify({ same, equalNames: names(lazy) === names(eager), count: Object.keys(eager).length }));
    `);
    expect(JSON.parse(result.stdout)).toEqual({ same: true, equalNames: true, count: expect.any(Number) });
    expect(JSON.parse(result.stdout).count).toBeGreaterThan(40);
  });

  test('importing it loads none of its modules; using Flow and Workflow loads no ECS, EC2 or Application Auto Scaling', () => {
    const loaded = (pattern: string) => `Object.keys(require.cache).some((f) => ${pattern}.test(f))`;
    const result = run(`
      const s = require('cdk-stepwise');
      const afterImport = { ours: ${loaded('/cdk-stepwise[\\\\/]lib[\\\\/](?!index)/')}, ecs: ${loaded('/aws-ecs[\\\\/]/')} };
      void s.Flow; void s.Workflow;
      const afterUse = { ecs: ${loaded('/aws-ecs[\\\\/]/')}, ec2: ${loaded('/aws-ec2[\\\\/]/')}, scaling: ${loaded('/aws-applicationautoscaling[\\\\/]/')} };
      console.log(JSON.stringify({ afterImport, afterUse }));
    `);
    expect(JSON.parse(result.stdout)).toEqual({
      afterImport: { ours: false, ecs: false },
      afterUse: { ecs: false, ec2: false, scaling: false },
    });
  });
});

describe('with the optional dependencies', () => {
  beforeAll(() => {
    for (const name of ['jsonpath-plus', '@aws-sdk/client-sfn', '@smithy/node-http-handler']) {
      link(name);
    }
  });

  test('both Node-only entry points load', () => {
    const result = run("const t = require('cdk-stepwise/testing'); const r = require('cdk-stepwise/runtime'); console.log(typeof t.LocalWorkflow, typeof r.ActivityWorker)");
    expect(result).toEqual({ status: 0, stdout: 'function function\n', stderr: '' });
  });
});
