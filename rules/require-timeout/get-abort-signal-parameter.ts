import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { isAbortSignalType } from "./is-abort-signal-type.js";

/** AbortSignalParameter is where a signature takes its AbortSignal. */
export interface AbortSignalParameter {
  /** index is the parameter's position. */
  index: number;
  /** kind is "signal" for a parameter typed AbortSignal, "options" for an object with a `signal` property. */
  kind: "signal" | "options";
}

/**
 * getAbortSignalParameter returns the first parameter of `signature` through which a caller can
 * pass an AbortSignal: one typed AbortSignal, or an options object with a `signal` property typed
 * AbortSignal. Undefined when the signature takes none, which is the cheap common answer.
 */
export function getAbortSignalParameter(checker: ts.TypeChecker, signature: ts.Signature): AbortSignalParameter | undefined {
  for (const [index, parameter] of signature.getParameters().entries()) {
    const declaration = parameter.valueDeclaration;
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) return undefined;
    const type = checker.getTypeOfSymbol(parameter);
    if (isAbortSignalType(type)) return { index, kind: "signal" };
    if (unionConstituents(type).some((part) => hasSignalProperty(checker, part))) return { index, kind: "options" };
  }
  return undefined;
}

function hasSignalProperty(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.TypeParameter))) return false;
  const signal = checker.getApparentType(type).getProperty("signal");
  return signal !== undefined && isAbortSignalType(checker.getTypeOfSymbol(signal));
}
