/*
 * What importing cdk-stepwise costs, side by side with importing aws-cdk-lib's Step Functions
 * tasks, each in a fresh Node.js process (as a jest test file or `cdk synth` starts), rotating:
 *
 *   import     `require('aws-cdk-lib/aws-stepfunctions-tasks')` vs `require('cdk-stepwise')`
 *   first use  the import, then one small state machine built and synthesized: a Pass state in an
 *              sfn.StateMachine vs the same in a Flow and a Workflow (its defaults and checks on)
 *
 * Measures the compiled library (lib/, with its lazy entry point: run `npx projen compile` first).
 *
 *   node bench/import/run.js      (npx projen bench:import)
 *
 * Target (issue 10): importing cdk-stepwise adds at most 50 ms.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, table } from '../lib/stats';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib', 'index.js');
const ROUNDS = Number(process.env.ROUNDS ?? 15);

/** Scripts timed in their own process: the time from start to the end of the script. */
const SCRIPTS: Record<string, string> = {
  'import aws-cdk-lib/aws-stepfunctions-tasks': "require('aws-cdk-lib/aws-stepfunctions-tasks');",
  'import cdk-stepwise': `require(${JSON.stringify(LIB)});`,
  'first use: aws-cdk-lib': `
    const { App, Stack } = require('aws-cdk-lib');
    const sfn = require('aws-cdk-lib/aws-stepfunctions');
    require('aws-cdk-lib/aws-stepfunctions-tasks');
    const app = new App({ outdir: process.env.OUTDIR });
    const stack = new Stack(app, 'S');
    new sfn.StateMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Start')) });
    app.synth();`,
  'first use: cdk-stepwise': `
    const { App, Stack } = require('aws-cdk-lib');
    const { Flow, Workflow } = require(${JSON.stringify(LIB)});
    const app = new App({ outdir: process.env.OUTDIR });
    const stack = new Stack(app, 'S');
    new Workflow(stack, 'M', { definition: new Flow(stack, 'F').addPass('Start') });
    app.synth();`,
};

/** Milliseconds `node -e script` takes, measured inside the process from its first line. */
function timeScript(script: string): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-import-'));
  const code = `const t0 = process.hrtime.bigint(); ${script}; process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
  const result = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OUTDIR: outdir } });
  fs.rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) {
    throw new Error(`benchmark script failed: ${result.stderr}`);
  }
  return Number(result.stdout);
}

if (!fs.existsSync(LIB)) {
  throw new Error(`${LIB} does not exist: run \`npx projen compile\` first`);
}

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(SCRIPTS).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    samples[name].push(timeScript(script));
  }
}

const m = (name: string) => median(samples[name]);
const importAdded = m('import cdk-stepwise') - m('import aws-cdk-lib/aws-stepfunctions-tasks');
const useAdded = m('first use: cdk-stepwise') - m('first use: aws-cdk-lib');
process.stdout.write(`Import cost, ${ROUNDS} rounds per row, each in a new process (${os.cpus().length} CPUs, Node.js ${process.version}), median ms\n\n`);
process.stdout.write(table(['what', 'median ms', 'min ms', 'max ms'], Object.keys(SCRIPTS).map((name) => [
  name, m(name).toFixed(1), Math.min(...samples[name]).toFixed(1), Math.max(...samples[name]).toFixed(1),
])) + '\n\n');
process.stdout.write(`import: cdk-stepwise adds ${importAdded.toFixed(1)} ms over aws-cdk-lib/aws-stepfunctions-tasks (target <= 50 ms)\n`);
process.stdout.write(`first use: a Workflow (logs, tracing, checks, report) costs ${useAdded.toFixed(1)} ms more than a bare sfn.StateMachine `
  + `(ratio ${(m('first use: cdk-stepwise') / m('first use: aws-cdk-lib')).toFixed(2)})\n`);
