import { SDK_SERVICES } from './sdk-services';
import { editDistance } from '../../core/asl/closest';

/**
 * SDK service name -> IAM service prefix, for the services of Step Functions' AWS SDK
 * integrations (`arn:aws:states:::aws-sdk:<service>:<action>`) whose IAM prefix is not their
 * SDK name. Every other service uses its SDK name as its IAM prefix.
 *
 * Sources:
 * - aws-cdk-lib, `packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/private/aws-sdk-iam-service-map.ts`
 *   (aws/aws-cdk commit d7d116ea8db09daf0ab1984dd50e1eee01196e87; aws-cdk-lib 2.220, which this
 *   library builds on, still has a 7-entry inline map in `CallAwsService`): all entries but one;
 * - `cloudcontrol` -> `cloudformation`: Service Authorization Reference, "Actions, resources, and
 *   condition keys for AWS Cloud Control API" ("service prefix: cloudformation"),
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_cloudcontrol.html
 */
export const SDK_IAM_PREFIXES: { readonly [sdkService: string]: string } = {
  accessanalyzer: 'access-analyzer',
  acmpca: 'acm-pca',
  amp: 'aps',
  appconfigdata: 'appconfig',
  appintegrations: 'app-integrations',
  applicationautoscaling: 'application-autoscaling',
  applicationdiscovery: 'discovery',
  applicationsignals: 'application-signals',
  arcregionswitch: 'arc-region-switch',
  arczonalshift: 'arc-zonal-shift',
  autoscalingplans: 'autoscaling-plans',
  backupgateway: 'backup-gateway',
  backupsearch: 'backup-search',
  bcmdashboards: 'bcm-dashboards',
  bcmdataexports: 'bcm-data-exports',
  bcmpricingcalculator: 'bcm-pricing-calculator',
  bcmrecommendedactions: 'bcm-recommended-actions',
  bedrockagent: 'bedrock',
  bedrockagentcore: 'bedrock-agentcore',
  bedrockagentcorecontrol: 'bedrock-agentcore',
  bedrockagentruntime: 'bedrock',
  bedrockdataautomation: 'bedrock',
  bedrockdataautomationruntime: 'bedrock',
  bedrockruntime: 'bedrock',
  chimesdkidentity: 'chime',
  chimesdkmediapipelines: 'chime',
  chimesdkmeetings: 'chime',
  chimesdkmessaging: 'chime',
  chimesdkvoice: 'chime',
  cleanroomsml: 'cleanrooms-ml',
  cloudfrontkeyvaluestore: 'cloudfront-keyvaluestore',
  cloudhsmv2: 'cloudhsm',
  cloudtraildata: 'cloudtrail-data',
  cloudwatchlogs: 'logs',
  codeguruprofiler: 'codeguru-profiler',
  codegurureviewer: 'codeguru-reviewer',
  codegurusecurity: 'codeguru-security',
  codestarconnections: 'codestar-connections',
  codestarnotifications: 'codestar-notifications',
  cognitoidentity: 'cognito-identity',
  cognitoidentityprovider: 'cognito-idp',
  cognitosync: 'cognito-sync',
  computeoptimizer: 'compute-optimizer',
  computeoptimizerautomation: 'aco-automation',
  connectcampaigns: 'connect-campaigns',
  connectcampaignsv2: 'connect-campaigns',
  connectcases: 'cases',
  connectcontactlens: 'connect',
  connecthealth: 'health-agent',
  costandusagereport: 'cur',
  costexplorer: 'ce',
  costoptimizationhub: 'cost-optimization-hub',
  customerprofiles: 'profile',
  databasemigration: 'dms',
  devopsagent: 'aidevops',
  devopsguru: 'devops-guru',
  directory: 'ds',
  directoryservicedata: 'ds-data',
  docdb: 'rds',
  docdbelastic: 'docdb-elastic',
  dynamodbstreams: 'dynamodb',
  ec2instanceconnect: 'ec2-instance-connect',
  ecrpublic: 'ecr-public',
  efs: 'elasticfilesystem',
  eksauth: 'eks-auth',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elasticsearch: 'es',
  elementalinference: 'elemental-inference',
  emr: 'elasticmapreduce',
  emrcontainers: 'emr-containers',
  emrserverless: 'emr-serverless',
  eventbridge: 'events',
  forecastquery: 'forecast',
  geoplaces: 'geo-places',
  georoutes: 'geo-routes',
  greengrassv2: 'greengrass',
  inspectorscan: 'inspector-scan',
  ivsrealtime: 'ivs',
  kendraranking: 'kendra-ranking',
  keyspacesstreams: 'cassandra',
  kinesisanalyticsv2: 'kinesisanalytics',
  kinesisvideoarchivedmedia: 'kinesisvideo',
  kinesisvideomedia: 'kinesisvideo',
  kinesisvideosignaling: 'kinesisvideo',
  kinesisvideowebrtcstorage: 'kinesisvideo',
  lexmodelsv2: 'lex',
  lexruntimev2: 'lex',
  licensemanager: 'license-manager',
  licensemanagerlinuxsubscriptions: 'license-manager-linux-subscriptions',
  licensemanagerusersubscriptions: 'license-manager-user-subscriptions',
  location: 'geo',
  mailmanager: 'ses',
  managedblockchainquery: 'managedblockchain-query',
  marketplacecatalog: 'aws-marketplace',
  marketplacediscovery: 'aws-marketplace',
  marketplaceentitlement: 'aws-marketplace',
  marketplacemetering: 'aws-marketplace',
  marketplacereporting: 'aws-marketplace',
  mediapackagevod: 'mediapackage-vod',
  medicalimaging: 'medical-imaging',
  migrationhub: 'mgh',
  migrationhubconfig: 'mgh',
  migrationhuborchestrator: 'migrationhub-orchestrator',
  migrationhubrefactorspaces: 'refactor-spaces',
  migrationhubstrategy: 'migrationhub-strategy',
  mwaa: 'airflow',
  mwaaserverless: 'airflow-serverless',
  neptune: 'rds',
  neptunegraph: 'neptune-graph',
  networkfirewall: 'network-firewall',
  notificationscontacts: 'notifications-contacts',
  novaact: 'nova-act',
  opensearch: 'es',
  opensearchserverless: 'aoss',
  paymentcryptography: 'payment-cryptography',
  paymentcryptographydata: 'payment-cryptography',
  pcaconnectorad: 'pca-connector-ad',
  pcaconnectorscep: 'pca-connector-scep',
  personalizeevents: 'personalize',
  personalizeruntime: 'personalize',
  pinpoint: 'mobiletargeting',
  pinpointemail: 'ses',
  pinpointsmsvoice: 'sms-voice',
  pinpointsmsvoicev2: 'sms-voice',
  qconnect: 'wisdom',
  rdsdata: 'rds-data',
  redshiftdata: 'redshift-data',
  redshiftserverless: 'redshift-serverless',
  resourceexplorer2: 'resource-explorer-2',
  resourcegroups: 'resource-groups',
  route53recoverycluster: 'route53-recovery-cluster',
  route53recoverycontrolconfig: 'route53-recovery-control-config',
  route53recoveryreadiness: 'route53-recovery-readiness',
  s3control: 's3',
  s3outposts: 's3-outposts',
  sagemakera2iruntime: 'sagemaker',
  sagemakerfeaturestoreruntime: 'sagemaker',
  sagemakergeospatial: 'sagemaker-geospatial',
  sagemakermetrics: 'sagemaker',
  sagemakerruntime: 'sagemaker',
  securityir: 'security-ir',
  serverlessapplicationrepository: 'serverlessrepo',
  servicecatalogappregistry: 'servicecatalog',
  sesv2: 'ses',
  sfn: 'states',
  signerdata: 'signer',
  simpledbv2: 'sdb',
  snowdevicemanagement: 'snow-device-management',
  socialmessaging: 'social-messaging',
  ssmcontacts: 'ssm-contacts',
  ssmguiconnect: 'ssm-guiconnect',
  ssmincidents: 'ssm-incidents',
  ssmquicksetup: 'ssm-quicksetup',
  ssmsap: 'ssm-sap',
  ssoadmin: 'sso',
  supplychain: 'scn',
  taxsettings: 'tax',
  timestreaminfluxdb: 'timestream-influxdb',
  timestreamquery: 'timestream',
  timestreamwrite: 'timestream',
  vpclattice: 'vpc-lattice',
  wafregional: 'waf-regional',
  workspacesinstances: 'workspaces-instances',
  workspacesthinclient: 'thinclient',
  workspacesweb: 'workspaces-web',
  cloudcontrol: 'cloudformation',
};

