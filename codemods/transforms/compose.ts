// Composing the rules' rewrites of one file. Each rewrite is a rule's suggestion: edits that never
// touch the code they keep. Rewrites of nested findings (a `fetch` without a deadline inside a
// dropped promise) mostly edit disjoint places and simply apply together; where an outer rewrite
// moves code an inner one edits (`Promise.all([f(), g()])` built from the text of `f()`), the inner
// edits are carried into the moved text, which holds the inner span's original text exactly once.
// Two rewrites adding text at one place inside the inner one's code (both giving `fetch(url)` an
// argument) collide too. A colliding rewrite with a fallback (a `map` callback that passes its
// signal on, without it) is applied as its fallback; anything else that collides is left manual,
// never guessed.
import type { PlainRewrite, RewriteData, RuntimeImportNeed, TextEdit } from "eslint-plugin-corral";

/** SiteRewrite is one finding's rewrite, with the range of the node the finding reports. */
export interface SiteRewrite {
  range: readonly [number, number];
  rewrite: RewriteData;
}

/** Composition is the text with every accepted rewrite applied, the runtime imports they reference, and the refused ones with why. */
export interface Composition {
  text: string;
  accepted: SiteRewrite[];
  imports: RuntimeImportNeed[];
  refused: Map<SiteRewrite, string>;
}

interface PlacedEdit extends TextEdit {
  site: Placed;
}

interface Placed {
  site: SiteRewrite;
  span: [number, number];
  edits: TextEdit[];
}

/** overlapReason is why a rewrite whose edits collide with a nested one's is left manual. */
export const overlapReason = "another finding's rewrite edits the same code in a way this rewrite cannot carry along; rewrite this one by hand (the other was applied)";

function spanOf(edits: readonly TextEdit[], range: readonly [number, number]): [number, number] {
  return [Math.min(range[0], ...edits.map((edit) => edit.range[0])), Math.max(range[1], ...edits.map((edit) => edit.range[1]))];
}

function overlaps(left: TextEdit, right: TextEdit): boolean {
  const [a, b] = left.range;
  const [c, d] = right.range;
  if (a === b && c === d) return false;
  if (a === b) return c < a && a < d;
  if (c === d) return a < c && c < b;
  return a < d && c < b;
}

// An insertion strictly inside `inner`'s code at the very offset where `outer` inserts too: both add
// to the same place (an argument list), and neither order of the two texts is known to be right.
// At the edge of the inner span the outer text simply wraps it (see compareEdits).
function insertsAtSamePlace(inner: Placed, outer: Placed): boolean {
  return inner.edits.some(
    (edit) =>
      edit.range[0] === edit.range[1] &&
      inner.span[0] < edit.range[0] &&
      edit.range[0] < inner.span[1] &&
      outer.edits.some((mine) => mine.range[0] === edit.range[0] && mine.range[1] === edit.range[0]),
  );
}

function applyEdits(text: string, offset: number, edits: readonly TextEdit[]): string {
  let result = "";
  let position = offset;
  for (const edit of [...edits].sort((left, right) => left.range[0] - right.range[0] || left.range[1] - right.range[1])) {
    result += text.slice(position - offset, edit.range[0] - offset) + edit.text;
    position = edit.range[1];
  }
  return result + text.slice(position - offset);
}

// Carries `inner`'s edits into the one edit of `outer` whose text holds the inner span's original
// text exactly once; false when there is no such single place.
function carry(source: string, outer: Placed, inner: Placed): boolean {
  const original = source.slice(inner.span[0], inner.span[1]);
  const holders = outer.edits.filter((edit) => edit.text.includes(original));
  const holder = holders.length === 1 ? holders[0] : undefined;
  if (!holder || holder.text.indexOf(original) !== holder.text.lastIndexOf(original)) return false;
  const covered = inner.edits.every((edit) => outer.edits.some((candidate) => candidate.range[0] <= edit.range[0] && edit.range[1] <= candidate.range[1] && candidate.range[0] < candidate.range[1]));
  if (!covered) return false;
  holder.text = holder.text.replace(original, () => applyEdits(original, inner.span[0], inner.edits));
  return true;
}

// Edits at one offset: the outer site's opening text goes before the inner's, its closing after.
function compareEdits(left: PlacedEdit, right: PlacedEdit): number {
  if (left.range[0] !== right.range[0]) return left.range[0] - right.range[0];
  const leftEmpty = left.range[0] === left.range[1];
  const rightEmpty = right.range[0] === right.range[1];
  if (leftEmpty !== rightEmpty) return leftEmpty ? -1 : 1;
  if (left.site === right.site) return 0;
  const [outer, inner] = left.site.span[1] - left.site.span[0] >= right.site.span[1] - right.site.span[0] ? [left, right] : [right, left];
  const closing = outer.range[0] >= inner.site.span[1];
  return (outer === left) === !closing ? -1 : 1;
}

function place(site: SiteRewrite, rewrite: PlainRewrite): Placed {
  return { site, span: spanOf(rewrite.edits, site.range), edits: rewrite.edits.map((edit) => ({ range: edit.range, text: edit.text })) };
}

// Places `candidate` over the rewrites already in `top` (carrying the ones it moves), or says it collides.
function placeOver(source: string, top: Placed[], candidate: Placed): boolean {
  const colliding = top.filter((other) => other.edits.some((edit) => candidate.edits.some((mine) => overlaps(edit, mine))) || insertsAtSamePlace(other, candidate));
  if (!colliding.every((inner) => carry(source, candidate, inner))) return false;
  for (const inner of colliding) top.splice(top.indexOf(inner), 1);
  top.push(candidate);
  return true;
}

/**
 * compose applies `sites` to `source`, innermost first, and returns the text and which rewrites were
 * applied; a rewrite whose edits collide with an applied one's, and cannot carry them, is applied as
 * its fallback where it has one that does not collide, else refused.
 */
export function compose(source: string, sites: readonly SiteRewrite[]): Composition {
  const ordered = [...sites].sort((left, right) => {
    const [a, b] = [spanOf(left.rewrite.edits, left.range), spanOf(right.rewrite.edits, right.range)];
    return a[1] - a[0] - (b[1] - b[0]);
  });
  const top: Placed[] = [];
  const refused = new Map<SiteRewrite, string>();
  const accepted: SiteRewrite[] = [];
  const imports: RuntimeImportNeed[] = [];
  for (const site of ordered) {
    const fallback = site.rewrite.fallback;
    const applied = [site.rewrite, ...(fallback ? [fallback] : [])].find((rewrite) => placeOver(source, top, place(site, rewrite)));
    if (applied) {
      accepted.push(site);
      imports.push(...applied.imports);
    } else refused.set(site, overlapReason);
  }
  const edits = top.flatMap((site) => site.edits.map((edit): PlacedEdit => ({ ...edit, site }))).sort(compareEdits);
  let text = "";
  let position = 0;
  for (const edit of edits) {
    text += source.slice(position, edit.range[0]) + edit.text;
    position = Math.max(position, edit.range[1]);
  }
  return { text: text + source.slice(position), accepted, imports, refused };
}
