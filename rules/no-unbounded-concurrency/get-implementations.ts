import ts from "typescript";
import { perProgram } from "../util/analysis-engine.js";
import { isTestFile } from "../util/is-test-file.js";
import { hasBody, isProjectDeclaration } from "../util/project-functions.js";

// Per program: the project's classes by the class or interface they extend or implement. Built on
// the first question, with one pass over the project's files, rather than per call.
const getSubclassIndex = perProgram(buildSubclassIndex);

/**
 * getImplementations returns the bodies of the project's methods that can run for a call of the
 * abstract or interface member `declaration` (`storage.deleteFile(key)` with `storage` typed as an
 * abstract `BaseStorage`): the same-named methods of every project class that extends or
 * implements its class or interface, directly or through other classes. A class in test code (a
 * test double, a fixture subscriber) is not one of them: production code never runs it.
 */
export function getImplementations(program: ts.Program, declaration: ts.Node): ts.FunctionLikeDeclaration[] {
  const container = declaration.parent;
  const name = (declaration as ts.NamedDeclaration).name;
  if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name)) || (!ts.isClassLike(container) && !ts.isInterfaceDeclaration(container))) return [];
  const checker = program.getTypeChecker();
  const symbol = container.name && checker.getSymbolAtLocation(container.name);
  if (!symbol) return [];
  const index = getSubclassIndex(program);
  const found: ts.FunctionLikeDeclaration[] = [];
  const seen = new Set<ts.Symbol>();
  const pending = [symbol];
  while (pending.length > 0) {
    const current = pending.pop() as ts.Symbol;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const subclass of index.get(current) ?? []) {
      const member = subclass.members.find((candidate) => candidate.name !== undefined && getText(candidate.name) === name.text);
      const implementation = member && getFunction(member);
      if (implementation) found.push(implementation);
      const subclassSymbol = subclass.name && checker.getSymbolAtLocation(subclass.name);
      if (subclassSymbol) pending.push(subclassSymbol);
    }
  }
  return found;
}

function getText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

// A method, or a property holding an arrow function.
function getFunction(member: ts.ClassElement): ts.FunctionLikeDeclaration | undefined {
  if (hasBody(member)) return member as ts.FunctionLikeDeclaration;
  if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) {
    return member.initializer;
  }
  return undefined;
}

function buildSubclassIndex(program: ts.Program): Map<ts.Symbol, ts.ClassLikeDeclaration[]> {
  const built = new Map<ts.Symbol, ts.ClassLikeDeclaration[]>();
  const checker = program.getTypeChecker();
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types) {
          let base = checker.getSymbolAtLocation(type.expression);
          if (base && base.flags & ts.SymbolFlags.Alias) base = checker.getAliasedSymbol(base);
          if (base) built.set(base, [...(built.get(base) ?? []), node]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (isProjectDeclaration(program, file) && !isTestFile(program, file)) visit(file);
  }
  return built;
}