/**
 * `<service>:<action>` of an AWS SDK integration -> the IAM actions it needs, for the APIs whose
 * IAM action is not `<prefix>:<ApiName>`.
 *
 * Sources:
 * - `s3:listBuckets`: aws-cdk-lib `CallAwsService` docs ("iamAction ... for example
 *   `s3:listBuckets` requires `s3:ListAllMyBuckets`");
 * - `s3:listObjects`, `s3:listObjectsV2`, `s3:headBucket`: Amazon S3 API Reference,
 *   ListObjectsV2 / ListObjects / HeadBucket, "Permissions": "You must have permission to
 *   perform the s3:ListBucket action";
 * - `s3:headObject`: Amazon S3 API Reference, HeadObject, "Permissions": "To use HEAD, you must
 *   have the s3:GetObject permission";
 * - `lambda:invoke`: AWS Lambda API Reference, Invoke, and the Service Authorization Reference:
 *   the Invoke API is authorized by `lambda:InvokeFunction`.
 */
export const SDK_IAM_ACTIONS: { readonly [serviceAndAction: string]: readonly string[] } = {
  's3:listBuckets': ['s3:ListAllMyBuckets'],
  's3:listObjects': ['s3:ListBucket'],
  's3:listObjectsV2': ['s3:ListBucket'],
  's3:headBucket': ['s3:ListBucket'],
  's3:headObject': ['s3:GetObject'],
  'lambda:invoke': ['lambda:InvokeFunction'],
};

