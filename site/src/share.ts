// Share links carry the editor's code in the address's fragment, deflated (the browser's own
// CompressionStream) and base64url-encoded, so a link holds a whole file and never reaches a server.

/** sharePrefix starts the fragment of a share link: `#code=<deflate-raw, base64url>`. */
export const sharePrefix = "#code=";

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** encodeShare returns the fragment (with its `#`) that carries `code`. */
export async function encodeShare(code: string): Promise<string> {
  const deflated = await pipe(new TextEncoder().encode(code), new CompressionStream("deflate-raw"));
  let binary = "";
  for (const byte of deflated) binary += String.fromCharCode(byte);
  return sharePrefix + btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * decodeShare returns the code a share fragment carries, or undefined when `hash` is not one; a
 * fragment that starts like one but does not decode throws a TypeError saying so.
 */
export async function decodeShare(hash: string): Promise<string | undefined> {
  if (!hash.startsWith(sharePrefix)) return undefined;
  try {
    const binary = atob(hash.slice(sharePrefix.length).replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(await pipe(bytes, new DecompressionStream("deflate-raw")));
  } catch (error) {
    throw new TypeError(`The link's code (after ${sharePrefix}) is damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
