import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { isAbortSignalType } from "./is-abort-signal-type.js";

// Option names that bound how long a request may wait: `timeout`, `timeoutMs`, `timeoutMS`,
// `requestTimeout`, `commandTimeout`, `headersTimeout`, `statement_timeout`, `deadline`.
const deadlineName = /time-?out|deadline/i;
// Timeouts of something other than the request: connecting, choosing a server, waiting for a
// pooled connection or a lock, keeping an idle connection. A client built with only these
// (`new Pool({ connectionTimeoutMillis, idleTimeoutMillis })`) still waits forever on a query.
const notRequestDeadline = /idle|keep-?alive|connect|selection|lock|wait-?queue|heartbeat|retry|backoff|linger|lookup|dns/i;

/**
 * isDeadlineOptionName tells whether an option of this name bounds how long a call may wait:
 * named for a timeout or a deadline, and not for connecting, server selection, a pool's wait queue,
 * a lock or idle connections, which leave a request that was sent waiting as long as the server lets it.
 */
export function isDeadlineOptionName(name: string): boolean {
  return deadlineName.test(name) && !notRequestDeadline.test(name);
}

/** DeadlineOptions are the properties of an options type through which a call can be given a deadline. */
export interface DeadlineOptions {
  /** signals are the properties named for a signal and typed AbortSignal by shape (`signal`, the AWS SDK's `abortSignal`). */
  signals: readonly string[];
  /** timeouts are the properties named for a request timeout (`timeout`, `requestTimeout`, `timeoutMS`). */
  timeouts: readonly string[];
  /** headers tells whether the type also has `headers`: the init of an HTTP request. */
  headers: boolean;
  /**
   * request tells whether one object of the type is an HTTP request's options (see
   * isRequestOptions) and plain data: a class instance with methods, such as a `Request` in
   * `Request | string | Buffer`, carries a signal without being options anyone passes one in.
   */
  request: boolean;
}

// The options of a child process (node:child_process, execa, tinyexec's `nodeOptions`): a signal and
// a timeout there bound a local program, which waits on the network only if its command does
// (`git push`, not `git add`); whether that command can stall is more than a linter can tell.
const processOption = new Set(["cwd", "stdio", "shell", "killSignal", "nodeOptions", "argv0", "detached", "windowsHide"]);
// `signal`, the AWS SDK's `abortSignal`, execa's `cancelSignal`: the type must still be AbortSignal-shaped.
const signalName = /signal$/i;
const noOptions: DeadlineOptions = { signals: [], timeouts: [], headers: false, request: false };
const cache = new WeakMap<ts.Type, DeadlineOptions>();

/**
 * getDeadlineOptions returns the deadline-carrying properties of an options type (the object
 * members of a union, looked at through their apparent types), memoized per type. Arrays,
 * functions and primitives carry none.
 */
export function getDeadlineOptions(checker: ts.TypeChecker, type: ts.Type): DeadlineOptions {
  const known = cache.get(type);
  if (known !== undefined) return known;
  const signals = new Set<string>();
  const timeouts = new Set<string>();
  let headers = false;
  let request = false;
  for (const part of unionConstituents(type)) {
    if (!(part.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.TypeParameter))) continue;
    if (checker.isArrayType(part) || part.getCallSignatures().length > 0 || isAbortSignalType(part)) continue;
    const own = { signals: [] as string[], timeouts: [] as string[], headers: false, request: false };
    let hasMethods = false;
    let runsProcess = false;
    for (const property of checker.getApparentType(part).getProperties()) {
      const name = property.getName();
      if (property.flags & ts.SymbolFlags.Method) hasMethods = true;
      if (processOption.has(name)) runsProcess = true;
      if (name === "headers") own.headers = true;
      else if (isDeadlineOptionName(name)) own.timeouts.push(name);
      // Only a property named for a signal has its type asked for: options types can have dozens
      // of properties (a query's `where`, `select`, …) whose types are costly to resolve.
      else if (signalName.test(name) && isAbortSignalType(checker.getNonNullableType(checker.getTypeOfSymbol(property)))) own.signals.push(name);
    }
    for (const name of own.signals) signals.add(name);
    for (const name of own.timeouts) timeouts.add(name);
    headers ||= own.headers;
    request ||= !hasMethods && !runsProcess && isRequestOptions(own);
  }
  const found = signals.size === 0 && timeouts.size === 0 && !headers ? noOptions : { signals: [...signals], timeouts: [...timeouts], headers, request };
  cache.set(type, found);
  return found;
}

/**
 * isRequestOptions tells whether deadline options are an HTTP request's: a signal beside a request
 * timeout or `headers` (axios's config, got's and ky's options, node-fetch's RequestInit, the AWS
 * SDK's `{ abortSignal, requestTimeout }`, openai's request options), or a request timeout beside
 * `headers` (Stripe's request options). A signal or a timeout alone is any cancellable wait (a
 * semaphore, a stream pipeline, a database transaction's `{ timeout, maxWait }`), and a child
 * process's options (`cwd`, `stdio`, `killSignal`, …) are never a request's, whatever they carry.
 */
export function isRequestOptions({ signals, timeouts, headers }: Pick<DeadlineOptions, "signals" | "timeouts" | "headers">): boolean {
  return (signals.length > 0 && (timeouts.length > 0 || headers)) || (timeouts.length > 0 && headers);
}

/**
 * isDisablingValue tells whether an option's value switches a timeout off rather than setting
 * one: `0`, `false`, `null`, `undefined`, `Infinity` (axios, pg, ioredis and Node read 0 as "no
 * timeout"; ky reads `false` so).
 */
export function isDisablingValue(value: ts.Expression): boolean {
  if (value.kind === ts.SyntaxKind.FalseKeyword || value.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isNumericLiteral(value)) return Number(value.text.replace(/_/g, "")) === 0;
  return ts.isIdentifier(value) && (value.text === "undefined" || value.text === "Infinity");
}
