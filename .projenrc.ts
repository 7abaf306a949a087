import * as fs from 'fs';
import { awscdk, javascript, JsonFile } from 'projen';

/**
 * The supported range of aws-cdk-lib, tested at both ends. The minimum is what the library
 * compiles against (a dev dependency) and promises in `peerDependencies`; the newest 2.x is pinned
 * in compat/latest/package.json and its lock file (with cdk-nag, which needs it), and installed into
 * node_modules/.compat-latest by compat/install.js. To move the top of the range: change
 * compat/latest/package.json, run `npm install --package-lock-only --prefix compat/latest`, then
 * `npx projen`.
 */
const CDK_MIN = '2.220.0';
const CDK_LATEST: string = JSON.parse(fs.readFileSync('compat/latest/package.json', 'utf8')).dependencies['aws-cdk-lib'];
const LATEST_MODULES = 'node_modules/.compat-latest/node_modules';

// Jest runs the suite once per end of the range, in one run (the two share the workers). Tests
// that never load aws-cdk-lib (the worker runtime, the local runner's engine) run once; tests under
// test/compat/latest need the newest aws-cdk-lib (cdk-nag v3 requires 2.257 or later).
const jestCommon = {
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  clearMocks: true,
  transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
};
const jestIgnore = ['/node_modules/', '/examples/cdk.out/', '/examples/cdk.out.latest/'];


const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-stepwise',
  description:
    'Typed AWS CDK constructs for AWS Step Functions: a fluent workflow builder, type-safe service integrations, ' +
    'synth-time validation against Step Functions quotas and ASL rules, activity workers, and local testing.',
  keywords: ['aws', 'aws-cdk', 'awscdk', 'cdk', 'step-functions', 'stepfunctions', 'workflow', 'asl', 'activities'],
  author: 'cdk-stepwise developers',
  authorAddress: 'cdk-stepwise@example.com',
  repositoryUrl: 'https://github.com/cdk-stepwise/cdk-stepwise.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // 2.220 has JSONata, workflow variables (Assign), DistributedMap item readers/writers and the
  // `Pass.jsonata()` style factories this library builds on.
  cdkVersion: CDK_MIN,
  jsiiVersion: '~6.0.0',
  // Node 20 reached end of life in 2026 but is still what many CI images run; 22 and 24 are the
  // supported lines. The test suite passes on 20, 22 and 24; `engines` (set below) names exactly
  // those lines, so npm warns on an odd-numbered or older release.
  minNodeVersion: '20.0.0',

  // CI is `.ci/run` on a fresh clone; there is no GitHub here.
  github: false,
  release: false,
  sampleCode: false,

  publishToPypi: { distName: 'cdk-stepwise', module: 'cdk_stepwise' },
  publishToMaven: {
    javaPackage: 'io.github.cdkstepwise',
    mavenGroupId: 'io.github.cdk-stepwise',
    mavenArtifactId: 'cdk-stepwise',
  },
  publishToNuget: { dotNetNamespace: 'CdkStepwise', packageId: 'CdkStepwise' },
  publishToGo: { moduleName: 'github.com/cdk-stepwise/cdk-stepwise-go' },

  // Validation runs a JSON Schema of the States Language (ajv) and parses every JSONata expression
  // (jsonata, the reference implementation Step Functions follows) at synth time, so both are
  // runtime dependencies of the jsii library, bundled as jsii requires. Validation loads them when
  // it first runs, never on import.
  bundledDeps: ['ajv@^8.17.0', 'jsonata@^2.0.0'],

  devDeps: [
    'aws-cdk@^2.1100.0', // the real `cdk` CLI, used by the example app
    'aws-sdk-client-mock@^4.1.0',
    'aws-sdk-client-mock-jest@^4.1.0',
    // The two peer validators the superset test runs over the ASL corpus (test/validation/corpus):
    // asl-validator, and AWS's own ASL language service (the AWS Toolkit's validator) with the
    // text-document implementation it takes its input in.
    'asl-validator@^4.0.0',
    'amazon-states-language-service@^1.16.1',
    'vscode-languageserver-textdocument@^1.0.12',
    // Also optional dependencies (below); listed here so that our own tests always have them:
    // npm skips an optional dependency whose `engines` don't match (aws-local-stepfunctions
    // declares Node >= 22), which would silently drop it on Node 20.
    '@aws-sdk/client-sfn@^3.600.0',
    '@smithy/node-http-handler@^4.0.0',
    'aws-local-stepfunctions@^3.0.0', // baseline and cross-check for the local runner
    'jsonpath-plus@^10.0.0',
    // The local runner under Vitest (vitest 4 is the last line that runs on Node 20). Vite 7:
    // vite 8 lists an optional dependency the registry does not have, which breaks `npm ci`.
    'vitest@^4.1.0',
    'vite@^7.3.0',
    // The API reference of the Node-only entry points (outside the jsii assembly, so not in API.md).
    'typedoc@^0.28.0',
    'typedoc-plugin-markdown@^4.0.0',
  ],

  jestOptions: {
    // Snapshots must be able to fail: never rewrite them as part of the test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: jestIgnore,
      // Polyfills `Promise.withResolvers` on Node 20 for the local runner's interpreter.
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      // Coverage is not read by anything here, and instrumenting costs a tenth of the run.
      collectCoverage: false,
      projects: [
        {
          displayName: `aws-cdk-lib ${CDK_MIN}`,
          ...jestCommon,
          testPathIgnorePatterns: [...jestIgnore, '/test/compat/latest/'],
        },
        {
          displayName: `aws-cdk-lib ${CDK_LATEST}`,
          ...jestCommon,
          // Tests that load no aws-cdk-lib, or test the package's own files, run once.
          testPathIgnorePatterns: [...jestIgnore, '/test/runtime/', '/test/testing/engine/', '/test/package/'],
          moduleNameMapper: {
            '^aws-cdk-lib$': `<rootDir>/${LATEST_MODULES}/aws-cdk-lib`,
            '^aws-cdk-lib/(.*)$': `<rootDir>/${LATEST_MODULES}/aws-cdk-lib/$1`,
            '^constructs$': `<rootDir>/${LATEST_MODULES}/constructs`,
            '^cdk-nag$': `<rootDir>/${LATEST_MODULES}/cdk-nag`,
            '^cdk-nag/(.*)$': `<rootDir>/${LATEST_MODULES}/cdk-nag/$1`,
          },
        },
      ],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc', '.projenrc.ts'],
    // Lint checks, it does not rewrite: a lint error fails the test command.
    commandOptions: { fix: false },
  },
  gitignore: ['.jsii.tabl.json', '.jsii.python', 'cdk.out', 'cdk.out.latest', '/examples/cdk.out', '/examples/reports', '/bench/results', '.cdk.staging', '/test/.readme-*', '/test/.types-*'],
  npmignoreEnabled: true,
});

