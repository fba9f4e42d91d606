// The fixed modules of the generated corpus: a small HTTP client, a database handle, an audit
// log and an event emitter, typed without Node's typings (the corpus uses the DOM's fetch).

export const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2023", "DOM"],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ["src"],
};

export const libraryFiles = {
  "src/lib/http.ts": `export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(url, { signal: options.signal, headers: options.headers });
  if (!response.ok) throw new HttpError(response.status, \`GET \${url} failed\`);
  return (await response.json()) as T;
}

export async function postJson<T>(url: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...options.headers },
    signal: options.signal,
  });
  if (!response.ok) throw new HttpError(response.status, \`POST \${url} failed\`);
  return (await response.json()) as T;
}
`,
  "src/lib/db.ts": `export interface Row {
  id: string;
  [column: string]: unknown;
}

export interface Database {
  query<T extends Row>(sql: string, parameters?: unknown[]): Promise<T[]>;
  execute(sql: string, parameters?: unknown[]): Promise<number>;
  transaction<T>(work: (database: Database) => Promise<T>): Promise<T>;
}

declare const connection: Database;
export const db: Database = connection;
`,
  "src/lib/log.ts": `export type Level = "debug" | "info" | "warn" | "error";

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, ...fields, at: new Date().toISOString() });
  if (level === "error") console.error(line);
  else console.log(line);
}

export async function audit(event: string, data: Record<string, unknown> = {}): Promise<void> {
  await fetch("https://audit.internal/events", { method: "POST", body: JSON.stringify({ event, data }) });
}

export async function metric(name: string, value: number): Promise<void> {
  await fetch(\`https://metrics.internal/\${name}\`, { method: "POST", body: String(value) });
}
`,
  "src/lib/events.ts": `export type Listener<T> = (payload: T) => void;

export class Emitter<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Listener<never>[]>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const listeners = this.#listeners.get(event) ?? [];
    listeners.push(listener as Listener<never>);
    this.#listeners.set(event, listeners);
    return () => this.#listeners.set(event, listeners.filter((candidate) => candidate !== listener));
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as Listener<Events[K]>)(payload);
  }
}

export interface DomainEvents extends Record<string, unknown> {
  created: { id: string };
  updated: { id: string; fields: string[] };
  deleted: { id: string };
}

export const events = new Emitter<DomainEvents>();
`,
};
