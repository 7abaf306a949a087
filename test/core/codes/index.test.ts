/*
 * The registry of finding codes and the code agree: every code cdk-stepwise throws or reports is
 * registered with a title, a meaning and a fix, and every registered code is used somewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_CODES, codeInfo } from '../../../src/core/codes';
import { Severity } from '../../../src/core/finding';

const SRC = path.join(__dirname, '..', '..', '..', 'src');
const REGISTRY = path.join(SRC, 'validation', 'codes');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? (full === REGISTRY ? [] : sourceFiles(full)) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('finding codes', () => {
  const usedIn = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bSW\d{3}\b/g)) {
      usedIn.set(m[0], path.relative(SRC, file));
    }
  }

  test('every code used in src/ is registered', () => {
    const unregistered = [...usedIn.keys()].filter((code) => !ALL_CODES.some((c) => c.code === code));
    expect(unregistered).toEqual([]);
    expect(() => codeInfo('SW999')).toThrow(/unknown finding code SW999/);
  });

  test('every registered code is used in src/', () => {
    expect(ALL_CODES.map((c) => c.code).filter((code) => !usedIn.has(code))).toEqual([]);
  });

  test('of the codes of building workflows (SW0xx, SW5xx, SW60x, SW7xx), only a capped worker service is a warning', () => {
    const warnings = ALL_CODES.filter((c) => /^SW(0\d\d|5\d\d|60\d|7\d\d)$/.test(c.code) && c.severity !== Severity.ERROR).map((c) => c.code);
    // SW606: a worker service capped at the poller limit (it still deploys). A callback step with
    // Heartbeat.none() is validation's SW402, not a code of its own. Versions and aliases: a
    // deployment with no alarm (SW062), more than 100 aliases (a soft quota, SW063), and what
    // in-flight executions of older versions would pick up unpinned (SW069, SW070) deploy fine.
    expect(warnings).toEqual(['SW062', 'SW063', 'SW069', 'SW070', 'SW606']);
  });

  test('codes are unique, well formed, and each has a title, a meaning and a fix', () => {
    const codes = ALL_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const info of ALL_CODES) {
      expect(info.code).toMatch(/^SW\d{3}$/);
      expect([info.title, info.meaning, info.fix].every((t) => t.trim().length > 0)).toBe(true);
    }
  });
});
