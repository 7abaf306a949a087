import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// docs/deploying.md promises Node 20, 22 and 24, and that CI tests the Node-only parts on 22 and 24.
describe('supported Node.js versions', () => {
  const engines: string = JSON.parse(read('package.json')).engines.node;
  const majors = (range: string) => [...range.matchAll(/(\d+)\.0\.0/g)].map((m) => Number(m[1]));

  test('package.json engines and the docs name the same lines', () => {
    expect(majors(engines)).toEqual([20, 22, 24]);
    expect(read('docs/deploying.md')).toContain(`\`engines: ${engines}\``);
  });

  test('CI runs the Node-only tests on every supported line newer than the one it builds on', () => {
    const script = read('.ci/node-versions.sh');
    const tested = /^for major in ([\d ]+); do$/m.exec(script)![1].split(' ').map(Number);
    expect(tested).toEqual(majors(engines).filter((m) => m > 20));
    expect(script).toContain("--testPathPatterns 'test/(runtime|testing|package)/'");
    expect(read('.ci/run')).toMatch(/^bash \.ci\/node-versions\.sh$/m);
  });

  test('the suite runs on a supported line', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(majors(engines)).toContain(major);
  });
});
