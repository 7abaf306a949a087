/*
 * Prints the cdk-stepwise report of every state machine synthesized into a cloud assembly, and
 * lists the diagrams written next to it. Used by the README's main command:
 *
 *   npx projen example      (cdk synth, then: ts-node report.ts cdk.out)
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationReport } from '../src';

const outdir = path.resolve(process.argv[2] ?? 'cdk.out');
// The aws-cdk-lib that synthesized the assembly, as recorded in its construct tree.
const tree = JSON.parse(fs.readFileSync(path.join(outdir, 'tree.json'), 'utf8'));
process.stdout.write(`Synthesized with aws-cdk-lib ${tree.tree.constructInfo?.version ?? '(unknown version)'}\n\n`);
process.stdout.write(ValidationReport.formatDirectory(outdir));

const diagrams = path.join(outdir, 'diagrams');
if (fs.existsSync(diagrams)) {
  process.stdout.write('\nDiagrams (Mermaid .mmd; Workflow Studio .asl.json):\n');
  for (const file of fs.readdirSync(diagrams).sort()) {
    process.stdout.write(`  ${path.relative(process.cwd(), path.join(diagrams, file))}\n`);
  }
}

const errors = ValidationReport.readDirectory(outdir)
  .flatMap((stack) => stack.stateMachines)
  .flatMap((sm) => sm.findings)
  .filter((f) => f.severity === 'ERROR');
process.exitCode = errors.length > 0 ? 1 : 0;
