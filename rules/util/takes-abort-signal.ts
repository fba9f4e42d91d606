import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { isAbortSignalType } from "./is-abort-signal-type.js";

/**
 * takesAbortSignal tells whether `signature` lets its caller cancel it: a parameter typed
 * AbortSignal, or an options object with a property typed AbortSignal whatever its name
 * (`signal`, the AWS SDK's `abortSignal`), directly or one object deeper (`fetchOptions: { signal }`).
 * APIs that wait on a peer take one; a database client's pooled query or a Redis command does not.
 */
export function takesAbortSignal(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  return signature.getParameters().some((parameter) => {
    const type = checker.getTypeOfSymbol(parameter);
    return isAbortSignalType(type) || unionConstituents(type).some((part) => hasSignalProperty(checker, part, 1));
  });
}

function hasSignalProperty(checker: ts.TypeChecker, type: ts.Type, depth: number): boolean {
  if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) || checker.isArrayType(type)) return false;
  return checker
    .getApparentType(type)
    .getProperties()
    .some((property) => {
      const propertyType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      if (isAbortSignalType(propertyType)) return true;
      return depth > 0 && unionConstituents(propertyType).some((part) => hasSignalProperty(checker, part, depth - 1));
    });
}
