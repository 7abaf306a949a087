/*
 * What a Task's `Resource` (and a Distributed Map's ItemReader and ResultWriter `Resource`) may be.
 *
 * Sources: AWS "Integrating services with Step Functions" and its table of optimized integrations
 * and the patterns each supports
 * (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html): request-response,
 * `.sync` (run a job), `.waitForTaskToken` (callback), and `.sync:2` for `states:startExecution`
 * only; AWS SDK integrations (`aws-sdk:<service>:<action>`) "don't support the Run a Job (.sync)
 * integration pattern" (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html).
 * An action an optimized integration does not offer is rejected at creation: "The resource provided
 * arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the
 * resource is not available in this region." (recorded against AWS in
 * https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/services/test_dynamodb_task_service.snapshot.json).
 * ItemReader: `s3:getObject`, `s3:listObjectsV2`; ResultWriter: `s3:putObject`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 */
import { closestName } from '../../core/asl/closest';

/** r: request-response, s: `.sync`, w: `.waitForTaskToken`, 2: `.sync:2`. */
type Patterns = string;

/** The optimized integrations: `service:action` -> the patterns it supports. */
export const OPTIMIZED_INTEGRATIONS: Readonly<Record<string, Patterns>> = {
  'lambda:invoke': 'rw',
  'sns:publish': 'rw',
  'sqs:sendMessage': 'rw',
  'events:putEvents': 'rw',
  'apigateway:invoke': 'rw',
  'http:invoke': 'r',
  'dynamodb:getItem': 'r',
  'dynamodb:putItem': 'r',
  'dynamodb:updateItem': 'r',
  'dynamodb:deleteItem': 'r',
  'states:startExecution': 'rsw2',
  'ecs:runTask': 'rsw',
  'batch:submitJob': 'rsw',
  'glue:startJobRun': 'rsw',
  'databrew:startJobRun': 'rs',
  'athena:startQueryExecution': 'rs',
  'athena:stopQueryExecution': 'r',
  'athena:getQueryExecution': 'r',
  'athena:getQueryResults': 'r',
  'codebuild:startBuild': 'rs',
  'codebuild:stopBuild': 'r',
  'codebuild:batchDeleteBuilds': 'r',
  'codebuild:batchGetReports': 'r',
  'codebuild:startBuildBatch': 'rs',
  'codebuild:stopBuildBatch': 'r',
  'codebuild:retryBuildBatch': 'rs',
  'codebuild:deleteBuildBatch': 'r',
  'codebuild:retryBuild': 'rs',
  'sagemaker:createTrainingJob': 'rs',
  'sagemaker:createTransformJob': 'rs',
  'sagemaker:createProcessingJob': 'rs',
  'sagemaker:createHyperParameterTuningJob': 'rs',
  'sagemaker:createLabelingJob': 'rs',
  'sagemaker:createModel': 'r',
  'sagemaker:createEndpoint': 'r',
  'sagemaker:createEndpointConfig': 'r',
  'sagemaker:updateEndpoint': 'r',
  'elasticmapreduce:createCluster': 'rs',
  'elasticmapreduce:terminateCluster': 'rs',
  'elasticmapreduce:addStep': 'rs',
  'elasticmapreduce:cancelStep': 'r',
  'elasticmapreduce:setClusterTerminationProtection': 'r',
  'elasticmapreduce:modifyInstanceFleetByName': 'r',
  'elasticmapreduce:modifyInstanceGroupByName': 'r',
  'emr-containers:startJobRun': 'rs',
  'emr-containers:createVirtualCluster': 'r',
  'emr-containers:deleteVirtualCluster': 'rs',
  'emr-serverless:createApplication': 'rs',
  'emr-serverless:startApplication': 'rs',
  'emr-serverless:stopApplication': 'rs',
  'emr-serverless:deleteApplication': 'rs',
  'emr-serverless:startJobRun': 'rs',
  'emr-serverless:cancelJobRun': 'rs',
  'eks:createCluster': 'rs',
  'eks:deleteCluster': 'rs',
  'eks:createFargateProfile': 'rs',
  'eks:deleteFargateProfile': 'rs',
  'eks:createNodegroup': 'rs',
  'eks:deleteNodegroup': 'rs',
  'eks:runJob': 'rs',
  'eks:call': 'r',
  'bedrock:invokeModel': 'r',
  'bedrock:createModelCustomizationJob': 'rsw',
  'mediaconvert:createJob': 'rs',
  'evidently:putProjectEvents': 'r',
  's3:getObject': 'r',
  's3:putObject': 'r',
  's3:listObjectsV2': 'r',
};

const PATTERN_NAMES: Record<string, string> = { r: 'request-response', s: '.sync', w: '.waitForTaskToken', 2: '.sync:2' };

/** A CloudFormation value rendered as `${...}`: the part it stands for is known only at deploy time. */
const PLACEHOLDER = /\$\{[^}]*\}/;

