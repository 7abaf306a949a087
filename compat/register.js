/*
 * `node -r ./compat/register.js ...`: resolves aws-cdk-lib, constructs and cdk-nag from
 * node_modules/.compat-latest (see compat/install.js), so that a script (the example app, a benchmark) runs against the newest
 * aws-cdk-lib of the supported range instead of the minimum the project is built with.
 */
const Module = require('module');
const path = require('path');

const MODULES = path.join(__dirname, '..', 'node_modules', '.compat-latest', 'node_modules');
const REDIRECTED = /^(aws-cdk-lib|constructs|cdk-nag)(\/.*)?$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (REDIRECTED.test(request)) {
    return resolve.call(this, path.join(MODULES, request), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};
