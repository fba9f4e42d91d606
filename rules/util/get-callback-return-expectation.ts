import { isThenableType, isTypeFlagSet, unionConstituents } from "ts-api-utils";
import ts from "typescript";

/**
 * CallbackReturnExpectation says what a slot does with the value a function placed in it returns:
 * - "void": every signature the slot accepts returns `void`, so a returned promise is dropped;
 * - "used": some signature returns a thenable, `unknown`, `any` or another value, so a promise may
 *   be awaited or passed on (`() => void | Promise<void>`, `(value) => unknown`);
 * - "unspecified": the slot's type has no call signature to tell (`Function`, `any`, no type).
 */
export type CallbackReturnExpectation = "void" | "used" | "unspecified";

/**
 * getCallbackReturnExpectation tells whether a function placed in a slot of type `slotType` (the
 * contextual type of the parameter it is passed to, the property or variable it is assigned to)
 * has what it returns dropped; `node` is the function, for the thenable test. An optional slot
 * (`(() => void) | undefined`) is read without its nullish part, which has no call signature.
 */
export function getCallbackReturnExpectation(
  checker: ts.TypeChecker,
  slotType: ts.Type | undefined,
  node: ts.Node,
): CallbackReturnExpectation {
  if (slotType === undefined) return "unspecified";
  let expectsVoid = false;
  for (const part of unionConstituents(slotType)) {
    for (const signature of part.getCallSignatures()) {
      const returnType = signature.getReturnType();
      if (!returnsOnlyVoid(checker, node, returnType)) return "used";
      expectsVoid = true;
    }
  }
  return expectsVoid ? "void" : "unspecified";
}

// `void | Destructor` (React's effect callback) still drops a promise, as no-misused-promises
// also reads it; any part that could carry a promise makes the slot one that uses the value.
function returnsOnlyVoid(checker: ts.TypeChecker, node: ts.Node, returnType: ts.Type): boolean {
  const parts = unionConstituents(returnType);
  if (!parts.some((part) => isTypeFlagSet(part, ts.TypeFlags.Void))) return false;
  return !parts.some(
    (part) => isTypeFlagSet(part, ts.TypeFlags.Any | ts.TypeFlags.Unknown) || isThenableType(checker, node, part),
  );
}
