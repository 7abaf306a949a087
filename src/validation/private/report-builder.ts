import { Finding, Severity } from '../../core/finding';
import { QUOTAS } from '../../core/quotas';
import type { DistributedMapSummary, IntegrationUse, WorkflowReport } from '../report-model';
import { PreparedDefinition } from '../validate';
import { ValidationSettings } from './context';
import { StateNode, fmt, isDistributedMap, processorConfig, resourceOf } from '../../core/asl/model';

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
      distributedMaps: [],
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
    distributedMaps: model.states.filter(isDistributedMap).map(summarizeDistributedMap),
  };
}

/** The report line of one Distributed Map. */
function summarizeDistributedMap(state: StateNode): DistributedMapSummary {
  const j = state.json;
  const args = (field: any): Record<string, any> => (field && typeof field === 'object' ? field.Arguments ?? field.Parameters ?? {} : {});
  const value = (o: Record<string, any>, name: string): string => String(o[name] ?? o[`${name}.$`] ?? '');
  let reader = 'input';
  if (j.ItemReader && typeof j.ItemReader === 'object') {
    const r = j.ItemReader;
    const a = args(r);
    const action = String(r.Resource ?? '').split(':').pop();
    const c = r.ReaderConfig ?? {};
    const format = [c.ManifestType ?? c.InputType, c.Transformation === 'LOAD_AND_FLATTEN' ? 'LOAD_AND_FLATTEN' : undefined].filter(Boolean).join(' ');
    reader = `s3:${action}${format ? ` ${format}` : ''} ${value(a, 'Bucket')}/${value(a, 'Key') || value(a, 'Prefix')}${c.MaxItems !== undefined ? `, at most ${fmt(c.MaxItems)} items` : ''}`;
  }
  const b = j.ItemBatcher && typeof j.ItemBatcher === 'object' ? j.ItemBatcher : undefined;
  const batching = b
    ? [b.MaxItemsPerBatch !== undefined ? `${fmt(b.MaxItemsPerBatch)} items` : b.MaxItemsPerBatchPath, b.MaxInputBytesPerBatch !== undefined ? `${fmt(b.MaxInputBytesPerBatch)} bytes` : b.MaxInputBytesPerBatchPath].filter(Boolean).join(', ')
    : 'none';
  const w = j.ResultWriter && typeof j.ResultWriter === 'object' ? j.ResultWriter : undefined;
  const wc = w?.WriterConfig ?? {};
  const writer = !w ? 'state output'
    : w.Resource === undefined ? `state output (${wc.OutputType ?? 'JSON'}, ${wc.Transformation ?? 'COMPACT'})`
      : `s3 ${value(args(w), 'Bucket')}/${value(args(w), 'Prefix')} (${wc.OutputType ?? 'JSON'}, ${wc.Transformation ?? 'NONE'})`;
  const maxConcurrency = typeof j.MaxConcurrency === 'number' && j.MaxConcurrency > 0 ? fmt(j.MaxConcurrency)
    : j.MaxConcurrencyPath !== undefined ? String(j.MaxConcurrencyPath)
      : typeof j.MaxConcurrency === 'string' ? j.MaxConcurrency : `${fmt(QUOTAS.distributedMapConcurrency.value)} (default)`;
  const tolerance = [
    j.ToleratedFailurePercentage !== undefined ? `${j.ToleratedFailurePercentage}%` : j.ToleratedFailurePercentagePath,
    j.ToleratedFailureCount !== undefined ? `count ${j.ToleratedFailureCount}` : j.ToleratedFailureCountPath,
  ].filter((x) => x !== undefined).join(', ') || 'none (default)';
  return {
    statePath: state.path,
    reader,
    batching,
    writer,
    maxConcurrency,
    tolerance,
    childExecutionType: processorConfig(state).ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
  };
}

