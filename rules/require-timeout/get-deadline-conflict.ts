import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

// Option and variable names that carry a deadline of their own: `timeout`, `timeoutMs`,
// `requestTimeout`, `deadline`, `ttl`-like bounds are too loose to count (a cache entry's life).
const deadlineName = /time-?out|deadline/i;
// What a function body does to arm a timer of its own, or to have what it calls arm one: a
// `timeout:` option it passes on may be switched off by the signal it also passes on.
const armsTimer = /\bsetTimeout\s*\(|\bAbortSignal\.timeout\s*\(|\btimeoutSignal\s*\(|\bwithTimeout\s*\(|\bwithDeadline\s*\(|\b\w*(?:[Tt]imeout|[Dd]eadline)\w*\s*:/;

/**
 * getDeadlineConflict says why adding a signal to `call` could override a deadline it already has,
 * or undefined: the call passes an option or argument named for a timeout (`{ timeout: 60_000 }`,
 * `timeoutMs`), or the function it calls is the project's own and arms a timer itself (a wrapper
 * that sets its own, configurable deadline only when no signal is given). Passing a signal there
 * would switch that deadline off, so a 60 s bound could become the inserted 30 s. Nor does a fixed
 * deadline fit a call that moves a stream (`pipeline(upload, file)`): it lasts as long as its data
 * takes, so any fixed bound cuts off a large or slow transfer. (Tests are the rule's to leave out, by
 * its `checkTests` option: where it reports one, a deadline is wanted.)
 */
export function getDeadlineConflict(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): string | undefined {
  const stream = call.arguments.find((argument) => isStream(services, argument));
  if (stream) {
    const text = services.esTreeNodeToTSNodeMap.get(stream).getText();
    const name = text.length <= 40 && !text.includes("\n") ? `\`${text}\`` : "a stream";
    return `the call moves a stream (${name}), so it lasts as long as its data takes: a fixed deadline would cut off a large or slow transfer; pass the caller's signal, bound the stream's idle time, or choose a deadline for this transfer by hand`;
  }
  const option = call.arguments.map(getDeadlineOption).find((name) => name !== undefined);
  if (option) {
    return `the call already passes \`${option}\`, a deadline of its own: a signal could replace it (a wrapper that arms its timer only without a signal would then use the inserted bound instead); decide which deadline applies by hand`;
  }
  const declaration = services.program.getTypeChecker().getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call))?.declaration;
  if (!declaration || ts.isJSDocSignature(declaration)) return undefined;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || services.program.isSourceFileDefaultLibrary(file)) return undefined;
  const body = "body" in declaration ? (declaration.body as ts.Node | undefined) : undefined;
  if (!body || !armsTimer.test(body.getText(file))) return undefined;
  const name = declaration.name && ts.isIdentifier(declaration.name) ? declaration.name.text : "the function it calls";
  return `\`${name}\` arms a timer of its own (its body sets a timer or passes a \`timeout\` on), which a signal may replace or switch off: adding \`AbortSignal.timeout\` could override a deadline the project chose; decide which deadline applies by hand`;
}

// A Node stream (Readable, Writable, Duplex) or a web stream: what it moves decides how long it takes.
function isStream(services: ParserServicesWithTypeInformation, argument: TSESTree.CallExpressionArgument): boolean {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const type = services.getTypeAtLocation(argument);
  const has = (name: string) => type.getProperty(name) !== undefined;
  return (has("pipe") && has("on")) || (has("write") && has("end") && has("on")) || has("pipeTo") || has("getWriter");
}

function getDeadlineOption(argument: TSESTree.CallExpressionArgument): string | undefined {
  if (argument.type === AST_NODE_TYPES.Identifier && deadlineName.test(argument.name)) return argument.name;
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of argument.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : "";
    if (deadlineName.test(key)) return key;
  }
  return undefined;
}
