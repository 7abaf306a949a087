/*
 * The public face of synth-time validation: `StepwiseChecks` and its Aspect. The jobs behind it
 * each have their file in ./private: wiring a state machine's validation (attach.ts), sharing the
 * resolved definition with the template (shared-definition.ts), annotations (annotations.ts), report
 * files (report-files.ts), and the activity name check (activity-name.ts).
 */
import { AspectPriority, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { StateMachineCheckOptions, StepwiseChecksOptions } from './options';
import { checkActivity } from './private/activity-name';
import { attachAliasChecks } from './private/alias-checks';
import { attach } from './private/attach';
import { findCfnStateMachine } from '../core/asl/render';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';

/**
 * Synth-time checks of Step Functions state machines: service quotas, Amazon States Language
 * rules, Express restrictions and best-practice warnings (see `Validator` for the rules).
 *
 * Errors fail `cdk synth` (and `app.synth()`) through `node.addValidation`; warnings are
 * Annotations with the ID `cdk-stepwise:<code>`, which you can acknowledge:
 * `Annotations.of(stateMachine).acknowledgeWarning('cdk-stepwise:SW401', 'why')`.
 * A `Workflow` checks itself; `StepwiseChecks.enable(app)` checks every state machine of an app,
 * including those written with plain aws-cdk-lib.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const app = new App();
 * StepwiseChecks.enable(app);
 */
export class StepwiseChecks {
  /**
   * Checks every `sfn.StateMachine` and `sfn.CfnStateMachine` (and the names of `sfn.CfnActivity`,
   * and the routing and deployment of `sfn.CfnStateMachineAlias`) under `scope` when the app is
   * synthesized.
   *
   * Aspects do not cross Stage boundaries in aws-cdk-lib: the checks reach the Stages that exist
   * under `scope` when this is called; call it again with each Stage created later.
   *
   * @param scope an App, a Stage or a Stack
   * @param options what to write
   */
  public static enable(scope: IConstruct, options: StepwiseChecksOptions = {}): void {
    const aspect = new StepwiseChecksAspect(options);
    for (const c of scope.node.findAll()) {
      if (c === scope || Stage.isStage(c)) {
        Aspects.of(c).add(aspect, { priority: AspectPriority.READONLY });
      }
    }
  }

  /**
   * Checks one state machine when the app is synthesized. Calling it twice for the same state
   * machine, or enabling the Aspect as well, checks it once.
   *
   * @param stateMachine an `sfn.StateMachine`, an `sfn.CfnStateMachine`, or a construct whose default child is one
   * @param options overrides of what is read from the state machine
   * @throws StepwiseError (SW201) if `stateMachine` holds no state machine
   */
  public static check(stateMachine: IConstruct, options: StateMachineCheckOptions = {}): void {
    const cfn = findCfnStateMachine(stateMachine);
    if (!cfn) {
      throw new StepwiseError({
        code: CODES.SW201,
        statePath: '',
        message: `${stateMachine.node.path} holds no state machine (no AWS::StepFunctions::StateMachine under it), so there is nothing to check`,
        fix: 'pass an sfn.StateMachine, an sfn.CfnStateMachine or a Workflow',
      });
    }
    attach(stateMachine, cfn, options);
  }

  private constructor() {}
}

/**
 * An Aspect that checks every Step Functions state machine it visits (see `StepwiseChecks`).
 * `StepwiseChecks.enable(app)` adds it; add it yourself to choose its priority.
 */
export class StepwiseChecksAspect implements IAspect {
  private readonly options: StepwiseChecksOptions;

  /**
   * @param options what to check and what to write
   */
  constructor(options: StepwiseChecksOptions = {}) {
    this.options = options;
  }

  /**
   * Checks `node` if it is a state machine, an activity or a state machine alias.
   *
   * @param node the construct visited
   */
  public visit(node: IConstruct): void {
    if (node instanceof sfn.CfnStateMachine) {
      // Annotate the L2 state machine when there is one: its path is the one users know.
      const parent = node.node.scope;
      const target = parent instanceof sfn.StateMachine && parent.node.defaultChild === node ? parent : node;
      attach(target, node, {
        writeReport: this.options.writeReports ?? true,
        disabledRulePacks: this.options.disabledRulePacks,
        rules: this.options.rules,
      });
    } else if (node instanceof sfn.CfnActivity) {
      checkActivity(node);
    } else if (node instanceof sfn.CfnStateMachineAlias) {
      // Aliases written with the L1 resource; a WorkflowAlias checks its own (once).
      attachAliasChecks(node, node);
    }
  }
}
