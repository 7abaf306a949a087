import { requireOptionalDependencies } from '../core/optional-dependencies';

// Before anything of this entry point loads them (index.ts imports this module first).
// jsonata is a bundled dependency (validation parses JSONata expressions with it), always installed.
requireOptionalDependencies('cdk-stepwise/testing', ['jsonpath-plus']);
