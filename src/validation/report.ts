import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { ValidationOptions } from './options';
import { buildReport } from './private/report-builder';
import { readStateMachine, settingsFromOptions } from './private/settings';
import { IntegrationUse, REPORT_FILE_SUFFIX, StackReport, WorkflowReport } from './report-model';
import { prepareDefinition, runRules } from './validate';
import { IntegrationPattern, fmt } from '../core/asl/model';
import { formatFinding } from '../core/errors';

/**
 * The validation report: per state machine, its states, definition size and share of the quota,
 * nesting depth, service integrations, tasks without timeouts, and findings.
 *
 * Synthesis writes it as JSON next to each stack's template (`cdk.out/<artifactId>.stepwise-report.json`)
 * when `StepwiseChecks` (or a `Workflow`) checks the stack's state machines.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * // after `cdk synth`
 * console.log(ValidationReport.formatDirectory('cdk.out'));
 */
export class ValidationReport {
  /** The suffix of the report files in a cloud assembly directory. */
  public static readonly FILE_SUFFIX = REPORT_FILE_SUFFIX;

  /**
   * The report of a state machine construct (validates it now).
   *
   * @param stateMachine an `sfn.StateMachine`, `sfn.CfnStateMachine`, `Workflow`, or a construct whose default child is one
   * @param options overrides of what is read from the state machine
   */
  public static forStateMachine(stateMachine: IConstruct, options: ValidationOptions = {}): WorkflowReport {
    const input = readStateMachine(stateMachine, options);
    const prepared = input.problem ? input.problem : prepareDefinition(input.definition, input.settings);
    const findings = 'model' in prepared ? runRules(prepared, input.settings) : [prepared];
    return buildReport(prepared, findings, input.settings, stateMachine.node.path);
  }

  /**
   * The report of a definition written as JSON text (validates it now).
   *
   * @param definitionJson the definition
   * @param options what the definition will be deployed with
   */
  public static fromJson(definitionJson: string, options: ValidationOptions = {}): WorkflowReport {
    const settings = settingsFromOptions(options);
    const prepared = prepareDefinition(definitionJson, settings);
    const findings = 'model' in prepared ? runRules(prepared, settings) : [prepared];
    return buildReport(prepared, findings, settings, '');
  }

  /**
   * Reads the reports synthesis wrote into a cloud assembly directory (`cdk.out`), in the order of
   * its manifest, nested assemblies (stages) included.
   *
   * @param cdkOutDir the cloud assembly directory
   * @throws if the directory does not exist or a report file is not valid JSON
   */
  public static readDirectory(cdkOutDir: string): StackReport[] {
    if (!fs.existsSync(cdkOutDir) || !fs.statSync(cdkOutDir).isDirectory()) {
      throw new Error(`cdk-stepwise: no cloud assembly at ${cdkOutDir}. Fix: run \`cdk synth\` first (or pass the --output directory).`);
    }
    return readAssembly(cdkOutDir);
  }

  /**
   * The reports in a cloud assembly directory, as readable text.
   *
   * @param cdkOutDir the cloud assembly directory
   */
  public static formatDirectory(cdkOutDir: string): string {
    const reports = ValidationReport.readDirectory(cdkOutDir);
    if (reports.length === 0) {
      return `No cdk-stepwise reports in ${cdkOutDir}: no state machine was checked. Enable the checks with StepwiseChecks.enable(app) (Workflow enables them by itself), then synthesize again.`;
    }
    return ValidationReport.format(reports);
  }

  /**
   * Stack reports as readable text: one block per state machine.
   *
   * @param reports the reports, e.g. from `readDirectory`
   */
  public static format(reports: StackReport[]): string {
    const lines: string[] = [];
    for (const stack of reports) {
      lines.push(`Stack ${stack.stackName}`);
      if (stack.stateMachines.length === 0) {
        lines.push('  (no state machines)');
      }
      for (const sm of stack.stateMachines) {
        lines.push(...formatWorkflow(sm).map((l) => `  ${l}`));
      }
      lines.push('');
    }
    return lines.join('\n').trimEnd() + '\n';
  }

