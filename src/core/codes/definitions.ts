import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW020-SW035: definitions given as Amazon States Language (`AslDefinition.fromFile()`,
 * `fromString()`, `fromObject()`): reading the file, substituting its `${Name}` placeholders,
 * overriding its states, and deriving the state machine role's IAM from its Task states.
 */
export const DEFINITION_CODES = defineCodes({
  SW020: {
    title: 'ASL file cannot be read',
    severity: Severity.ERROR,
    meaning: 'The file given to `AslDefinition.fromFile()` does not exist or cannot be read.',
    fix: 'Pass the path of the `.asl.json` file, e.g. `path.join(__dirname, \'orders.asl.json\')` (a relative path is resolved from the current directory, not from the source file).',
  },
  SW021: {
    title: 'Malformed JSON',
    severity: Severity.ERROR,
    meaning: 'The Amazon States Language definition is not valid JSON. The message gives the line and column where parsing stopped.',
    fix: 'Correct the JSON at the line and column named (a missing comma or quote, a trailing comma); Workflow Studio\'s code view shows the same position.',
  },
  SW022: {
    title: 'Not a state machine definition',
    severity: Severity.ERROR,
    meaning: 'The JSON is not an Amazon States Language definition: it must be an object with a `StartAt` string and a `States` object.',
    fix: 'Pass the state machine definition itself (the object with `StartAt` and `States`), not a CloudFormation template or a SAM resource that holds it.',
  },
  SW023: {
    title: 'Placeholder without substitution',
    severity: Severity.ERROR,
    meaning: 'The definition holds a `${Name}` placeholder that no substitution fills. Deployed as is, Step Functions would receive the placeholder text instead of a value.',
    fix: 'Add the name to `substitutions`, e.g. `{ Name: AslSubstitution.value(\'...\') }` or a resource such as `AslSubstitution.queue(queue)`.',
  },
  SW024: {
    title: 'Unused substitution',
    severity: Severity.ERROR,
    meaning: 'A substitution names a placeholder that the definition does not contain, usually a typo or a placeholder renamed in the file.',
    fix: 'Remove the substitution, or correct its name to match the `${Name}` placeholder in the definition.',
  },
  SW025: {
    title: 'Workflow setting contradicts the definition',
    severity: Severity.ERROR,
    meaning: 'A Workflow prop and the definition\'s own top-level field say different things (`timeout` and `TimeoutSeconds`, `queryLanguage` and `QueryLanguage`), so one of them would be silently dropped.',
    fix: 'Keep one of the two: remove the field from the definition, or leave the Workflow prop unset so the definition\'s value is used.',
  },
  SW026: {
    title: 'No state of that name',
    severity: Severity.ERROR,
    meaning: 'An override, a catch handler or an explicit grant names a state that the definition does not have (state names are matched exactly, in every Parallel branch and Map processor).',
    fix: 'Use the name of a state of the definition, as written in the file; the message lists the names it has.',
  },
  SW027: {
    title: 'Retry or catch on a state that has none',
    severity: Severity.ERROR,
    meaning: '`addRetry()` or `addCatch()` names a state that is not a Task, Parallel or Map state; only those states have `Retry` and `Catch`.',
    fix: 'Name a Task, Parallel or Map state, or set the fields that state type has with `overrideState()`.',
  },
  SW028: {
    title: 'Two definitions',
    severity: Severity.ERROR,
    meaning: 'The Workflow was given both `definition` (a Flow or aws-cdk-lib chain) and `aslDefinition`; it runs exactly one.',
    fix: 'Pass either `definition` or `aslDefinition`.',
  },
  SW030: {
    title: 'Integration without derived IAM',
    severity: Severity.ERROR,
    meaning: 'A Task state\'s `Resource` is not one of the integrations and patterns whose IAM statements cdk-stepwise derives, so the role would lack what the state needs.',
    fix: 'Grant what the state needs explicitly: `grants: { \'<state>\': { statements: [new iam.PolicyStatement({ ... })] } }`, or use a supported integration (the message lists them).',
  },
  SW031: {
    title: 'Resource chosen at run time',
    severity: Severity.ERROR,
    meaning: 'The field that names the resource a Task state acts on (a function, a queue, a table, a bucket) is a JSONPath or JSONata expression, so the resource is only known at run time and no least-privilege statement can be derived.',
    fix: 'Grant the state explicitly: `grants: { \'<state>\': { resourceArns: [...] } }` with the ARNs it can reach (the actions are still derived), `allResources: true` for any resource, or `statements: [...]`.',
  },
  SW032: {
    title: 'Integration parameter missing',
    severity: Severity.ERROR,
    meaning: 'A Task state lacks the parameter that names its resource (`FunctionName` of `lambda:invoke`, `QueueUrl` of `sqs:sendMessage`, ...), so the call cannot work.',
    fix: 'Add the parameter to the state\'s `Parameters` (JSONPath) or `Arguments` (JSONata).',
  },
  SW033: {
    title: 'Resource not recognized',
    severity: Severity.ERROR,
    meaning: 'The literal value that names a Task state\'s resource is not in a form cdk-stepwise can turn into an ARN (a queue URL that is not an SQS URL, an AWS SDK call whose parameters name no resource), so no least-privilege statement can be derived.',
    fix: 'Substitute the resource (e.g. `AslSubstitution.queue(queue)`) or write its ARN, or grant the state explicitly: `grants: { \'<state>\': { resourceArns: [...] } }` (or `allResources: true` for APIs without resource-level permissions).',
  },
  SW034: {
    title: 'Roles to pass unknown',
    severity: Severity.ERROR,
    meaning: 'An `ecs:runTask` state names its task definition by a literal ARN or family, so the task and execution roles the state machine must pass (`iam:PassRole`) are unknown.',
    fix: 'Substitute the task definition, `AslSubstitution.ecsTaskDefinition(taskDefinition)` (an imported one with its roles works too), or grant `iam:PassRole` on the roles explicitly with `grants: { \'<state>\': { statements: [...] } }`.',
  },
  SW035: {
    title: 'Wildcard grant without allResources',
    severity: Severity.ERROR,
    meaning: 'An explicit grant lists `*` in `resourceArns`, which allows the actions on every resource without saying so, or gives both `resourceArns` and `allResources`.',
    fix: 'List the ARNs the state can reach, or set `allResources: true` (and no `resourceArns`) to allow every resource on purpose.',
  },
});
