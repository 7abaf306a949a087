import { Finding, Severity } from '../../core/finding';
import { QUOTAS } from '../../core/quotas';
import type { IntegrationUse, WorkflowReport } from '../report-model';
import { PreparedDefinition } from '../validate';
import { ValidationSettings } from './context';
import { resourceOf } from '../../core/asl/model';

/** Builds the report of a prepared definition (or of the finding that says why it could not be prepared). */
export function buildReport(
  prepared: PreparedDefinition | Finding, findings: Finding[], settings: ValidationSettings, constructPath: string,
): WorkflowReport {
  const limit = QUOTAS.definitionSize.value;
  const counts = {
    errorCount: findings.filter((f) => f.severity === Severity.ERROR).length,
    warningCount: findings.filter((f) => f.severity === Severity.WARNING).length,
  };
  const base = {
    constructPath,
    ...(settings.stateMachineName !== undefined ? { stateMachineName: settings.stateMachineName } : {}),
    workflowType: settings.workflowType ?? 'STANDARD',
    definitionSizeLimit: limit,
    ...counts,
    findings: findings.map((f) => ({ ...f })),
  };
  if (!('model' in prepared)) {
    return {
      ...base,
      queryLanguage: 'JSONPath',
      stateCount: 0,
      stateTypeCounts: {},
      definitionSize: 0,
      definitionSizeShare: 0,
      unresolvedValues: 0,
      nestingDepth: 0,
      integrations: [],
      tasksWithoutTimeout: [],
    };
  }
  const { model, size } = prepared;
  const stateTypeCounts: { [type: string]: number } = {};
  const uses = new Map<string, IntegrationUse>();
  const tasksWithoutTimeout: string[] = [];
  for (const state of model.states) {
    const type = state.type ?? '(no type)';
    stateTypeCounts[type] = (stateTypeCounts[type] ?? 0) + 1;
    if (state.type !== 'Task') {
      continue;
    }
    const resource = resourceOf(state, settings.resourceTypes);
    const key = `${resource.service}\u0000${resource.pattern}`;
    const use = uses.get(key);
    uses.set(key, { service: resource.service, pattern: resource.pattern, count: (use?.count ?? 0) + 1 });
    if (state.json.TimeoutSeconds === undefined && state.json.TimeoutSecondsPath === undefined) {
      tasksWithoutTimeout.push(state.path);
    }
  }
  return {
    ...base,
    queryLanguage: model.topQueryLanguage,
    stateCount: model.states.length,
    stateTypeCounts,
    definitionSize: size.estimate,
    definitionSizeShare: Math.round((size.estimate / limit) * 1e6) / 1e6,
    unresolvedValues: size.tokenCount,
    nestingDepth: model.maxDepth,
    integrations: [...uses.values()].sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
    tasksWithoutTimeout,
  };
}

