/*
 * Every SW6xx code the activity step, the worker service and the runtime report or throw is
 * registered (src/validation/codes/activities.ts), and every registered SW6xx code is used.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_CODES, codeInfo } from '../../src/validation/codes';
import { ACTIVITY_CODES } from '../../src/validation/codes/activities';

const SRC = path.join(__dirname, '..', '..', 'src');
const FILES = ['integrations/activity.ts', 'constructs/activity-worker-service.ts', ...fs.readdirSync(path.join(SRC, 'runtime')).map((f) => `runtime/${f}`)];

describe('SW6xx codes', () => {
  const used = new Set(FILES.flatMap((file) => [...fs.readFileSync(path.join(SRC, file), 'utf8').matchAll(/\bSW6\d\d\b/g)].map((m) => m[0])));

  test('every code used has an entry', () => {
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const code of used) {
      expect(codeInfo(code).code).toBe(code);
    }
  });

  test('every SW6xx entry is used, and is in the registry', () => {
    for (const info of ACTIVITY_CODES) {
      expect(info.code).toMatch(/^SW6\d\d$/);
      expect({ code: info.code, used: used.has(info.code) }).toEqual({ code: info.code, used: true });
      expect(ALL_CODES).toContain(info);
    }
  });

  test('a code without an entry fails the lookup', () => {
    expect(() => codeInfo('SW699')).toThrow(/unknown finding code SW699/);
  });
});
