// Which identifiers name the same variable, through ast-types' scopes. Those scopes put `let` and
// `const` in the enclosing function, so two block-scoped variables of one name look like one
// variable declared twice: the transforms then find two declarations and leave the site manual.
import type { ASTPath, JSCodeshift } from "jscodeshift";
import type { Node } from "./template.js";

/** Scope is the part of ast-types' scope the transforms use. */
export interface Scope {
  isGlobal: boolean;
  node: Node;
  path: ASTPath;
  lookup(name: string): Scope | null;
  getBindings(): Record<string, ASTPath[] | undefined>;
}

/** scopeOf returns the scope ast-types computed for `path`. */
export function scopeOf(path: ASTPath): Scope | null {
  return (path as unknown as { scope: Scope | null }).scope;
}

// Identifiers that name no binding: property keys, member names, import/export aliases and labels.
const nonBindingFields: Readonly<Record<string, readonly string[]>> = {
  MemberExpression: ["property"],
  OptionalMemberExpression: ["property"],
  ObjectProperty: ["key"],
  ObjectMethod: ["key"],
  ClassProperty: ["key"],
  ClassMethod: ["key"],
  ClassAccessorProperty: ["key"],
  TSPropertySignature: ["key"],
  TSMethodSignature: ["key"],
  TSEnumMember: ["id"],
  TSQualifiedName: ["right"],
  ImportSpecifier: ["imported"],
  ExportSpecifier: ["exported"],
  LabeledStatement: ["label"],
  BreakStatement: ["label"],
  ContinueStatement: ["label"],
};

/** isBindingOrReference tells whether the identifier at `path` names a variable (declares or reads it). */
export function isBindingOrReference(path: ASTPath): boolean {
  const parent = path.parent?.node as (Node & { computed?: boolean; shorthand?: boolean }) | undefined;
  if (!parent) return true;
  const fields = nonBindingFields[parent.type];
  if (!fields?.includes(String(path.name))) return true;
  return parent.computed === true || parent.shorthand === true;
}

/** Variable is a variable's declaration and every other identifier that refers to it. */
export interface Variable {
  name: string;
  scope: Scope;
  declaration: ASTPath;
  references: ASTPath[];
}

/**
 * findVariable returns the variable `identifier` refers to, when it has exactly one declaration;
 * undefined for a global, or a name declared more than once in its function.
 */
export function findVariable(j: JSCodeshift, identifier: ASTPath): Variable | undefined {
  const name = (identifier.node as { name: string }).name;
  const scope = scopeOf(identifier)?.lookup(name);
  const declarations = scope?.getBindings()[name] ?? [];
  const declaration = declarations[0];
  if (!scope || !declaration || declarations.length !== 1) return undefined;
  const references: ASTPath[] = [];
  j(scope.path)
    .find(j.Identifier, { name })
    .forEach((candidate) => {
      const path = candidate as unknown as ASTPath;
      if (path.node === declaration.node || !isBindingOrReference(path)) return;
      if (scopeOf(path)?.lookup(name) === scope) references.push(path);
    });
  return { name, scope, declaration, references };
}

/** isWrite tells whether the reference at `path` assigns its variable (`x = …`, `x++`, `for (x of …)`). */
export function isWrite(path: ASTPath): boolean {
  const parent = path.parent?.node as Node & { left?: Node; argument?: Node };
  if (parent.type === "AssignmentExpression" || parent.type === "ForOfStatement" || parent.type === "ForInStatement") return parent.left === path.node;
  return parent.type === "UpdateExpression" && parent.argument === path.node;
}
