/*
 * The one adapter between cdk-stepwise's Distributed Map and aws-cdk-lib.
 *
 * aws-cdk-lib's `sfn.DistributedMap` lacks Parquet, ItemsPointer, LOAD_AND_FLATTEN and Athena
 * manifests (aws/aws-cdk#35791), renders `Parameters` in JSONata result writers
 * (aws/aws-cdk#35403), needs a feature flag for WriterConfig, and grants the child executions'
 * DescribeExecution/StopExecution on `execution:NAME:*`, which does not match the children's
 * `execution:NAME/LABEL:ID` ARNs. So the state is an aws-cdk-lib `sfn.Map` (public API) whose item
 * processor runs in DISTRIBUTED mode, and whose `toStateJson()` adds the Distributed Map fields;
 * the reader and writer permissions are registered with the state graph, and the child-execution
 * permissions are granted by `Workflow`, or at synth for a plain `sfn.StateMachine` (see
 * `grantChildExecutions`).
 */
import { ArnFormat, AspectPriority, Aspects, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { buildModel, isDistributedMap } from '../../core/asl/model';
import { renderDefinition } from '../../core/asl/render';
import { CODES } from '../../core/codes';
import { distributedMapS3Statements } from '../../core/distributed-map-iam';
import { StepwiseError } from '../../core/errors';
import { renderItemBatcher } from '../distributed-map';
import { DistributedMapOptions } from '../options';

/** What the adapter renders besides what `sfn.Map` does: the Distributed Map options of `Flow.addDistributedMap()`. */
export interface DistributedMapStateProps extends sfn.MapProps, Omit<DistributedMapOptions, keyof sfn.MapBaseProps> {}

const DISTRIBUTED_MAP_SYMBOL = Symbol.for('cdk-stepwise.DistributedMapState');

/** A Map state in Distributed mode, rendered the same on every aws-cdk-lib version. */
export class DistributedMapState extends sfn.Map {
  public static isDistributedMapState(x: unknown): x is DistributedMapState {
    return x !== null && typeof x === 'object' && DISTRIBUTED_MAP_SYMBOL in x;
  }

  public readonly label?: string;
  private readonly extra: DistributedMapStateProps;
  private readonly ownLanguage?: sfn.QueryLanguage;

  constructor(scope: Construct, id: string, props: DistributedMapStateProps) {
    const {
      processor, itemReader: _r, itemBatcher: _b, resultWriter: _w, toleratedFailurePercentage: _p, toleratedFailurePercentagePath: _pp,
      toleratedFailureCount: _c, toleratedFailureCountPath: _cp, executionType, label: _l, ...mapProps
    } = props;
    super(scope, id, mapProps);
    Object.defineProperty(this, DISTRIBUTED_MAP_SYMBOL, { value: true });
    addChildExecutionGrants(this);
    this.extra = props;
    this.label = props.label;
    this.ownLanguage = props.queryLanguage;
    if (props.itemBatcher) {
      renderItemBatcher(props.itemBatcher); // bad batch limits throw now, with the builder's stack
    }
    checkTolerance(props, this.stateId);
    this.itemProcessor(processor, {
      mode: sfn.ProcessorMode.DISTRIBUTED,
      executionType: executionType === sfn.StateMachineType.EXPRESS ? sfn.ProcessorType.EXPRESS : sfn.ProcessorType.STANDARD,
    });
  }

  public toStateJson(queryLanguage?: sfn.QueryLanguage): object {
    const json = super.toStateJson(queryLanguage) as Record<string, unknown>;
    return { ...json, ...this.distributedFields((this.ownLanguage ?? queryLanguage) === sfn.QueryLanguage.JSONATA) };
  }

  /** The ASL fields of Distributed mode that `sfn.Map` does not render. */
  public distributedFields(jsonata: boolean): Record<string, unknown> {
    const p = this.extra;
    const out: Record<string, unknown> = {
      ItemReader: p.itemReader?._render(jsonata),
      ItemBatcher: p.itemBatcher ? renderItemBatcher(p.itemBatcher) : undefined,
      ResultWriter: p.resultWriter?._render(jsonata),
      ToleratedFailurePercentage: p.toleratedFailurePercentage,
      ToleratedFailurePercentagePath: p.toleratedFailurePercentagePath,
      ToleratedFailureCount: p.toleratedFailureCount,
      ToleratedFailureCountPath: p.toleratedFailureCountPath,
      Label: p.label,
    };
    for (const k of Object.keys(out)) {
      if (out[k] === undefined) {
        delete out[k];
      }
    }
    return out;
  }

  protected whenBoundToGraph(graph: sfn.StateGraph): void {
    super.whenBoundToGraph(graph);
    // Bucket names are the same in either language; only the field name (Parameters/Arguments) differs.
    const statements = distributedMapS3Statements(this.distributedFields(false), {
      ...this.extra.itemReader?._access(),
      writerKeyArns: this.extra.resultWriter?._writerKeyArns(),
    });
    for (const statement of statements) {
      graph.registerPolicyStatement(statement);
    }
  }
}

/** Tolerated failures Step Functions rejects, thrown when the flow is built (SW113, as validation reports them). */
function checkTolerance(props: DistributedMapStateProps, stateName: string): void {
  const pct = props.toleratedFailurePercentage;
  const count = props.toleratedFailureCount;
  const fail = (field: string, limit: string, actual: number): never => {
    throw new StepwiseError({
      code: CODES.SW113,
      statePath: stateName,
      message: `${field} of the Distributed Map '${stateName}' is ${actual}`,
      limit,
      actual: String(actual),
      fix: `set ${field} to ${limit}`,
    });
  };
  if (pct !== undefined && !Token.isUnresolved(pct) && !(pct >= 0 && pct <= 100)) {
    fail('toleratedFailurePercentage', 'a number from 0 to 100', pct);
  }
  if (count !== undefined && !Token.isUnresolved(count) && !(Number.isInteger(count) && count >= 0)) {
    fail('toleratedFailureCount', 'a non-negative integer', count);
  }
}

/**
 * Grants what a state machine with Distributed Maps needs to run their child executions
 * (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html):
 * `states:StartExecution` on its own ARN; `states:DescribeExecution` and `states:StopExecution`
 * on its executions, children included (`execution:NAME/*` covers `execution:NAME/LABEL:ID`);
 * `states:RedriveExecution` on each Map Run's children (`execution:NAME/LABEL:*`, or
 * `execution:NAME/*` when a map has no label). In a separate policy, since the statements name the
 * state machine, which depends on its role.
 */
export function grantChildExecutions(stateMachine: sfn.StateMachine, labels: ReadonlyArray<string | undefined>): iam.Policy | undefined {
  if (labels.length === 0 || stateMachine.node.tryFindChild(POLICY_ID)) {
    return undefined;
  }
  const stack = Stack.of(stateMachine);
  const name = stateMachine.stateMachineName;
  const executions = (suffix: string): string => stack.formatArn({
    service: 'states', resource: 'execution', resourceName: `${name}${suffix}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const named = labels.some((l) => l === undefined) ? undefined : [...new Set(labels as string[])];
  const policy = new iam.Policy(stateMachine, POLICY_ID, {
    statements: [
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachine.stateMachineArn] }),
      new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions('/*')] }),
      new iam.PolicyStatement({
        actions: ['states:RedriveExecution'],
        resources: named ? named.map((l) => executions(`/${l}:*`)) : [executions('/*')],
      }),
    ],
  });
  stateMachine.role.attachInlinePolicy(policy);
  return policy;
}

/** The id aws-cdk-lib also gives its Distributed Map policy: one such policy per state machine. */
const POLICY_ID = 'DistributedMapPolicy';

/**
 * Gives the child-execution permissions to plain `sfn.StateMachine`s (a `Workflow` grants them
 * when it is built): at synth, each state machine of the stack without a Distributed Map policy
 * whose definition holds a Distributed Map gets one. Added to a stack by the first of our
 * Distributed Map states created in it.
 */
class ChildExecutionGrants implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof sfn.StateMachine) || node.node.tryFindChild(POLICY_ID)) {
      return;
    }
    const rendered = renderDefinition(node);
    if (!rendered.definition) {
      return;
    }
    const labels = buildModel(rendered.definition, 'STANDARD').states.filter(isDistributedMap)
      .map((s) => (typeof s.json.Label === 'string' ? s.json.Label : undefined));
    grantChildExecutions(node, labels);
  }
}

const ASPECT_SYMBOL = Symbol.for('cdk-stepwise.ChildExecutionGrants');

function addChildExecutionGrants(scope: IConstruct): void {
  const stack = Stack.of(scope);
  if (!(ASPECT_SYMBOL in stack)) {
    Object.defineProperty(stack, ASPECT_SYMBOL, { value: true });
    Aspects.of(stack).add(new ChildExecutionGrants(), { priority: AspectPriority.MUTATING });
  }
}
