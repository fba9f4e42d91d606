import { unionConstituents } from "ts-api-utils";
import ts from "typescript";

// Per type object, which the checker interns: a union's parts are asked about again and again.
const answers = new WeakMap<ts.Type, boolean>();

/**
 * isAbortSignalType tells whether `type` is an AbortSignal, or a union that contains one
 * (`AbortSignal | undefined`, `AbortSignal | null`), by structure rather than by name: an object
 * with an `aborted` flag and a way to hear the abort (`addEventListener` or `onabort`). lib.dom,
 * @types/node and undici-types declare `AbortSignal`; libraries that run on several hosts declare
 * their own shape under another name (axios's `GenericAbortSignal`, the AWS SDK's
 * `AbortSignal` interface of @smithy/types, node-fetch's type alias), and the global one is
 * assignable to each of them.
 */
export function isAbortSignalType(type: ts.Type): boolean {
  return unionConstituents(type).some(isAbortSignalPart);
}

function isAbortSignalPart(part: ts.Type): boolean {
  if (!(part.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return false;
  let answer = answers.get(part);
  if (answer === undefined) {
    answer =
      (part.aliasSymbol ?? part.getSymbol())?.getName() === "AbortSignal" ||
      (part.getProperty("aborted") !== undefined && (part.getProperty("addEventListener") !== undefined || part.getProperty("onabort") !== undefined));
    answers.set(part, answer);
  }
  return answer;
}
