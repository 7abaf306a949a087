/*
 * Every SW7xx code the error-handling presets and patterns throw is registered
 * (src/validation/codes/patterns.ts), and every registered SW7xx code is thrown somewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_CODES, codeInfo } from '../../src/validation/codes';
import { PATTERN_CODES } from '../../src/validation/codes/patterns';

const SRC = path.join(__dirname, '..', '..', 'src');
const FILES = [
  ...fs.readdirSync(path.join(SRC, 'patterns')).filter((f) => f.endsWith('.ts')).map((f) => path.join('patterns', f)),
  ...fs.readdirSync(path.join(SRC, 'patterns', 'private')).map((f) => path.join('patterns', 'private', f)),
  path.join('constructs', 'workflow-alarms.ts'),
];

describe('SW7xx codes', () => {
  const used = new Set(FILES.flatMap((file) => [...fs.readFileSync(path.join(SRC, file), 'utf8').matchAll(/\bSW7\d\d\b/g)].map((m) => m[0])));

  test('every SW7xx code used in the patterns is registered', () => {
    expect(used.size).toBeGreaterThan(0);
    for (const code of used) {
      expect(codeInfo(code).code).toBe(code);
    }
  });

  test('every SW7xx entry is used, and is in the registry with a title, meaning and fix', () => {
    for (const info of PATTERN_CODES) {
      expect(info.code).toMatch(/^SW7\d\d$/);
      expect(used.has(info.code)).toBe(true);
      expect(ALL_CODES).toContainEqual(info);
      expect(info.title.length).toBeGreaterThan(0);
      expect(info.meaning.length).toBeGreaterThan(0);
      expect(info.fix.length).toBeGreaterThan(0);
    }
  });
});
