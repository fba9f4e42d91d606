import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { isAbortSignalType } from "../util/is-abort-signal-type.js";

/** AbortSignalParameter is where a signature takes its AbortSignal. */
export interface AbortSignalParameter {
  /** index is the parameter's position. */
  index: number;
  /** kind is "signal" for a parameter typed AbortSignal, "options" for an object with a `signal` property. */
  kind: "signal" | "options";
  /**
   * deadlineOptions are, for "options", the properties of the options type that bound the call:
   * `signal`, and any named for a timeout or deadline (`timeout`, `requestTimeout`, `deadline`).
   */
  deadlineOptions?: readonly string[];
}

const deadlineName = /timeout|deadline/i;

/**
 * getAbortSignalParameters returns every parameter of `signature` through which a caller can pass
 * an AbortSignal, in order: one typed AbortSignal, or an options object with a `signal` property
 * typed AbortSignal (a `fetch`-like `(input: RequestInfo, init?: RequestInit)` has two: a Request
 * carries its own signal). Empty when the signature takes none, which is the cheap common answer;
 * a rest parameter ends the search.
 */
export function getAbortSignalParameters(checker: ts.TypeChecker, signature: ts.Signature): AbortSignalParameter[] {
  const found: AbortSignalParameter[] = [];
  for (const [index, parameter] of signature.getParameters().entries()) {
    const declaration = parameter.valueDeclaration;
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) break;
    const type = checker.getTypeOfSymbol(parameter);
    if (isAbortSignalType(type)) found.push({ index, kind: "signal" });
    else {
      const options = unionConstituents(type).filter((part) => hasSignalProperty(checker, part));
      if (options.length > 0) found.push({ index, kind: "options", deadlineOptions: getDeadlineOptions(checker, options) });
    }
  }
  return found;
}

function hasSignalProperty(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.TypeParameter))) return false;
  const signal = checker.getApparentType(type).getProperty("signal");
  return signal !== undefined && isAbortSignalType(checker.getTypeOfSymbol(signal));
}

function getDeadlineOptions(checker: ts.TypeChecker, types: readonly ts.Type[]): string[] {
  const names = new Set(["signal"]);
  for (const type of types) {
    for (const property of checker.getApparentType(type).getProperties()) {
      if (deadlineName.test(property.getName())) names.add(property.getName());
    }
  }
  return [...names];
}