/**
 * The IAM actions an AWS SDK integration call needs: `<iam-prefix>:<Action>` (the API name with
 * its first letter upper-cased: `s3:getObject` -> `s3:GetObject`), or the known exception.
 *
 * @param service the SDK service name, lowercase (`s3`, `sfn`)
 * @param action the camelCase API name (`getObject`)
 */
export function sdkIamActions(service: string, action: string): string[] {
  const known = SDK_IAM_ACTIONS[`${service}:${action}`];
  if (known) {
    return [...known];
  }
  const prefix = SDK_IAM_PREFIXES[service] ?? service;
  return [`${prefix}:${action.charAt(0).toUpperCase()}${action.slice(1)}`];
}

/**
 * A supported SDK service name the user may have meant, for an unknown `name`: the SDK name of
 * an IAM prefix (`states` -> `sfn`, `logs` -> `cloudwatchlogs`), the name without dashes and
 * in lowercase (`acm-pca` -> `acmpca`), or a name at most two edits away (`dynamdb`).
 */
export function suggestSdkService(name: string): string | undefined {
  const lower = name.toLowerCase();
  const compact = lower.replace(/[-_ ]/g, '');
  if (SDK_SERVICES.has(compact)) {
    return compact;
  }
  const byPrefix = Object.entries(SDK_IAM_PREFIXES).find(([, prefix]) => prefix === lower);
  if (byPrefix) {
    return byPrefix[0];
  }
  const aliases: { [alias: string]: string } = { stepfunctions: 'sfn', logs: 'cloudwatchlogs', events: 'eventbridge' };
  if (aliases[compact]) {
    return aliases[compact];
  }
  let best: { name: string; distance: number } | undefined;
  for (const candidate of SDK_SERVICES) {
    const distance = editDistance(compact, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}
