import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";

// APIs that call a function and ignore what it returns, whatever their typings say: lib.dom types
// setTimeout's handler as `TimerHandler` (string | Function) and @types/node types
// process.nextTick's callback as `Function`, so a type test alone would miss them.
const globalSinks = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask"]);
const methodSinks = new Set([
  "forEach",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "queueMicrotask",
  "nextTick",
  "on",
  "once",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "addEventListener",
]);

/**
 * isVoidReturningCallbackSink tells, by the callee's name alone, whether `call` runs the functions
 * it is given and ignores their return value: array `forEach`, the timers, `queueMicrotask`,
 * `process.nextTick`, EventEmitter `on`/`once`/`addListener`/`prependListener` and DOM
 * `addEventListener`. A promise such a function returns is dropped.
 */
export function isVoidReturningCallbackSink(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(call);
  if (name === undefined) return false;
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  return callee.type === AST_NODE_TYPES.Identifier ? globalSinks.has(name) : methodSinks.has(name);
}
