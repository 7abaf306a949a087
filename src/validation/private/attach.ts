import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { annotate } from './annotations';
import { buildReport } from './report-builder';
import { record } from './report-files';
import { readStateMachine } from './settings';
import { shareDefinition } from './shared-definition';
import { formatFinding } from '../../core/errors';
import { Severity } from '../../core/finding';
import type { StateMachineCheckOptions } from '../options';
import { prepareDefinition, runRules } from '../validate';

/** The state machines already checked, so a Workflow and the Aspect never report twice. */
const CHECKED = new WeakSet<sfn.CfnStateMachine>();

/** Adds the validation of `cfn` to `target` once. */
export function attach(target: IConstruct, cfn: sfn.CfnStateMachine, options: StateMachineCheckOptions): void {
  if (CHECKED.has(cfn)) {
    return;
  }
  CHECKED.add(cfn);
  const shared = shareDefinition(cfn);
  target.node.addValidation({
    validate: () => {
      shared?.arm();
      const input = readStateMachine(cfn, options);
      const prepared = input.problem ? input.problem : prepareDefinition(input.definition, input.settings);
      const findings = 'model' in prepared ? runRules(prepared, input.settings) : [prepared];
      // Warnings go on the L1 resource, below `target`: aws-cdk-lib only honours an
      // acknowledgement made before a warning exists for warnings on *descendants* of the
      // acknowledged construct (Acknowledgements.has searches the ancestors' paths, not the
      // node's own), so this is what lets `Annotations.of(workflow).acknowledgeWarning()` work.
      const reported = annotate(cfn, findings);
      if (options.writeReport ?? true) {
        record(cfn, buildReport(prepared, reported, input.settings, target.node.path));
      }
      return findings.filter((f) => f.severity === Severity.ERROR).map((f) => formatFinding(f));
    },
  });
}
