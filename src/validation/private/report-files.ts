import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { REPORT_FILE_SUFFIX, StackReport, WorkflowReport } from '../report-model';

/** The reports recorded per deployed stack during this process, by construct path. */
const STACK_REPORTS = new WeakMap<Stack, Map<string, WorkflowReport>>();

/** The stack whose template is deployed (the outermost parent of a nested stack). */
function deployedStack(construct: IConstruct): Stack {
  let stack = Stack.of(construct);
  while (stack.nestedStackParent) {
    stack = stack.nestedStackParent;
  }
  return stack;
}

/** The file a stack's report is written to: next to its template in the assembly directory. */
function reportFile(stack: Stack): string | undefined {
  const stage = Stage.of(stack);
  return stage ? path.join(stage.outdir, `${stack.artifactId}${REPORT_FILE_SUFFIX}`) : undefined;
}

/** Records a state machine's report and rewrites its stack's report file. */
export function record(cfn: sfn.CfnStateMachine, report: WorkflowReport): void {
  const stack = deployedStack(cfn);
  let reports = STACK_REPORTS.get(stack);
  if (!reports) {
    reports = new Map();
    STACK_REPORTS.set(stack, reports);
  }
  reports.set(report.constructPath, report);
  const file = reportFile(stack);
  if (!file) {
    return;
  }
  const content: StackReport = {
    stackName: stack.stackName,
    artifactId: stack.artifactId,
    stateMachines: [...reports.values()].sort((a, b) => a.constructPath.localeCompare(b.constructPath)),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content, undefined, 2) + '\n');
}
