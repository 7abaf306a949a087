import { IConstruct } from 'constructs';
import { ValidationOptions } from './options';
import { Finding } from '../core/finding';
import { readStateMachine, settingsFromOptions } from './private/settings';
import { validateDefinition } from './validate';

/**
 * Synth-time validation of Step Functions state machines against the service quotas, the Amazon
 * States Language rules, the Express workflow restrictions and AWS best practices.
 *
 * Each finding has a stable code (`SW101`, ...), a severity (errors are definitions Step Functions
 * rejects or that fail at run time every time; warnings are near-misses and risky settings), the
 * state it is about, what was found, the limit, and the fix. docs/validation.md lists every code.
 *
 * To check state machines when an app is synthesized, use `StepwiseChecks`; `Validator` is for
 * tests, tools and definitions written as JSON.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * // definitionJson: the text of an .asl.json file
 * const findings = Validator.validateJson(definitionJson, { workflowType: sfn.StateMachineType.EXPRESS });
 * for (const finding of findings) {
 *   console.log(finding.severity, finding.code, finding.statePath, finding.message);
 * }
 */
export class Validator {
  /**
   * Validates a definition written as JSON text (Amazon States Language). Malformed JSON gives one
   * `SW201` finding; this never throws.
   *
   * @param definitionJson the definition, as JSON text
   * @param options what the definition will be deployed with
   */
  public static validateJson(definitionJson: string, options: ValidationOptions = {}): Finding[] {
    return validateDefinition(definitionJson, settingsFromOptions(options));
  }

  /**
   * Validates the definition and settings of a state machine construct: an `sfn.StateMachine`, an
   * `sfn.CfnStateMachine`, a `Workflow`, or any construct whose default child is one. Unresolved
   * CloudFormation values (ARNs, URLs) are estimated conservatively when the definition size is
   * measured. Call it once the app is complete (for example in a test, before `Template.fromStack`).
   *
   * @param stateMachine the state machine
   * @param options overrides of what is read from the state machine
   */
  public static validateStateMachine(stateMachine: IConstruct, options: ValidationOptions = {}): Finding[] {
    const input = readStateMachine(stateMachine, options);
    if (input.problem) {
      return [input.problem];
    }
    return validateDefinition(input.definition, input.settings);
  }

  private constructor() {}
}
