import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { perProgram } from "../util/analysis-engine.js";
import { isAbortSignalType } from "../util/is-abort-signal-type.js";
import { isProjectDeclaration, skipOuterExpressions } from "../util/project-functions.js";

/**
 * isInNoSignalBranch tells whether `call` runs only where the code has just found that it has no
 * signal: the `if (!signal)` branch (or the `else` of `if (signal)`, the `signal ? … : …`
 * alternative, `if (signal === undefined)`), where the other branch passes the signal on. The
 * author split off the uncancellable path on purpose; a fixed deadline there would be a new policy,
 * not a dropped signal.
 */
export function isInNoSignalBranch(services: ParserServicesWithTypeInformation, call: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = call, parent = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      if (parent.consequent === child && testsNoSignal(services, parent.test)) return true;
      if (parent.alternate === child && isSignal(services, parent.test)) return true;
    }
    if (parent.type === AST_NODE_TYPES.FunctionDeclaration || parent.type === AST_NODE_TYPES.FunctionExpression || parent.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  }
  return false;
}

// `!signal`, `!options?.signal`, `signal === undefined`, `signal == null`.
function testsNoSignal(services: ParserServicesWithTypeInformation, test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") return isSignal(services, test.argument);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || !["===", "=="].includes(test.operator)) return false;
  const isNothing = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.Identifier && side.name === "undefined") || (side.type === AST_NODE_TYPES.Literal && side.value === null);
  return (isNothing(test.right) && isSignal(services, test.left)) || (isNothing(test.left) && isSignal(services, test.right));
}

function isSignal(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  return isAbortSignalType(services.getTypeAtLocation(node));
}

/**
 * isSignalIgnoredByImplementations tells whether `declaration`, a method the project declares
 * without a body (an interface's, or an abstract class's), is implemented by classes of the
 * project none of which declares the parameter at `index`: its signature takes a signal that
 * every implementation drops, so passing one cancels nothing (the cancellation lives elsewhere,
 * as when a query executor races the call against the signal). False when no implementation is
 * found: a dependency's or an object literal's may read it.
 */
export function isSignalIgnoredByImplementations(program: ts.Program, declaration: ts.Node, index: number): boolean {
  // A class's method without a body is abstract or an overload, whose implementation is the class's own.
  const isAbstract = ts.isMethodDeclaration(declaration) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract) !== 0;
  if (!(ts.isMethodSignature(declaration) || isAbstract) || !declaration.name) return false;
  const owner = declaration.parent;
  if (!(ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) || !owner.name || !isProjectDeclaration(program, declaration)) return false;
  const checker = program.getTypeChecker();
  const ownerSymbol = checker.getSymbolAtLocation(owner.name);
  const name = declaration.name.getText();
  const implementations = (ownerSymbol && implementersOf(program).get(ownerSymbol)) ?? [];
  const isImplementation = (member: ts.ClassElement): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body !== undefined && member.name.getText() === name;
  const methods = implementations.flatMap((implementer) => implementer.members.filter(isImplementation));
  return methods.length > 0 && methods.every((method) => method.parameters.length <= index);
}

// Every class of the program's own files, by the interfaces it implements and the class it extends.
const implementersOf = perProgram((program: ts.Program): Map<ts.Symbol, ts.ClassLikeDeclaration[]> => {
  const checker = program.getTypeChecker();
  const byOwner = new Map<ts.Symbol, ts.ClassLikeDeclaration[]>();
  const add = (symbol: ts.Symbol | undefined, implementer: ts.ClassLikeDeclaration) => {
    if (!symbol) return;
    const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    byOwner.set(resolved, [...(byOwner.get(resolved) ?? []), implementer]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      for (const clause of node.heritageClauses ?? []) for (const type of clause.types) add(checker.getSymbolAtLocation(skipOuterExpressions(type.expression)), node);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (isProjectDeclaration(program, file) && /\b(?:implements|extends)\b/.test(file.text)) visit(file);
  return byOwner;
});
