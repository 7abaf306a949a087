#!/usr/bin/env node
/*
 * Installs compat/latest (the newest aws-cdk-lib of the supported range, and cdk-nag) from its own
 * lock file, unless every package the lock file names is already installed at its version.
 */
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, 'latest');
const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));

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
  execSync('npm ci --no-audit --no-fund', { cwd: dir, stdio: 'inherit' });
}
