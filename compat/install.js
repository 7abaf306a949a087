#!/usr/bin/env node
/*
 * Installs the newest aws-cdk-lib of the supported range (and cdk-nag) as compat/latest's
 * package.json and lock file pin them, into node_modules/.compat-latest, unless every package the
 * lock file names is installed there already at its version.
 *
 * Under node_modules, because tools that scan the project for jsii assemblies (jsii-docgen, which
 * writes API.md) skip dot folders there and must see only the aws-cdk-lib the library is compiled
 * against; and `npm ci` of the project clears it, so every fresh install starts clean.
 */
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const spec = path.join(__dirname, 'latest');
const dir = path.join(__dirname, '..', 'node_modules', '.compat-latest');
const lock = JSON.parse(fs.readFileSync(path.join(spec, 'package-lock.json'), 'utf8'));

function installedVersion(location) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, location, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

const stale = Object.entries(lock.packages)
  .filter(([location]) => location.startsWith('node_modules/'))
  .filter(([location, entry]) => installedVersion(location) !== entry.version);

if (stale.length > 0) {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    fs.copyFileSync(path.join(spec, file), path.join(dir, file));
  }
  execSync('npm ci --no-audit --no-fund', { cwd: dir, stdio: 'inherit' });
}
