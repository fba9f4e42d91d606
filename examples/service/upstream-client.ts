// The client every part of the service uses to reach the upstream API. Each call carries its own
// deadline, so a stalled upstream costs one request its timeout, never the whole service.

/** UpstreamError is an answer of the upstream API with a status other than 2xx. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`upstream answered ${status} for ${path}`);
  }
}

/** UpstreamClient calls the upstream JSON API at `baseUrl`, each call bounded by `timeoutMs`. */
export class UpstreamClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** getJson fetches `path` and returns its JSON body; a non-2xx answer throws an UpstreamError. */
  async getJson<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new UpstreamError(response.status, path);
    return (await response.json()) as T;
  }

  /** postJson sends `body` as JSON to `path`; a non-2xx answer throws an UpstreamError. */
  async postJson(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // The body is drained even when unused, so keep-alive can reuse the connection.
    await response.arrayBuffer();
    if (!response.ok) throw new UpstreamError(response.status, path);
  }
}
