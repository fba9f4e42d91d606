// The building blocks of a generated corpus file. Each member is a function or class a real
// service would contain; about half are clean, the rest carry one of the async bugs, in the
// proportions a code base that never had these rules tends to show.

const base = (context) => `https://api.internal/${context.domain}`;

export const snippets = {
  entityType: ({ entity }) => `export interface ${entity} extends Row {
  name: string;
  status: "active" | "archived" | "pending";
  updatedAt: string;
  tags: string[];
}

export interface ${entity}Page {
  items: ${entity}[];
  next?: string;
}`,

  crossFile: ({ entity, loader, suffix }) => `export async function refreshFromPrevious${suffix}(id: string, signal?: AbortSignal): Promise<${entity} | undefined> {
  const previous = await ${loader}(id, signal);
  if (!previous) return undefined;
  return { ...previous, updatedAt: new Date().toISOString() };
}`,

  loader: (context) => `export async function load${context.entity}${context.suffix}(id: string, signal?: AbortSignal): Promise<${context.entity} | undefined> {
  const rows = await db.query<${context.entity}>("select * from ${context.domain} where id = $1", [id]);
  if (rows.length > 0) return rows[0];
  return getJson<${context.entity}>(\`${base(context)}/\${id}\`, { signal });
}`,

  members: {
    fetchWithDeadline: (context) => `export async function get${context.entity}${context.member}(id: string, signal: AbortSignal): Promise<${context.entity}> {
  const response = await fetch(\`${base(context)}/\${encodeURIComponent(id)}\`, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) });
  if (!response.ok) throw new HttpError(response.status, "lookup failed");
  return (await response.json()) as ${context.entity};
}`,

    fetchWithoutDeadline: (context) => `export async function fetch${context.entity}List${context.member}(status: ${context.entity}["status"]): Promise<${context.entity}[]> {
  const response = await fetch(\`${base(context)}?status=\${status}\`);
  const page = (await response.json()) as ${context.entity}Page;
  return page.items.filter((item) => item.status === status);
}`,

    unboundedFanOut: (context) => `export async function enrich${context.entity}s${context.member}(ids: string[]): Promise<${context.entity}[]> {
  const items = await Promise.all(ids.map((id) => getJson<${context.entity}>(\`${base(context)}/\${id}\`)));
  log("info", "enriched", { count: items.length });
  return items.map((item) => ({ ...item, tags: [...item.tags].sort() }));
}`,

    sequentialLoop: (context) => `export async function archive${context.entity}s${context.member}(ids: readonly string[]): Promise<number> {
  let archived = 0;
  for (const id of ids) {
    archived += await db.execute("update ${context.domain} set status = 'archived' where id = $1", [id]);
  }
  return archived;
}`,

    fireAndForget: (context) => `export async function rename${context.entity}${context.member}(id: string, name: string): Promise<void> {
  await db.execute("update ${context.domain} set name = $2 where id = $1", [id, name]);
  audit("${context.lower}.renamed", { id, name });
  events.emit("updated", { id, fields: ["name"] });
}`,

    voidedCall: (context) => `export async function touch${context.entity}${context.member}(id: string): Promise<void> {
  await db.execute("update ${context.domain} set updated_at = now() where id = $1", [id]);
  void metric("${context.lower}.touched", 1);
}`,

    thenWithoutCatch: (context) => `export function prefetch${context.entity}${context.member}(id: string): void {
  getJson<${context.entity}>(\`${base(context)}/\${id}\`).then((item) => {
    log("debug", "prefetched", { id: item.id });
  });
}`,

    startedEarly: (context) => `export async function summary${context.entity}${context.member}(id: string): Promise<{ item: ${context.entity}; related: number }> {
  const relatedCount = db.query<Row>("select id from ${context.domain}_links where source = $1", [id]);
  const item = await getJson<${context.entity}>(\`${base(context)}/\${id}\`);
  const related = await relatedCount;
  return { item, related: related.length };
}`,

    asyncListener: (context) => `export function watch${context.entity}s${context.member}(): () => void {
  return events.on("created", async ({ id }) => {
    const item = await getJson<${context.entity}>(\`${base(context)}/\${id}\`);
    await postJson("${base(context)}/index", item);
  });
}`,

    forEachAsync: (context) => `export function reindex${context.entity}s${context.member}(items: ${context.entity}[]): void {
  items.forEach(async (item) => {
    await postJson(\`${base(context)}/\${item.id}/reindex\`, { tags: item.tags });
  });
}`,

    classWithMethods: (context) => `export class ${context.entity}Cache${context.member} {
  readonly #entries = new Map<string, { value: ${context.entity}; expires: number }>();

  constructor(private readonly ttlMs = 60_000) {}

  get size(): number {
    return this.#entries.size;
  }

  async get(id: string, load: (id: string) => Promise<${context.entity}>): Promise<${context.entity}> {
    const cached = this.#entries.get(id);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = await load(id);
    this.#entries.set(id, { value, expires: Date.now() + this.ttlMs });
    return value;
  }

  evictExpired(now = Date.now()): number {
    let evicted = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expires <= now) {
        this.#entries.delete(id);
        evicted++;
      }
    }
    return evicted;
  }
}`,

    syncUtility: (context) => `export function describe${context.entity}s${context.member}(items: readonly ${context.entity}[]): string {
  const byStatus = new Map<string, number>();
  for (const item of items) byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
  const parts = [...byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => \`\${status}: \${count}\`);
  const newest = items.reduce<string | undefined>((latest, item) => (latest === undefined || item.updatedAt > latest ? item.updatedAt : latest), undefined);
  return \`\${items.length} ${context.lower}s (\${parts.join(", ")}), newest \${newest ?? "never"}\`;
}`,

    tryCatch: (context) => `export async function safeLoad${context.entity}${context.member}(id: string, signal: AbortSignal): Promise<${context.entity} | undefined> {
  try {
    return await getJson<${context.entity}>(\`${base(context)}/\${id}\`, { signal });
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return undefined;
    log("error", "load failed", { id, error: String(error) });
    throw error;
  }
}`,

    timerCallback: (context) => `export function schedule${context.entity}Refresh${context.member}(id: string, delayMs: number): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    void getJson<${context.entity}>(\`${base(context)}/\${id}\`).catch((error: unknown) => log("warn", "refresh failed", { id, error: String(error) }));
  }, delayMs);
}`,

    settledTuple: (context) => `export async function health${context.entity}${context.member}(signal: AbortSignal): Promise<boolean[]> {
  const checks = await Promise.allSettled([
    getJson<{ ok: boolean }>("${base(context)}/health", { signal }),
    db.query<Row>("select 1 as id"),
  ] as const);
  return checks.map((check) => check.status === "fulfilled");
}`,

    pagedGenerator: (context) => `export async function* page${context.entity}s${context.member}(signal: AbortSignal): AsyncGenerator<${context.entity}> {
  let cursor: string | undefined = "${base(context)}?limit=100";
  while (cursor) {
    const page: ${context.entity}Page = await getJson<${context.entity}Page>(cursor, { signal });
    yield* page.items;
    cursor = page.next;
  }
}`,

    pushInLoop: (context) => `export async function notify${context.entity}Owners${context.member}(items: ${context.entity}[]): Promise<void> {
  const sends: Promise<unknown>[] = [];
  for (const item of items) {
    if (item.status !== "active") continue;
    sends.push(postJson("https://mail.internal/send", { to: item.name, subject: "updated" }));
  }
  await Promise.all(sends);
}`,

    transaction: (context) => `export async function move${context.entity}${context.member}(id: string, target: string): Promise<void> {
  await db.transaction(async (transaction) => {
    const [row] = await transaction.query<${context.entity}>("select * from ${context.domain} where id = $1 for update", [id]);
    if (!row) throw new Error(\`${context.lower} \${id} not found\`);
    await transaction.execute("update ${context.domain} set owner = $2 where id = $1", [id, target]);
  });
}`,
  },
};

/**
 * cleanMembers are the members corral's recommended rules find nothing in (checked by linting a
 * generated corpus), for files that should have no finding at all.
 */
export const cleanMembers = ["fetchWithDeadline", "sequentialLoop", "classWithMethods", "syncUtility", "tryCatch", "timerCallback", "settledTuple", "pagedGenerator", "transaction"];
