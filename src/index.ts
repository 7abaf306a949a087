// The ground floor: findings, steps and their options, the ASL model's public face.
export * from './core/finding';
export * from './core/step';
export * from './core/heartbeat';
export * from './core/task-options';
export * from './core/asl/asl';
export * from './core/qualified-state-machine';

// Error-handling presets and patterns.
export * from './patterns/retry';
export * from './patterns/timeouts';
export * from './patterns/catch';
export * from './patterns/saga';
export * from './patterns/poll';
export * from './patterns/human-approval';

// Service integrations, one file per service, with their default retries.
export * from './integrations/options';
export * from './integrations/integration-step';
export * from './integrations/service-retries';
export * from './integrations/task-token';
export * from './integrations/lambda';
export * from './integrations/sqs';
export * from './integrations/sns';
export * from './integrations/eventbridge';
export * from './integrations/dynamodb';
export * from './integrations/ecs';
export * from './integrations/batch';
export * from './integrations/glue';
export * from './integrations/codebuild';
export * from './integrations/stepfunctions';
export * from './integrations/athena';
export * from './integrations/http';
export * from './integrations/bedrock';
export * from './integrations/aws-sdk';
export * from './integrations/activity';

// The builder, validation, diagrams and the constructs.
export * from './flow/flow';
export * from './flow/options';
export * from './flow/distributed-map';
export * from './validation/options';
export * from './validation/validator';
export * from './validation/checks';
export * from './validation/report-model';
export * from './validation/report';
export * from './diagram/diagram';
export * from './constructs/workflow';
export * from './constructs/workflow-alarms';
export * from './constructs/map-run-alarms';
export * from './constructs/qualified-state-machine-base';
export * from './constructs/workflow-version';
export * from './constructs/workflow-alias';
export * from './constructs/activity-worker-service';
