import * as fs from 'fs';
import * as path from 'path';
import { CODES } from './codes';

/**
 * An entry point of cdk-stepwise needs packages that are optional dependencies of the library and
 * are not installed (`npm i --omit=optional` skips them, and so does npm when a package's
 * `engines` do not match the running Node.js). Code SW090.
 */
export class MissingDependencyError extends Error {
  /** `SW090`. */
  public readonly code = CODES.SW090;
  /** The entry point that needs them, e.g. `cdk-stepwise/testing`. */
  public readonly entryPoint: string;
  /** The packages that are missing. */
  public readonly packages: string[];
  /** The command that installs them. */
  public readonly installCommand: string;

  constructor(entryPoint: string, packages: string[], installCommand: string) {
    super(`[SW090] ${entryPoint} needs ${packages.join(' and ')}, optional dependencies of cdk-stepwise that are not installed `
      + '(`npm install --omit=optional` leaves them out). Fix: install them in the project that imports it: '
      + `${installCommand}`);
    this.name = 'MissingDependencyError';
    this.entryPoint = entryPoint;
    this.packages = packages;
    this.installCommand = installCommand;
  }
}

/**
 * Throws `MissingDependencyError` naming every package of `packages` that cannot be resolved from
 * here, with the versions cdk-stepwise declares for them. Called first thing by the Node-only
 * entry points, before anything imports the packages.
 *
 * @param entryPoint e.g. `cdk-stepwise/runtime`
 * @param packages the optional dependencies the entry point loads
 */
export function requireOptionalDependencies(entryPoint: string, packages: string[]): void {
  const missing = packages.filter((name) => !resolvable(name));
  if (missing.length === 0) {
    return;
  }
  const declared = declaredRanges();
  const specs = missing.map((name) => declared[name] ? `${name}@'${declared[name]}'` : name);
  throw new MissingDependencyError(entryPoint, missing, `npm install ${specs.join(' ')}`);
}

function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The version ranges of cdk-stepwise's optional dependencies, from its package.json. */
function declaredRanges(): Record<string, string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return manifest.optionalDependencies ?? {};
  } catch {
    return {};
  }
}
