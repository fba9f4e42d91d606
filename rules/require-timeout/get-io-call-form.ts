import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";
import { getModuleImport } from "../util/get-module-import.js";
import { isGlobalName } from "../util/is-global-name.js";

/** IoCallForm describes a well-known I/O call that waits on a peer: how a deadline is passed to it. */
export interface IoCallForm {
  /** kind names the API family: fetch (also undici), node:http/https requests, net/tls sockets, events.once. */
  kind: "fetch" | "httpRequest" | "socket" | "once";
  /** deadlineOptions are the option names that bound the call (`signal`, and `timeout` for node's). */
  deadlineOptions: readonly string[];
  /** firstOptionIndex is the first argument that may carry them (fetch's Request input may carry a signal). */
  firstOptionIndex: number;
  /** promised is true for calls returning a promise; the others report progress through events. */
  promised: boolean;
}

const fetchForm: IoCallForm = { kind: "fetch", deadlineOptions: ["signal"], firstOptionIndex: 0, promised: true };
const httpRequest: IoCallForm = { kind: "httpRequest", deadlineOptions: ["signal", "timeout"], firstOptionIndex: 0, promised: false };
const socket: IoCallForm = { kind: "socket", deadlineOptions: ["signal", "timeout"], firstOptionIndex: 0, promised: false };
const once: IoCallForm = { kind: "once", deadlineOptions: ["signal"], firstOptionIndex: 2, promised: true };

// Keyed by module (without `node:`) and exported name; the global fetch is keyed "fetch".
const forms = new Map<string, IoCallForm>([
  ["fetch", fetchForm],
  ["undici.fetch", fetchForm],
  ["undici.request", fetchForm],
  ["http.request", httpRequest],
  ["http.get", httpRequest],
  ["https.request", httpRequest],
  ["https.get", httpRequest],
  ["net.connect", socket],
  ["net.createConnection", socket],
  ["tls.connect", socket],
  ["events.once", once],
]);
const names = new Set([...forms.keys()].map((key) => key.slice(key.lastIndexOf(".") + 1)));
const globalObjects = new Set(["globalThis", "window", "self"]);

/**
 * getIoCallForm recognises the global `fetch` (also as `globalThis.fetch`), undici's `fetch` and
 * `request`, node:http/https `request`/`get`, net `connect`/`createConnection`, tls `connect` and
 * events `once` (also `EventEmitter.once`), whether imported by name, as a namespace or as the
 * default export. It decides by import, never by name alone, so a local `get()` or an instance's
 * `emitter.once(…)` is not taken for node's; the cheap name test comes first.
 */
export function getIoCallForm(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): IoCallForm | undefined {
  const name = getCalleeName(call);
  if (name === undefined || !names.has(name)) return undefined;
  let callee: TSESTree.Node = call.callee;
  while (callee.type === AST_NODE_TYPES.TSNonNullExpression) callee = callee.expression;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const imported = getModuleImport(sourceCode, callee);
    if (imported) return forms.get(`${imported.module}.${imported.imported}`);
    return name === "fetch" && isGlobalName(sourceCode, callee, callee.name) ? fetchForm : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = callee.object;
  const imported = getModuleImport(sourceCode, object);
  if (!imported) return name === "fetch" && globalObjects.has(object.name) && isGlobalName(sourceCode, object, object.name) ? fetchForm : undefined;
  const isModuleObject = imported.imported === "*" || imported.imported === "default";
  const isEventEmitter = imported.module === "events" && imported.imported === "EventEmitter";
  return isModuleObject || isEventEmitter ? forms.get(`${imported.module}.${name}`) : undefined;
}
