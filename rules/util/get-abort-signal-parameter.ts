import ts from "typescript";
import { getDeadlineOptions } from "./deadline-options.js";
import { isAbortSignalType } from "./is-abort-signal-type.js";

/** AbortSignalParameter is where a signature takes a deadline: an AbortSignal, or options that carry one. */
export interface AbortSignalParameter {
  /** index is the parameter's position. */
  index: number;
  /** kind is "signal" for a parameter typed AbortSignal, "options" for an object with deadline options. */
  kind: "signal" | "options";
  /**
   * deadlineOptions are, for "options", the properties of the options type that bound the call:
   * those typed AbortSignal (`signal`, `abortSignal`) and those named for a request timeout
   * (`timeout`, `requestTimeout`, `timeoutMS`, `headersTimeout`).
   */
  deadlineOptions?: readonly string[];
  /**
   * signalOption is, for "options", the property a suggestion writes the signal into (`signal`, or
   * the AWS SDK's `abortSignal`); undefined where the options take a timeout but no signal
   * (Stripe's request options), which no signal suggestion fits.
   */
  signalOption?: string;
  /**
   * isRequest tells, for "options", whether they are an HTTP request's (see isRequestOptions),
   * which the recommended options check in dependencies too.
   */
  isRequest?: boolean;
}

/**
 * getAbortSignalParameters returns every parameter of `signature` through which a caller can pass
 * a deadline, in order: one typed AbortSignal (by structure: axios's `GenericAbortSignal` too), or
 * an options object with a property typed AbortSignal (whatever its name) or named for a request
 * timeout (a `fetch`-like `(input: RequestInfo, init?: RequestInit)` has two: a Request carries
 * its own signal). Empty when the signature takes none, which is the cheap common answer; a rest
 * parameter ends the search.
 */
export function getAbortSignalParameters(checker: ts.TypeChecker, signature: ts.Signature): AbortSignalParameter[] {
  const found: AbortSignalParameter[] = [];
  for (const [index, parameter] of signature.getParameters().entries()) {
    const declaration = parameter.valueDeclaration;
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) break;
    const type = checker.getTypeOfSymbol(parameter);
    if (isAbortSignalType(type)) {
      found.push({ index, kind: "signal" });
      continue;
    }
    const { signals, timeouts, request } = getDeadlineOptions(checker, type);
    if (signals.length === 0 && timeouts.length === 0) continue;
    const signalOption = signals.includes("signal") ? "signal" : signals[0];
    found.push({ index, kind: "options", deadlineOptions: [...signals, ...timeouts], signalOption, isRequest: request });
  }
  return found;
}
