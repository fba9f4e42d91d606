import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { childNodes } from "../util/child-nodes.js";
import { isGlobalName } from "../util/is-global-name.js";

/** ErrorOwnerInput is what the owner lookups need of the rule's run. */
export interface ErrorOwnerInput {
  sourceCode: TSESLint.SourceCode;
  services: ParserServicesWithTypeInformation;
}

/**
 * getExecutorReject returns the name of the `reject` of the nearest enclosing `new Promise`
 * executor, where that name still means the executor's parameter at `node`: the local channel a
 * failure there belongs to (the promise's owner waits for it), and where `x.catch(reject)` sends it.
 * Undefined where there is no executor, it takes no second parameter, or the name is shadowed.
 */
export function getExecutorReject(input: ErrorOwnerInput, node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!ASTUtils.isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.NewExpression || call.arguments[0] !== current || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== "Promise") continue;
    // The global Promise: a binding the file declares or imports would be some other class.
    if (!isGlobalName(input.sourceCode, call, "Promise")) return undefined;
    const reject = current.params[1];
    if (reject?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(input.sourceCode.getScope(node), reject.name);
    return variable?.defs.some((definition) => definition.name === reject) ? reject.name : undefined;
  }
  return undefined;
}

/**
 * catchPassesTo tells whether the `catch` of `statement` hands what it caught to `reject`
 * (`catch (error) { reject(error); }`): then `.catch(reject)` sends a rejection where that catch
 * sends a throw, and the two agree on the owner.
 */
export function catchPassesTo(statement: TSESTree.TryStatement, reject: string): boolean {
  const handler = statement.handler;
  if (handler?.param?.type !== AST_NODE_TYPES.Identifier) return false;
  const caught = handler.param.name;
  let found = false;
  const visit = (current: TSESTree.Node): void => {
    if (found) return;
    if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.Identifier &&
      current.callee.name === reject &&
      current.arguments[0]?.type === AST_NODE_TYPES.Identifier &&
      current.arguments[0].name === caught
    ) {
      found = true;
      return;
    }
    if (!ASTUtils.isFunction(current)) for (const child of childNodes(current)) visit(child);
  };
  visit(handler.body);
  return found;
}

function lineOf(node: TSESTree.Node): number {
  return node.loc.start.line;
}

/** getEnclosingTry returns the `try` (in the same function) whose `catch` sees a throw at `node`, but not a rejection. */
export function getEnclosingTry(node: TSESTree.Node): TSESTree.TryStatement | undefined {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    if (ASTUtils.isFunction(current) && current !== node) return undefined;
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current && parent.handler) return parent;
  }
  return undefined;
}

function enclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (ASTUtils.isFunction(current)) return current;
  return undefined;
}

const callbackNames = /^(?:cb|callback|done|next|callBack)$/;
const errorParameterNames = /^(?:err|error)$/i;

// A parameter whose type is a Node-style callback: `(err, …) => void`, or named like one (`done`).
function isErrorCallbackParameter(input: ErrorOwnerInput, parameter: TSESTree.Identifier): boolean {
  if (callbackNames.test(parameter.name)) return true;
  const checker = input.services.program.getTypeChecker();
  const type = checker.getTypeAtLocation(input.services.esTreeNodeToTSNodeMap.get(parameter));
  return type.getCallSignatures().some((signature) => {
    const [first] = signature.getParameters();
    return first !== undefined && errorParameterNames.test(first.name);
  });
}

function getErrorCallback(input: ErrorOwnerInput, node: TSESTree.Node): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const parameter of fn.params) {
      if (parameter.type === AST_NODE_TYPES.Identifier && isErrorCallbackParameter(input, parameter)) {
        const variable = ASTUtils.findVariable(input.sourceCode.getScope(node), parameter.name);
        if (variable?.defs.some((definition) => definition.name === parameter)) return parameter.name;
      }
    }
  }
  return undefined;
}