// Node-only parts (the activity worker runtime, the local runner's JSONPath engine) need these at
// run time (JSONata is a bundled dependency: validation needs it too). They are
// optional so that a CDK app that only builds workflows can skip them (`npm i --omit=optional`);
// jsii refuses non-jsii peer dependencies, and bundling the AWS SDK into the package would make
// every install (including Python, Java, .NET and Go users) carry it.
// (projen's DependencyType.OPTIONAL is recorded but not written to package.json, so set the field.)
project.package.addField('optionalDependencies', {
  '@aws-sdk/client-sfn': '^3.600.0',
  '@smithy/node-http-handler': '^4.0.0',
  'jsonpath-plus': '^10.0.0',
});
// cdk.out folders (the example's Docker asset copies sources into one) are build output.
project.eslint?.addIgnorePattern('**/cdk.out/**');
project.eslint?.addIgnorePattern('**/cdk.out.latest/**');

// The Node-only entry points may import the optional dependencies; the jsii library may not.
project.eslint?.addOverride({
  files: ['src/runtime/**/*.ts', 'src/testing/**/*.ts'],
  rules: {
    'import/no-extraneous-dependencies': ['error', { devDependencies: false, optionalDependencies: true, peerDependencies: true }],
  },
});

// The example app and the benchmarks are TypeScript run with ts-node and linted like the tests:
// each folder gets a tsconfig (eslint's project service picks the nearest one).
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true, noUnusedLocals: true },
      include: ['**/*.ts'],
      exclude: ['node_modules', 'cdk.out'],
    },
  });
}

// ts-jest only transpiles (the tsconfig sets isolatedModules), so type errors in tests, the
// examples and the benchmarks, and `@ts-expect-error` proofs, are checked by tsc before jest runs.
// The newest aws-cdk-lib of the range, installed beside the project from its own lock file.
const compatInstall = project.addTask('compat:install', {
  description: `Install aws-cdk-lib ${CDK_LATEST} (the top of the supported range) into ${LATEST_MODULES}`,
  exec: 'node compat/install.js',
});

