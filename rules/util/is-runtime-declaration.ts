import { dirname } from "node:path";
import ts from "typescript";
import { runtimeModule } from "./runtime.js";

// The folder the runtime resolves to, per program and per importing folder (node_modules
// lookup depends on it). Keyed by program, so nothing outlives the program or crosses threads.
const runtimeFolders = new WeakMap<ts.Program, Map<string, string | null>>();

/**
 * getRuntimeFolder returns the folder (with a trailing `/`) that `import … from "@corral/runtime"`
 * resolves to from `importingFile` in `program`, or null where it does not resolve.
 */
export function getRuntimeFolder(program: ts.Program, importingFile: string): string | null {
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

/**
 * isRuntimeDeclaration tells whether `declaration` belongs to @corral/runtime as `importingFile`
 * imports it: its file lies in the folder `import … from "@corral/runtime"` resolves to. The
 * runtime is recognised by where it is imported from, not by where it lives, so it is the same
 * installed under node_modules, linked (npm link, a workspace) or mapped through `paths`.
 */
export function isRuntimeDeclaration(program: ts.Program, declaration: ts.Node, importingFile: string): boolean {
  const runtimeFolder = getRuntimeFolder(program, importingFile);
  return runtimeFolder !== null && declaration.getSourceFile().fileName.startsWith(runtimeFolder);
}

/** isRuntimeFile tells whether `file` is part of @corral/runtime itself, as seen from `file`. */
export function isRuntimeFile(program: ts.Program, file: string): boolean {
  const runtimeFolder = getRuntimeFolder(program, file);
  return runtimeFolder !== null && file.startsWith(runtimeFolder);
}
