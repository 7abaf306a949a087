import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The constructor of an aws-cdk-lib task class (`tasks.SnsPublish`, `tasks.BatchSubmitJob`, ...). */
export type TaskClass<P> = new (scope: Construct, id: string, props: P) => sfn.TaskStateBase;

/**
 * What a step changes in the aws-cdk-lib task it builds on.
 */
export interface TaskAdaptation {
  /**
   * The IAM statements the state machine role gets for the task, given the ones aws-cdk-lib's
   * task would grant: for patterns where those miss actions (polling, cancel), grant what the
   * pattern does not use (an events rule for request-response), or are too wide.
   */
  readonly statements?: (inherited: iam.PolicyStatement[]) => iam.PolicyStatement[];

  /**
   * The state's ASL, given aws-cdk-lib's rendering: for fields aws-cdk-lib renders differently
   * from what the step promises (a state timeout it turns into the job's timeout, a `.sync`
   * suffix it cannot render).
   */
  readonly render?: (rendered: Record<string, any>) => Record<string, any>;
}

/**
 * Builds an aws-cdk-lib task, adapted by a subclass through the API aws-cdk-lib offers subclasses
 * of `sfn.TaskStateBase`, and nothing else:
 *
 * - `taskPolicies` (protected): a task class hands its base class the statements its role needs
 *   by setting it in its constructor; `TaskStateBase` registers them when the task joins a state
 *   graph. The subclass sets them again, after aws-cdk-lib's constructor.
 * - `toStateJson()` (public): what the state renders as.
 *
 * Both are checked on every aws-cdk-lib version the library is tested with
 * (test/integrations/private/adapted-task.test.ts).
 *
 * @param base the aws-cdk-lib task class
 * @param props its props
 * @param adaptation what the step changes
 */
export function adaptedTask<P>(base: TaskClass<P>, scope: Construct, id: string, props: P, adaptation: TaskAdaptation): sfn.TaskStateBase {
  const Adapted = adaptedClass(base);
  return new Adapted(scope, id, props, adaptation);
}

type AdaptedClass<P> = new (scope: Construct, id: string, props: P, adaptation: TaskAdaptation) => sfn.TaskStateBase;

/** One subclass per aws-cdk-lib task class, made on first use. */
const ADAPTED = new WeakMap<object, AdaptedClass<any>>();

function adaptedClass<P>(base: TaskClass<P>): AdaptedClass<P> {
  const existing = ADAPTED.get(base);
  if (existing) {
    return existing;
  }
  // Abstract for the type checker only: the base is a concrete aws-cdk-lib task class, typed here
  // by its abstract base.
  abstract class Adapted extends (base as TaskClass<any>) {
    // Declared, not defined: the value is the one aws-cdk-lib's constructor set.
    declare protected taskPolicies?: iam.PolicyStatement[];
    private readonly adaptation: TaskAdaptation;

    constructor(scope: Construct, id: string, props: P, adaptation: TaskAdaptation) {
      super(scope, id, props);
      this.adaptation = adaptation;
      if (adaptation.statements) {
        this.taskPolicies = adaptation.statements([...this.taskPolicies ?? []]);
      }
    }

    public toStateJson(topLevelQueryLanguage?: sfn.QueryLanguage): object {
      const rendered = super.toStateJson(topLevelQueryLanguage) as Record<string, any>;
      return this.adaptation.render ? this.adaptation.render(rendered) : rendered;
    }
  }
  const adapted = Adapted as unknown as AdaptedClass<P>;
  ADAPTED.set(base, adapted);
  return adapted;
}
