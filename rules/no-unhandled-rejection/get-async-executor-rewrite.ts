import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

type Executor = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/**
 * getAsyncExecutorRewrite returns the text of a synchronous executor that runs the async body and
 * routes its failure to `reject`: `async (resolve) => { … }` becomes
 * `(resolve, reject) => { (async () => { … })().catch(reject); }`. The body keeps its `this` and
 * `arguments`, since the inner arrow borrows them from the executor. Undefined when the parameters
 * are not one or two plain names, the executor is a generator or carries type parameters or a
 * return type, or the body already uses an outer `reject` that a new parameter would hide.
 */
export function getAsyncExecutorRewrite(sourceCode: Readonly<TSESLint.SourceCode>, executor: Executor): string | undefined {
  const { params } = executor;
  if (params.length === 0 || params.length > 2 || executor.generator) return undefined;
  if (executor.typeParameters || executor.returnType) return undefined;
  if (!params.every((parameter) => parameter.type === AST_NODE_TYPES.Identifier)) return undefined;
  const reject = params[1] as TSESTree.Identifier | undefined;
  if ((params[0] as TSESTree.Identifier).name === "reject") return undefined;
  if (!reject && sourceCode.scopeManager?.acquire(executor)?.through.some((reference) => reference.identifier.name === "reject")) {
    return undefined;
  }
  const parameters = `${params.map((parameter) => sourceCode.getText(parameter)).join(", ")}${reject ? "" : ", reject"}`;
  const bodyText = sourceCode.getText(executor.body);
  const wrapped = executor.body.type === AST_NODE_TYPES.ObjectExpression || executor.body.type === AST_NODE_TYPES.SequenceExpression;
  const body = `{ (async () => ${wrapped ? `(${bodyText})` : bodyText})().catch(${reject?.name ?? "reject"}); }`;
  if (executor.type === AST_NODE_TYPES.ArrowFunctionExpression) return `(${parameters}) => ${body}`;
  return `function ${executor.id ? executor.id.name : ""}(${parameters}) ${body}`;
}
