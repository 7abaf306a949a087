/*
 * The superset claim, as a test: the two peer validators, asl-validator and AWS's own ASL language
 * service (amazon-states-language-service, the AWS Toolkit's validator), run over the definitions
 * Step Functions rejects in the same run as cdk-stepwise; every definition either of them flags
 * with an error, cdk-stepwise flags too. Prints each validator's catch count.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, getLanguageService } from 'amazon-states-language-service';
import aslValidator from 'asl-validator';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CorpusEntry, loadCorpus } from './corpus';
import { Severity } from '../../../src/core/finding';
import { validateDefinition } from '../../../src/validation/validate';

const invalid = loadCorpus().filter((e) => e.kind === 'invalid');

function aslValidatorRejects(entry: CorpusEntry): boolean {
  try {
    return !aslValidator(JSON.parse(entry.text)).isValid;
  } catch {
    return true; // not JSON: it cannot take it
  }
}

const languageService = getLanguageService({});

async function languageServiceRejects(entry: CorpusEntry): Promise<boolean> {
  const doc = TextDocument.create(`file:///${entry.id}.asl.json`, 'json', 1, entry.text);
  const diagnostics = await languageService.doValidation(doc, languageService.parseJSONDocument(doc));
  return diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
}

function stepwiseRejects(entry: CorpusEntry): boolean {
  return validateDefinition(entry.text).some((f) => f.severity === Severity.ERROR);
}

test('cdk-stepwise rejects every definition either peer rejects, and more', async () => {
  const counts = { stepwise: 0, aslValidator: 0, languageService: 0 };
  const missed: string[] = [];
  for (const entry of invalid) {
    const ours = stepwiseRejects(entry);
    const a = aslValidatorRejects(entry);
    const b = await languageServiceRejects(entry);
    counts.stepwise += ours ? 1 : 0;
    counts.aslValidator += a ? 1 : 0;
    counts.languageService += b ? 1 : 0;
    if ((a || b) && !ours) {
      missed.push(`${entry.id} (${[a && 'asl-validator', b && 'amazon-states-language-service'].filter(Boolean).join(', ')})`);
    }
  }
  // eslint-disable-next-line no-console
  console.log(`definitions Step Functions rejects: ${invalid.length}; caught by cdk-stepwise ${counts.stepwise}, asl-validator ${counts.aslValidator}, amazon-states-language-service ${counts.languageService}`);
  expect(missed).toEqual([]);
  expect(counts.stepwise).toBe(invalid.length);
  // docs/validation-rules.md states these numbers.
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'validation-rules.md'), 'utf8');
  expect(doc).toContain(`| cdk-stepwise | ${counts.stepwise} of ${invalid.length} |`);
  expect(doc).toContain(`| asl-validator 4.0.0 | ${counts.aslValidator} of ${invalid.length} |`);
  expect(doc).toContain(`| amazon-states-language-service 1.16.1 | ${counts.languageService} of ${invalid.length} |`);
  expect(counts.stepwise).toBeGreaterThan(Math.max(counts.aslValidator, counts.languageService));
}, 300_000);
