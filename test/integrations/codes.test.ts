/*
 * Every SW5xx code the integration steps report is registered (src/validation/codes/integrations.ts),
 * and every registered SW5xx code is reported somewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_CODES, codeInfo } from '../../src/validation/codes';
import { INTEGRATION_CODES } from '../../src/validation/codes/integrations';
import { Severity } from '../../src/validation/finding';

const SRC = path.join(__dirname, '..', '..', 'src', 'integrations');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, e.name), 'utf8')] : []);
}

describe('SW5xx codes', () => {
  const reported = new Set(sources(SRC).flatMap((text) => [...text.matchAll(/code: '(SW5\d\d)'/g)].map((m) => m[1])));

  test('every code the steps report has an entry', () => {
    expect(reported.size).toBeGreaterThan(0);
    for (const code of reported) {
      expect(codeInfo(code).code).toBe(code);
    }
  });

  test('every SW5xx entry is reported by a step, and is in the registry', () => {
    for (const info of INTEGRATION_CODES) {
      expect(info.code).toMatch(/^SW5\d\d$/);
      expect(reported.has(info.code)).toBe(true);
      expect(ALL_CODES).toContain(info);
    }
  });

  test('only SW503 (no heartbeat) is a warning', () => {
    expect(INTEGRATION_CODES.filter((c) => c.severity !== Severity.ERROR).map((c) => c.code)).toEqual(['SW503']);
  });
});
