import { isThenableType, isTypeFlagSet, unionConstituents } from "ts-api-utils";
import ts from "typescript";

/**
 * CallbackReturnExpectation says what a slot does with the value a function placed in it returns:
 * - "void": every signature the slot accepts returns `void`, so a returned promise is dropped;
 * - "thenable": some signature returns a thenable (`() => void | Promise<void>`), so a promise is
 *   expected and, presumably, awaited;
 * - "value": some signature returns `any`, `unknown` or another value (`(value) => unknown`), which
 *   may or may not be awaited;
 * - "unspecified": the slot's type has no call signature to tell (`Function`, `any`, no type).
 */
export type CallbackReturnExpectation = "void" | "thenable" | "value" | "unspecified";

const strength: Record<CallbackReturnExpectation, number> = { unspecified: 0, void: 1, value: 2, thenable: 3 };

/**
 * getCallbackReturnExpectation tells what a slot of type `slotType` (the contextual type of the
 * parameter a function is passed to, the property or variable it is assigned to) does with what
 * the function returns; `node` is the function, for the thenable test. Across overloads and union
 * members the most accepting answer wins. An optional slot (`(() => void) | undefined`) is read
 * without its nullish part, which has no call signature.
 */
export function getCallbackReturnExpectation(
  checker: ts.TypeChecker,
  slotType: ts.Type | undefined,
  node: ts.Node,
): CallbackReturnExpectation {
  let expectation: CallbackReturnExpectation = "unspecified";
  for (const part of slotType ? unionConstituents(slotType) : []) {
    for (const signature of part.getCallSignatures()) {
      const found = returnExpectation(checker, node, signature.getReturnType());
      if (strength[found] > strength[expectation]) expectation = found;
    }
  }
  return expectation;
}

// `void | Destructor` (React's effect callback) still drops a promise, as no-misused-promises
// also reads it: a void part with no part that could carry a promise.
function returnExpectation(checker: ts.TypeChecker, node: ts.Node, returnType: ts.Type): CallbackReturnExpectation {
  const parts = unionConstituents(returnType);
  if (parts.some((part) => isThenableType(checker, node, part))) return "thenable";
  if (parts.some((part) => isTypeFlagSet(part, ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return "value";
  return parts.some((part) => isTypeFlagSet(part, ts.TypeFlags.Void)) ? "void" : "value";
}