// `emitter.emit("error", …)` anywhere in the enclosing function: the function reports failures as events.
function getErrorEmit(input: ErrorOwnerInput, node: TSESTree.Node): string | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  let found: string | undefined;
  const visit = (current: TSESTree.Node): void => {
    if (found !== undefined) return;
    if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.MemberExpression &&
      current.callee.property.type === AST_NODE_TYPES.Identifier &&
      current.callee.property.name === "emit" &&
      current.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      current.arguments[0].value === "error"
    ) {
      found = input.sourceCode.getText(current.callee.object);
      return;
    }
    for (const child of childNodes(current)) visit(child);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/**
 * getOwnErrorChannel says why `go` is the wrong owner inside a class that reports its failures
 * itself (it has an `emit` method, an EventEmitter's 'error' event): `go` would hand the failure
 * to the default supervisor where the class's users listen for it.
 */
function getClassErrorChannel(input: ErrorOwnerInput, node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    const tsClass = input.services.esTreeNodeToTSNodeMap.get(current.parent) as ts.ClassLikeDeclaration;
    const checker = input.services.program.getTypeChecker();
    const symbol = tsClass.name ? checker.getSymbolAtLocation(tsClass.name) : undefined;
    const instance = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
    if (instance?.getProperty("emit")) {
      return "the enclosing class has an error channel of its own (it emits events, such as 'error'): `go` would hand the failure to the default supervisor instead of to the class's listeners; report it there, for instance `.catch((error) => this.emit(\"error\", error))`";
    }
    return undefined;
  }
  return undefined;
}

function isEmptyBlock(sourceCode: TSESLint.SourceCode, block: TSESTree.BlockStatement): boolean {
  return block.body.length === 0 || sourceCode.getText(block).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "").replace(/[{}\s;]/g, "") === "";
}

/**
 * getLocalErrorOwner says why a dropped promise at `node` belongs to an error channel of the code
 * around it, which a person routes it to (the codemod's `go` would take it further away): an
 * enclosing `try`/`catch` that a rejection escapes (`await` would let the catch handle it), a
 * Node-style callback of an enclosing function (`done(err)`), an `'error'` event the function
 * emits, or a class that emits events. `callback` is true for a function handed to a listener or
 * timer, which runs after any enclosing `try` has ended.
 */
export function getLocalErrorOwner(input: ErrorOwnerInput, node: TSESTree.Node, callback = false): string | undefined {
  const { sourceCode } = input;
  const enclosingTry = callback ? undefined : getEnclosingTry(node);
  if (enclosingTry?.handler) {
    const line = lineOf(enclosingTry);
    if (isEmptyBlock(sourceCode, enclosingTry.handler.body)) {
      return `the \`try\` on line ${line} catches only a synchronous throw of this call, and its empty \`catch\` says a failure here is expected and ignored: the rejection escapes it all the same; decide whether to ignore it too (\`.catch(() => {})\`) or to report it`;
    }
    const inAsync = enclosingFunction(node)?.async === true;
    return `the \`try\` on line ${line} catches only a synchronous throw of this call, and its rejection escapes it: ${inAsync ? "`await` it so that the `catch` handles it (the code after it then waits for it), or " : ""}pass the rejection to the same handling with \`.catch(…)\`; \`go\` would take it further from that \`catch\``;
  }
  const callbackName = getErrorCallback(input, node);
  if (callbackName !== undefined) {
    return `\`${callbackName}\`, the callback of an enclosing function, is where its failures go: pass the rejection to it (\`.catch((error) => ${callbackName}(error))\`) if nothing else calls it for this work, or handle it here`;
  }
  const emitter = getErrorEmit(input, node);
  if (emitter !== undefined) {
    return `the function reports its failures as \`${emitter}.emit("error", …)\`: send this one there too (\`.catch((error) => ${emitter}.emit("error", error))\`) rather than to \`go\``;
  }
  return getClassErrorChannel(input, node);
}
