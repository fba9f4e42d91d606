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
 * deadline fit a call that moves a stream (`pipeline(upload, file)`), or one whose result hands back a
 * Node stream still being received (an object download: S3's `GetObject` resolves with its `Body`
 * streaming, and the signal keeps governing that body): it lasts as long as its data takes, so any
 * fixed bound cuts off a large or slow transfer. The same holds for a request whose `body` may be a
 * stream (an upload fed as fast as its source produces). A web `Response` is not counted: fetch's
 * callers mostly read a small body whole, and a deadline on the call is what they want. (Tests are
 * the rule's to leave out, by its `checkTests` option: where it reports one, a deadline is wanted.)
 */
export function getDeadlineConflict(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): string | undefined {
  const streamedBody = call.arguments.some((argument) => hasStreamBody(services, argument));
  if (streamedBody) {
    return "the request's `body` may be a stream, so the upload lasts as long as its source produces data: a fixed deadline would cut off a long or slow one; pass the caller's signal, bound the stream's idle time, or choose a deadline for this transfer by hand";
  }
  const stream = call.arguments.find((argument) => isStream(services, argument));
  if (stream) {
    const text = services.esTreeNodeToTSNodeMap.get(stream).getText();
    const name = text.length <= 40 && !text.includes("\n") ? `\`${text}\`` : "a stream";
    return `the call moves a stream (${name}), so it lasts as long as its data takes: a fixed deadline would cut off a large or slow transfer; pass the caller's signal, bound the stream's idle time, or choose a deadline for this transfer by hand`;
  }
  const streamed = getStreamedResult(services, call);
  if (streamed) {
    return `the call's result hands back a stream still being received (${streamed}), which its signal keeps governing: a fixed deadline would cut off a large or slow download; pass the caller's signal, bound the stream's idle time, or choose a deadline for this transfer by hand`;
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

// An options object whose `body` may be a Node stream, a web ReadableStream or an async iterable of
// chunks (Node's and the DOM's `BodyInit` include one).
function hasStreamBody(services: ParserServicesWithTypeInformation, argument: TSESTree.CallExpressionArgument): boolean {
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const body = argument.properties.find(
    (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === "body",
  );
  if (!body) return false;
  const type = services.getTypeAtLocation(body.value);
  const isAsyncIterable = (part: ts.Type) => part.getProperties().some((property) => String(property.escapedName).startsWith("__@asyncIterator"));
  return (type.isUnion() ? type.types : [type]).some((part) => part.getProperty("getReader") !== undefined || part.getProperty("pipeTo") !== undefined || isNodeReadable(part) || isAsyncIterable(part));
}

// A Node Readable (it pipes and emits), in any member of a union.
function isNodeReadable(type: ts.Type): boolean {
  return (type.isUnion() ? type.types : [type]).some((part) => part.getProperty("pipe") !== undefined && part.getProperty("on") !== undefined && part.getProperty("read") !== undefined);
}

// The `Body`/`body` of the call's awaited result, when it is a Node stream and neither it nor the
// result offers to read it whole (`json()`, `text()`: a fetch-style response, mostly a small body
// read at once, where a deadline on the call is what its callers want). A result that is itself a
// stream (a socket) is the rule's socket messages' business.
function getStreamedResult(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): string | undefined {
  const checker = services.program.getTypeChecker();
  const node = services.esTreeNodeToTSNodeMap.get(call);
  const type = checker.getNonNullableType(checker.getAwaitedType(checker.getTypeAtLocation(node)) ?? checker.getTypeAtLocation(node));
  const readsWhole = (candidate: ts.Type) => (candidate.isUnion() ? candidate.types : [candidate]).some((part) => part.getProperty("json") !== undefined || part.getProperty("text") !== undefined);
  if (readsWhole(type)) return undefined;
  for (const name of ["Body", "body"]) {
    const property = type.getProperty(name);
    const body = property && checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, node));
    // Some of its forms may be read whole (a Blob's `text()` where DOM typings are loaded); its Node
    // stream form is the one a server gets.
    const parts = body ? (body.isUnion() ? body.types : [body]) : [];
    if (parts.some((part) => isNodeReadable(part) && !readsWhole(part))) return `its \`${name}\``;
  }
  return undefined;
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
