/*
 * Every finding code, one file per family. Code ranges:
 *   SW0xx  building workflows (flow builder, Workflow construct);
 *          SW05x-SW07x versions, aliases and gradual deployment
 *   SW1xx  service quotas (from SW150: Distributed Map readers and writers)
 *   SW2xx  ASL rules
 *   SW3xx  Express restrictions      SW4xx  hygiene warnings
 *   SW5xx  service integrations and callbacks
 *   SW6xx  activities and workers    SW7xx  error-handling presets and patterns
 *   SW8xx  local execution           SW9xx  internal (a rule that failed)
 */
import { ACTIVITY_CODES } from './activities';
import { ASL_CODES } from './asl';
import { BUILDER_CODES } from './builder';
import { DEPLOYMENT_CODES } from './deployment';
import { DISTRIBUTED_MAP_CODES } from './distributed-map';
import { EXPRESS_CODES } from './express';
import { HYGIENE_CODES } from './hygiene';
import { INTEGRATION_CODES } from './integrations';
import { INTERNAL_CODES } from './internal';
import { LOCAL_CODES } from './local';
import { PATTERN_CODES } from './patterns';
import { QUOTA_CODES } from './quotas';
import { CodeInfo } from './types';

export type { CodeInfo } from './types';

/**
 * Every code cdk-stepwise reports, by code: `CODES.SW101`. Findings and thrown errors take their
 * severity and default fix from here, and the finding-code docs are generated from it.
 */
export const CODES = {
  ...BUILDER_CODES,
  ...DEPLOYMENT_CODES,
  ...INTEGRATION_CODES,
  ...ACTIVITY_CODES,
  ...LOCAL_CODES,
  ...QUOTA_CODES,
  ...DISTRIBUTED_MAP_CODES,
  ...ASL_CODES,
  ...EXPRESS_CODES,
  ...HYGIENE_CODES,
  ...PATTERN_CODES,
  ...INTERNAL_CODES,
};

/** All codes, in code order. */
export const ALL_CODES: CodeInfo[] = Object.values<CodeInfo>(CODES).sort((a, b) => a.code.localeCompare(b.code));

/** The entry for a code; throws for an unknown code, so a typo fails the tests. */
export function codeInfo(code: string): CodeInfo {
  const info = (CODES as Record<string, CodeInfo>)[code];
  if (!info) {
    throw new Error(`cdk-stepwise: unknown finding code ${code}`);
  }
  return info;
}
