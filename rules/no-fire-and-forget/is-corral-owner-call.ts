import { dirname } from "node:path";
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { getCalleeName } from "../util/get-callee-name.js";
import { runtimeModule, runtimeOwnerNames } from "../util/runtime.js";

// The folder the runtime resolves to, per program and per importing folder (node_modules
// lookup depends on it). Keyed by program, so nothing outlives the program or crosses threads.
const runtimeFolders = new WeakMap<ts.Program, Map<string, string | null>>();

/**
 * isCorralOwnerCall tells whether `call` hands work to an owner from @corral/runtime: `go(…)`,
 * `group.go(…)`, `supervisor.go(…)`, `tryGo`, `map`/`mapSettled`, `pool.submit`. Where the type
 * checker knows the callee's declaration, it decides by that declaration's file lying in the
 * folder @corral/runtime resolves to, so a local function named `go` is not an owner; where it
 * does not (an unresolved import, an untyped receiver), it decides by name.
 */
export function isCorralOwnerCall(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const name = getCalleeName(call);
  if (name === undefined || !runtimeOwnerNames.has(name) || call.type !== AST_NODE_TYPES.CallExpression) return false;
  const checker = services.program.getTypeChecker();
  const calleeNode = services.esTreeNodeToTSNodeMap.get(call.callee);
  const nameNode = ts.isPropertyAccessExpression(calleeNode)
    ? calleeNode.name
    : ts.isElementAccessExpression(calleeNode)
      ? calleeNode.argumentExpression
      : calleeNode;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length === 0) return true;
  const runtimeFolder = getRuntimeFolder(services.program, calleeNode.getSourceFile().fileName);
  return runtimeFolder !== null && declarations.some((declaration) => declaration.getSourceFile().fileName.startsWith(runtimeFolder));
}

function getRuntimeFolder(program: ts.Program, importingFile: string): string | null {
  let byFolder = runtimeFolders.get(program);
  if (byFolder === undefined) {
    byFolder = new Map();
    runtimeFolders.set(program, byFolder);
  }
  const importingFolder = dirname(importingFile);
  let folder = byFolder.get(importingFolder);
  if (folder === undefined) {
    const resolved = ts.resolveModuleName(runtimeModule, importingFile, program.getCompilerOptions(), ts.sys);
    folder = resolved.resolvedModule ? `${dirname(resolved.resolvedModule.resolvedFileName)}/` : null;
    byFolder.set(importingFolder, folder);
  }
  return folder;
}