// The library, its tests, the example app and the benchmarks against the newest aws-cdk-lib
// (jsii compiles the library against the minimum).
new JsonFile(project, 'compat/latest/tsconfig.json', {
  obj: {
    extends: '../../tsconfig.json',
    compilerOptions: {
      noEmit: true,
      rootDir: '../..',
      noUnusedLocals: true,
      paths: {
        'aws-cdk-lib': ['../../node_modules/.compat-latest/node_modules/aws-cdk-lib'],
        'aws-cdk-lib/*': ['../../node_modules/.compat-latest/node_modules/aws-cdk-lib/*'],
        'constructs': ['../../node_modules/.compat-latest/node_modules/constructs'],
        'cdk-nag': ['../../node_modules/.compat-latest/node_modules/cdk-nag'],
        'cdk-nag/*': ['../../node_modules/.compat-latest/node_modules/cdk-nag/*'],
      },
    },
    include: ['../../src/**/*.ts', '../../test/**/*.ts', '../../examples/**/*.ts', '../../bench/**/*.ts'],
    exclude: ['../../**/node_modules', '../../**/cdk.out'],
  },
});

const typecheck = project.addTask('typecheck', {
  description: `Type-check the tests, the example app and the benchmarks (aws-cdk-lib ${CDK_MIN}), and everything against aws-cdk-lib ${CDK_LATEST}`,
  steps: [
    { exec: 'tsc --noEmit -p test/tsconfig.json' },
    { exec: 'tsc --noEmit -p examples/tsconfig.json' },
    { exec: 'tsc --noEmit -p bench/tsconfig.json' },
    { spawn: compatInstall.name },
    { exec: 'tsc --noEmit -p compat/latest/tsconfig.json' },
  ],
});
project.testTask.prependSpawn(typecheck);
// Tests under test/compat/latest import cdk-nag, which exists only beside the newest aws-cdk-lib:
// compat/latest/tsconfig.json type-checks them, and eslint finds them through their own tsconfig.
project.tsconfigDev.addExclude('compat/latest/**');
new JsonFile(project, 'test/compat/latest/tsconfig.json', {
  obj: { extends: '../../../compat/latest/tsconfig.json', include: ['**/*.ts'] },
});
// cdk-nag resolves only through that tsconfig's paths, which tsc checks: the import rule would not.
project.eslint?.addOverride({ files: ['test/compat/latest/**/*.ts'], rules: { 'import/no-unresolved': 'off' } });

project.npmignore?.exclude('/examples/', '/bench/', '/docs/', '/.ci/', '/compat/', '/tools/', '/vitest.config.mts', '/rosetta/', '/typedoc.json');

// The main entry point loads each module when one of its exports is first read (as aws-cdk-lib's
// do): test/package/entry-points.test.ts checks it.
project.postCompileTask.prependExec('node tools/lazy-index.js lib');

// docs/api: the API reference of the Node-only entry points (cdk-stepwise/runtime, /testing),
// which jsii-docgen cannot see. Regenerated by every build, so a stale one shows in `git status`
// (and fails .ci/run).
new JsonFile(project, 'typedoc.json', {
  marker: false, // typedoc refuses unknown keys
  obj: {
    // cdk-stepwise/testing/jest and /vitest only install the matchers documented in testing.
    entryPoints: ['src/runtime/index.ts', 'src/testing/index.ts'],
    tsconfig: 'tsconfig.json',
    out: 'docs/api',
    plugin: ['typedoc-plugin-markdown'],
    readme: 'none',
    name: 'cdk-stepwise: Node-only API reference',
    excludePrivate: true,
    excludeExternals: true, // EventEmitter's members are Node's to document
    excludeInternal: true,
    disableSources: true,
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    outputFileStrategy: 'modules',
    validation: { notExported: false, invalidLink: true, notDocumented: true },
    treatWarningsAsErrors: true,
  },
});
const docsApi = project.addTask('docs:api', {
  description: 'Generate docs/api: the API reference of cdk-stepwise/runtime and cdk-stepwise/testing',
  exec: 'typedoc --logLevel Warn',
});
project.postCompileTask.spawn(docsApi);
// Python (and Java, C#, Go) readers get examples in their language: jsii-rosetta translates the
// README's and the API docs' TypeScript examples, which must therefore compile on their own
// (rosetta/*.ts-fixture); the check transliterates to Python and fails on TypeScript left over.
const docsRosetta = project.addTask('docs:rosetta', {
  description: 'Compile every example of the README and the API docs with jsii-rosetta (strict) and check their Python translation',
  steps: [
    { exec: 'jsii-rosetta extract --strict --fail .jsii' },
    { exec: 'node tools/check-python-docs.js' },
  ],
});
project.postCompileTask.spawn(docsRosetta);
// docs/validation.md: the table of every finding code, from the registry (test/validation/docs.test.ts checks it).
project.addTask('docs:codes', {
  description: 'Regenerate the table of finding codes in docs/validation.md from the code registry (after compile)',
  exec: 'node tools/codes-table.js',
});

