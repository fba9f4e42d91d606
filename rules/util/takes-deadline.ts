import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { getDeadlineOptions } from "./deadline-options.js";
import { isAbortSignalType } from "./is-abort-signal-type.js";

/**
 * takesAbortSignal tells whether `signature` lets its caller cancel it: a parameter typed
 * AbortSignal (by structure: axios's `GenericAbortSignal` too), or an options object with a
 * property typed AbortSignal whatever its name (`signal`, the AWS SDK's `abortSignal`), directly
 * or one object deeper (`fetchOptions: { signal }`). APIs that wait on a peer take one; a database
 * client's pooled query or a Redis command does not.
 */
export function takesAbortSignal(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  return signature.getParameters().some((parameter) => {
    const type = checker.getTypeOfSymbol(parameter);
    return isAbortSignalType(type) || getDeadlineOptions(checker, type).signals.length > 0 || unionConstituents(type).some((part) => hasNestedSignal(checker, part));
  });
}

/**
 * takesRequestTimeout tells whether `signature` takes an HTTP request's options bounded by a
 * timeout rather than a signal (a `timeout` beside `headers`, as Stripe's request options): see
 * isRequestOptions. A timeout alone says nothing of the network (a transaction's `{ timeout }`).
 */
export function takesRequestTimeout(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  return signature.getParameters().some((parameter) => getDeadlineOptions(checker, checker.getTypeOfSymbol(parameter)).request);
}

function hasNestedSignal(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) || checker.isArrayType(type)) return false;
  return checker
    .getApparentType(type)
    .getProperties()
    .some((property) => {
      const propertyType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      return isAbortSignalType(propertyType) || unionConstituents(propertyType).some((part) => getDeadlineOptions(checker, part).signals.length > 0);
    });
}
