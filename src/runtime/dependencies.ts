import { requireOptionalDependencies } from '../core/optional-dependencies';

// Before anything of this entry point loads them (index.ts imports this module first).
requireOptionalDependencies('cdk-stepwise/runtime', ['@aws-sdk/client-sfn', '@smithy/node-http-handler']);