// Subpath exports for the Node-only entry points (outside the jsii assembly).
// The supported Node.js lines (README, "Install"): 20 (end of life, still tested), 22 and 24 and later.
project.package.addEngine('node', '^20.0.0 || ^22.0.0 || >=24.0.0');

project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './runtime': { types: './lib/runtime/index.d.ts', default: './lib/runtime/index.js' },
  './testing': { types: './lib/testing/index.d.ts', default: './lib/testing/index.js' },
  './testing/jest': { types: './lib/testing/jest.d.ts', default: './lib/testing/jest.js' },
  './testing/vitest': { types: './lib/testing/vitest.d.ts', default: './lib/testing/vitest.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});
// For TypeScript users on `moduleResolution: node` (which ignores `exports`).
project.package.addField('typesVersions', {
  '*': {
    'runtime': ['lib/runtime/index.d.ts'],
    'testing': ['lib/testing/index.d.ts'],
    'testing/jest': ['lib/testing/jest.d.ts'],
    'testing/vitest': ['lib/testing/vitest.d.ts'],
  },
});

// The whole package (jsii compile + API.md + jest + eslint + js packaging) builds on a machine with
// only Node and npm: other-language packaging needs their toolchains and stays in `package-all`.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(project.tasks.tryFind('package:js')!);

// The README's main command: synthesize the example app with the real `cdk` CLI and print the
// report of every state machine in it.
const example = project.addTask('example', {
  description: `Synthesize the example app with the cdk CLI (aws-cdk-lib ${CDK_MIN}) and print each state machine's report`,
  cwd: 'examples',
  steps: [
    { exec: 'node -e "require(\'fs\').rmSync(\'cdk.out\', { recursive: true, force: true })"' },
    { exec: 'npx cdk synth --quiet --no-notices --no-version-reporting --output cdk.out' },
    { exec: 'npx ts-node --project tsconfig.json report.ts cdk.out' },
  ],
});
// The same against the newest aws-cdk-lib of the range (compat/register.js redirects aws-cdk-lib,
// constructs and cdk-nag to compat/latest).
const exampleLatest = project.addTask('example:latest', {
  description: `Synthesize the example app with the cdk CLI against aws-cdk-lib ${CDK_LATEST} and print each state machine's report`,
  cwd: 'examples',
  steps: [
    { spawn: compatInstall.name },
    { exec: 'node -e "require(\'fs\').rmSync(\'cdk.out.latest\', { recursive: true, force: true })"' },
    { exec: 'npx cdk synth --quiet --no-notices --no-version-reporting --output cdk.out.latest --app "npx ts-node -r ../compat/register.js --project tsconfig.json --transpile-only app.ts"' },
    { exec: 'npx ts-node -r ../compat/register.js --project tsconfig.json report.ts cdk.out.latest' },
  ],
});
// The example's Vitest test: the local runner and its matchers under Vitest as well as Jest.
const vitest = project.addTask('test:vitest', {
  description: 'Run the example test written for Vitest',
  exec: 'vitest run',
});
project.testTask.spawn(vitest);

// The test command synthesizes the example app with the real cdk CLI at both ends of the range.
project.testTask.spawn(example);
project.testTask.spawn(exampleLatest);

// Benchmarks print figures; they are never timed unit tests.
const bench = project.addTask('bench', { description: 'Run every benchmark and print its figures' });
for (const name of ['synth', 'validate', 'local-run', 'worker', 'import']) {
  const task = project.addTask(`bench:${name}`, {
    description: `Run the ${name} benchmark`,
    exec: `node --expose-gc -r ts-node/register/transpile-only bench/${name}/run.ts`,
    env: { TS_NODE_PROJECT: 'bench/tsconfig.json' },
  });
  bench.spawn(task);
}

project.synth();