/** `arn:<partition>:states:<region>:<account>:<rest>`; region and account may be empty. */
const STATES_ARN = /^arn:([^:]+):states:([^:]*):([^:]*):(.+)$/;
const LAMBDA_FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const SUFFIX = /^(.*?)(\.sync:2|\.sync|\.waitForTaskToken)?$/;

/** The ARN with deploy-time partition, region and account (`${AWS::Partition}`) written out. */
function normalize(resource: string): string {
  return resource.replace(/^arn:\$\{[^}]*\}:/, 'arn:aws:').replace(/^(arn:[^:]+:[^:]+:)\$\{[^}]*\}:\$\{[^}]*\}:/, '$1us-east-1:111111111111:');
}

/** Checked Resources by text (definitions repeat the same few); bounded. */
const CHECKED = new Map<string, string | undefined>();

/** What is wrong with a Task `Resource`, or undefined when Step Functions recognizes it. */
export function checkTaskResource(resource: string): string | undefined {
  if (CHECKED.has(resource)) {
    return CHECKED.get(resource);
  }
  if (CHECKED.size >= 5_000) {
    CHECKED.clear();
  }
  const problem = taskResourceProblem(resource);
  CHECKED.set(resource, problem);
  return problem;
}

function taskResourceProblem(resource: string): string | undefined {
  if (resource.trim().startsWith('{%')) {
    return 'a Resource must be written out: it cannot be a JSONata expression';
  }
  const shape = normalize(resource);
  if (PLACEHOLDER.test(shape)) {
    return undefined; // a deploy-time value names the function, activity or integration
  }
  if (LAMBDA_FUNCTION_ARN.test(shape)) {
    return undefined;
  }
  const arn = STATES_ARN.exec(shape);
  if (!arn) {
    return `${JSON.stringify(resource)} is not an ARN Step Functions recognizes: use a Lambda function ARN, an activity ARN, arn:aws:states:::<service>:<action> or arn:aws:states:::aws-sdk:<service>:<action>`;
  }
  const rest = arn[4];
  if (rest.startsWith('activity:')) {
    return rest.length > 'activity:'.length ? undefined : `${JSON.stringify(resource)} names no activity`;
  }
  const [, integration, suffix] = SUFFIX.exec(rest)!;
  if (integration.startsWith('aws-sdk:')) {
    const m = /^aws-sdk:([a-z0-9-]+):([a-zA-Z][a-zA-Z0-9]*)$/.exec(integration);
    if (!m) {
      return `${JSON.stringify(resource)} is not an AWS SDK integration: write arn:aws:states:::aws-sdk:<service>:<action>, the action in camelCase (e.g. aws-sdk:s3:getObject), optionally followed by .waitForTaskToken`;
    }
    if (suffix === '.sync' || suffix === '.sync:2') {
      return `AWS SDK integrations do not support the ${suffix} (run a job) pattern: ${JSON.stringify(resource)}; use an optimized integration or poll the job`;
    }
    return undefined;
  }
  const patterns = OPTIMIZED_INTEGRATIONS[integration];
  if (patterns === undefined) {
    if (/[.]/.test(integration)) {
      return `${JSON.stringify(resource)} ends with an unknown suffix; the integration patterns are .sync, .sync:2 (states:startExecution) and .waitForTaskToken`;
    }
    const near = closestName(integration, Object.keys(OPTIMIZED_INTEGRATIONS));
    const service = integration.split(':')[0];
    return `${integration} is not an optimized integration Step Functions offers${near ? ` (did you mean ${near}?)` : ''}; call other APIs as arn:aws:states:::aws-sdk:${service}:<action>`;
  }
  const code = suffix === undefined ? 'r' : suffix === '.sync' ? 's' : suffix === '.sync:2' ? '2' : 'w';
  if (!patterns.includes(code)) {
    const offered = [...patterns].map((p) => PATTERN_NAMES[p]).join(', ');
    return `${integration} does not support the ${PATTERN_NAMES[code]} pattern (it offers ${offered})`;
  }
  return undefined;
}

function checkS3Resource(resource: string, actions: readonly string[], what: string): string | undefined {
  const shape = normalize(resource);
  if (PLACEHOLDER.test(shape)) {
    return undefined;
  }
  const arn = STATES_ARN.exec(shape);
  const action = arn?.[4];
  if (action !== undefined && actions.includes(action)) {
    return undefined;
  }
  return `${JSON.stringify(resource)} is not a ${what} resource: use ${actions.map((a) => `arn:aws:states:::${a}`).join(' or ')}`;
}

/** What is wrong with an ItemReader `Resource`, or undefined. */
export function checkReaderResource(resource: string): string | undefined {
  return checkS3Resource(resource, ['s3:getObject', 's3:listObjectsV2'], 'ItemReader');
}

/** What is wrong with a ResultWriter `Resource`, or undefined. */
export function checkWriterResource(resource: string): string | undefined {
  return checkS3Resource(resource, ['s3:putObject'], 'ResultWriter');
}
