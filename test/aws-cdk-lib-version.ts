import * as fs from 'fs';
import * as path from 'path';

/**
 * The aws-cdk-lib (and constructs) this test run uses: jest runs the suite against both ends of
 * the supported range (see .projenrc.ts), and tests that name a version, or type-check code
 * against aws-cdk-lib, read it here.
 */
export const AWS_CDK_LIB_DIR = path.dirname(require.resolve('aws-cdk-lib/package.json'));
export const CONSTRUCTS_DIR = path.dirname(require.resolve('constructs/package.json'));
export const AWS_CDK_LIB_VERSION: string = JSON.parse(fs.readFileSync(path.join(AWS_CDK_LIB_DIR, 'package.json'), 'utf8')).version;
