import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isPromiseHandedOn } from "./is-promise-handed-on.js";

/** PromiseVariableUses sorts the references to a promise-holding variable that follow its start. */
export interface PromiseVariableUses {
  /** handlers are the references that hand the promise on, and the closures that read the variable. */
  handlers: Set<TSESTree.Node>;
  /** overwrites are the references that assign the variable another value. */
  overwrites: Set<TSESTree.Node>;
  /** identifiers are all the variable's references, for telling a test of the variable itself (`if (p)`). */
  identifiers: Set<TSESTree.Node>;
}

/**
 * getPromiseVariableUses sorts the references to `variable` after `start` (the declarator or
 * assignment statement that stores the promise) into handlers and overwrites. A read inside a closure
 * counts as handing the promise on where the closure is created, since the rule cannot tell when it
 * runs; when the closure may run at any time — a hoisted function declaration, or a closure created
 * before `start` — the answer is undefined and the variable is not judged.
 */
export function getPromiseVariableUses(variable: TSESLint.Scope.Variable, start: TSESTree.Node): PromiseVariableUses | undefined {
  const handlers = new Set<TSESTree.Node>();
  const overwrites = new Set<TSESTree.Node>();
  const identifiers = new Set<TSESTree.Node>(variable.references.map((reference) => reference.identifier));
  for (const reference of variable.references) {
    if (reference.init || !reference.isValueReference) continue;
    const closure = getOutermostClosure(reference.identifier, variable.scope.variableScope.block);
    if (closure?.type === AST_NODE_TYPES.FunctionDeclaration || (closure && closure.range[0] < start.range[1])) return undefined;
    if (closure) handlers.add(closure);
    else if (reference.identifier.range[0] < start.range[1]) continue;
    else if (reference.isWrite() && !reference.isRead()) overwrites.add(reference.identifier);
    else if (isPromiseHandedOn(reference.identifier)) handlers.add(reference.identifier);
  }
  return { handlers, overwrites, identifiers };
}

function getOutermostClosure(identifier: TSESTree.Node, functionBlock: TSESTree.Node): TSESTree.Node | undefined {
  let closure: TSESTree.Node | undefined;
  for (let node = identifier.parent; node && node !== functionBlock; node = node.parent) {
    const isClass = node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
    if (isClass || ASTUtils.isFunction(node)) closure = node;
  }
  return closure;
}