  private constructor() {}
}

const PATTERN_NAMES: Record<string, string> = {
  [IntegrationPattern.REQUEST_RESPONSE]: 'request-response',
  [IntegrationPattern.RUN_JOB]: 'run a job (.sync)',
  [IntegrationPattern.WAIT_FOR_TASK_TOKEN]: 'callback (.waitForTaskToken)',
  [IntegrationPattern.ACTIVITY]: 'activity',
  [IntegrationPattern.UNKNOWN]: 'unknown',
};

function formatWorkflow(sm: WorkflowReport): string[] {
  const types = Object.entries(sm.stateTypeCounts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} ${n}`).join(', ');
  const pct = (sm.definitionSizeShare * 100).toFixed(sm.definitionSizeShare < 0.01 ? 2 : sm.definitionSizeShare < 0.1 ? 1 : 0);
  const integration = (u: IntegrationUse): string => (u.pattern === IntegrationPattern.ACTIVITY
    ? `activity x${u.count}` : `${u.service} ${PATTERN_NAMES[u.pattern] ?? u.pattern} x${u.count}`);
  const lines = [
    `${sm.constructPath || '(definition)'}${sm.stateMachineName ? ` (${sm.stateMachineName})` : ''}: ${sm.workflowType}, ${sm.queryLanguage}`,
    `  states          ${sm.stateCount}${types ? ` (${types})` : ''}`,
    `  definition size ${fmt(sm.definitionSize)} characters, ${pct}% of ${fmt(sm.definitionSizeLimit)}${sm.unresolvedValues ? ` (${sm.unresolvedValues} unresolved value${sm.unresolvedValues === 1 ? '' : 's'} estimated at the longest)` : ''}`,
    `  nesting depth   ${sm.nestingDepth}`,
    `  integrations    ${sm.integrations.length ? sm.integrations.map(integration).join(', ') : 'none'}`,
    `  no timeout      ${sm.tasksWithoutTimeout.length ? sm.tasksWithoutTimeout.map((p) => `'${p}'`).join(', ') : 'none (every Task has a timeout)'}`,
    ...(sm.distributedMaps ?? []).map((d) => `  distributed map '${d.statePath}': reader ${d.reader}; batches ${d.batching}; writer ${d.writer}; concurrency ${d.maxConcurrency}; tolerated failures ${d.tolerance}; ${d.childExecutionType} children`),
    `  findings        ${sm.errorCount} error${sm.errorCount === 1 ? '' : 's'}, ${sm.warningCount} warning${sm.warningCount === 1 ? '' : 's'}`,
  ];
  for (const f of sm.findings) {
    lines.push(`    ${f.severity.padEnd(7)} ${formatFinding(f)}${f.acknowledged ? ' (acknowledged)' : ''}`);
  }
  return lines;
}

/** The stack reports of one assembly directory and its nested assemblies, in manifest order. */
function readAssembly(dir: string): StackReport[] {
  const manifestFile = path.join(dir, 'manifest.json');
  const files: string[] = [];
  const nested: string[] = [];
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
      if (artifact?.type === 'aws:cloudformation:stack') {
        files.push(path.join(dir, `${id}${ValidationReport.FILE_SUFFIX}`));
      } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
        nested.push(path.join(dir, artifact.properties.directoryName));
      }
    }
  } else {
    files.push(...fs.readdirSync(dir).filter((f) => f.endsWith(ValidationReport.FILE_SUFFIX)).sort().map((f) => path.join(dir, f)));
  }
  const reports: StackReport[] = [];
  for (const file of files.filter((f) => fs.existsSync(f))) {
    try {
      reports.push(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (e) {
      throw new Error(`cdk-stepwise: ${file} is not a valid report (${(e as Error).message}). Fix: synthesize again.`);
    }
  }
  for (const sub of nested.filter((d) => fs.existsSync(d))) {
    reports.push(...readAssembly(sub));
  }
  return reports;
}
