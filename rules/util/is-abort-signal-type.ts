import { unionConstituents } from "ts-api-utils";
import type ts from "typescript";

/**
 * isAbortSignalType tells whether `type` is an AbortSignal, or a union that contains one
 * (`AbortSignal | undefined`, `AbortSignal | null`). It goes by the symbol's name, which lib.dom,
 * @types/node and undici-types all declare the same way.
 */
export function isAbortSignalType(type: ts.Type): boolean {
  return unionConstituents(type).some((part) => (part.aliasSymbol ?? part.getSymbol())?.getName() === "AbortSignal");
}
