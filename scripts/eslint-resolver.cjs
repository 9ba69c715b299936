// Import resolver for ESLint (eslint-module-utils' resolver interface, version 2), used by
// eslint-plugin-boundaries to find which folder an import lands in. Edit it only if imports
// stop resolving the way TypeScript resolves them.
//
// Local imports resolve exactly as TypeScript resolves them (tsconfig.json's `paths`, so
// `@/db/client`, and extensionless `.ts`/`.tsx`), by asking the TypeScript compiler itself;
// packages and Node built-ins go to the Node resolver. eslint-import-resolver-typescript would
// do the same but is not installed; this is twenty lines instead of a dependency.
// CommonJS because eslint-module-utils loads resolvers with require().
const path = require('node:path');
const ts = require('typescript');
const nodeResolver = require('eslint-import-resolver-node');

const root = path.resolve(__dirname, '..');
let compilerOptions;
let cache;
/** Prefixes of tsconfig's `paths` (e.g. '@/'): only these and relative paths are local. */
let aliases = [];
/** Packages resolve the same from every file here (one node_modules), so once per name. */
const packages = new Map();

function load() {
  if (compilerOptions) return;
  const file = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(`eslint-resolver: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  compilerOptions = ts.convertCompilerOptionsFromJson(config.compilerOptions ?? {}, root, file).options;
  cache = ts.createModuleResolutionCache(root, (f) => f, compilerOptions);
  aliases = Object.keys(compilerOptions.paths ?? {}).map((key) => key.replace(/\*$/, ''));
}

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file, config) {
  load();
  // Packages skip TypeScript's lookup: it walks node_modules and @types for nothing we need.
  const local = source.startsWith('.') || path.isAbsolute(source) || aliases.some((a) => source.startsWith(a));
  if (!local) {
    if (!packages.has(source)) packages.set(source, nodeResolver.resolve(source, file, config));
    return packages.get(source);
  }
  const { resolvedModule } = ts.resolveModuleName(source, file, compilerOptions, ts.sys, cache);
  if (resolvedModule && !resolvedModule.isExternalLibraryImport) return { found: true, path: resolvedModule.resolvedFileName };
  return nodeResolver.resolve(source, file, config);
};
