import { requireOptionalDependencies } from '../core/optional-dependencies';

// Before anything of this entry point loads them (index.ts imports this module first).
requireOptionalDependencies('cdk-stepwise/testing', ['jsonata', 'jsonpath-plus']);
