// node:module in the playground's bundle: the two functions eslint-plugin-corral calls.
// `createRequire` only serves the plugin's own package.json (its name and version, for `meta`).
import pluginPackage from "../../../rules/package.json" with { type: "json" };

// The list is Node's own (module.builtinModules), taken by the build that bundles this file.
declare const CORRAL_NODE_BUILTINS: readonly string[];
const builtins = new Set(CORRAL_NODE_BUILTINS);

/** isBuiltin tells whether `specifier` names one of Node's own modules, as node:module's does. */
export function isBuiltin(specifier: string): boolean {
  return builtins.has(specifier) || builtins.has(specifier.replace(/^node:/, ""));
}

/** createRequire returns a require that knows only eslint-plugin-corral's package.json. */
export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id) => {
    if (id === "eslint-plugin-corral/package.json") return pluginPackage;
    throw new Error(`require(${JSON.stringify(id)}) is not available in the playground`);
  };
}

export default { isBuiltin, createRequire };
