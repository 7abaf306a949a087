import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const json = (file: string) => JSON.parse(read(file));

// The README and docs/deploying.md state the tested aws-cdk-lib range; these are the pins the build
// tests against (the library compiles against the minimum, compat/latest holds the newest).
describe('the tested aws-cdk-lib range', () => {
  const pkg = json('package.json');
  const min: string = pkg.devDependencies['aws-cdk-lib'];
  const latest: string = json('compat/latest/package.json').dependencies['aws-cdk-lib'];

  test('the peer dependency starts at the version the library is compiled against', () => {
    expect(min).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.peerDependencies['aws-cdk-lib']).toBe(`^${min}`);
  });

  test('the newest tested version is pinned, newer than the minimum, within the peer range', () => {
    expect(latest).toMatch(/^2\.\d+\.\d+$/);
    expect(Number(latest.split('.')[1])).toBeGreaterThan(Number(min.split('.')[1]));
  });

  test('jest runs the suite once against each end', () => {
    expect(pkg.jest.projects.map((p: { displayName: string }) => p.displayName)).toEqual([`aws-cdk-lib ${min}`, `aws-cdk-lib ${latest}`]);
  });

  test('the README and the deploying guide state exactly that range', () => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(read('README.md'))).toContain(`Tested range: aws-cdk-lib ${min} to ${latest}`);
    expect(flat(read('docs/deploying.md'))).toContain(`Tested range: aws-cdk-lib ${min} to ${latest}`);
  });
});
