// The 200-line file the playground's re-lint time is measured on (bench/workloads/playground.mjs):
// an order service of the kind corral's rules are written for, with fan-outs, timers, listeners
// and HTTP calls, some of them findings and most of them not.
import { EventEmitter } from "node:events";
import { ErrGroup, go, map, withTimeout } from "@corral/runtime";

interface Order {
  id: string;
  customerId: string;
  items: { sku: string; quantity: number }[];
  total: number;
}

interface Customer {
  id: string;
  email: string;
  tier: "standard" | "gold";
}

declare function loadOrder(id: string, options?: { signal?: AbortSignal }): Promise<Order>;
declare function loadCustomer(id: string, options?: { signal?: AbortSignal }): Promise<Customer>;
declare function saveOrder(order: Order): Promise<void>;
declare function reserveStock(sku: string, quantity: number): Promise<boolean>;
declare function sendEmail(to: string, subject: string): Promise<void>;
declare function audit(event: string, data: unknown): Promise<void>;

const events = new EventEmitter();
const baseUrl = "https://inventory.example.com";

export class OrderService {
  readonly #cache = new Map<string, Order>();

  async get(id: string): Promise<Order> {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const order = await withTimeout(5_000, (signal) => loadOrder(id, { signal }));
    this.#cache.set(id, order);
    return order;
  }

  async getMany(ids: string[]): Promise<Order[]> {
    return map(ids, (id) => this.get(id), { concurrency: 8 });
  }

  async getManyUnbounded(ids: string[]): Promise<Order[]> {
    return Promise.all(ids.map((id) => this.get(id)));
  }

  async place(order: Order): Promise<void> {
    for (const item of order.items) {
      const reserved = await reserveStock(item.sku, item.quantity);
      if (!reserved) throw new Error(`out of stock: ${item.sku}`);
    }
    await saveOrder(order);
    const customer = await loadCustomer(order.customerId);
    sendEmail(customer.email, `Order ${order.id} placed`);
    go(() => audit("order.placed", { id: order.id }), { name: "audit order" });
    events.emit("placed", order);
  }

  async confirm(order: Order): Promise<void> {
    await using group = new ErrGroup({ limit: 4 });
    group.go(() => saveOrder(order));
    group.go(async () => {
      const customer = await loadCustomer(order.customerId);
      await sendEmail(customer.email, `Order ${order.id} confirmed`);
    });
    await group.wait();
  }

  async cancel(id: string): Promise<void> {
    const order = await this.get(id);
    const saving = saveOrder({ ...order, total: 0 });
    const customer = await loadCustomer(order.customerId);
    await saving;
    await sendEmail(customer.email, `Order ${id} cancelled`);
  }

  async stock(skus: string[]): Promise<number[]> {
    const responses = await Promise.all(skus.map((sku) => fetch(`${baseUrl}/stock/${sku}`)));
    return Promise.all(responses.map(async (response) => Number(await response.text())));
  }

  async price(sku: string): Promise<number> {
    const response = await fetch(`${baseUrl}/price/${sku}`, { signal: AbortSignal.timeout(2_000) });
    return Number(await response.text());
  }

  async priceWithoutDeadline(sku: string): Promise<number> {
    const response = await fetch(`${baseUrl}/price/${sku}`);
    return Number(await response.text());
  }

  refreshLater(ids: string[]): void {
    setTimeout(async () => {
      await this.getMany(ids);
    }, 1_000);
  }

  refreshSafely(ids: string[]): void {
    setTimeout(() => go(() => this.getMany(ids), { name: "refresh orders" }), 1_000);
  }

  /** total adds up the orders' totals. */
  total(orders: Order[]): number {
    let sum = 0;
    for (const order of orders) sum += order.total;
    return sum;
  }
}

export function listen(service: OrderService): void {
  events.on("placed", async (order: Order) => {
    await audit("order.placed.listener", order.id);
  });
  events.on("cancelled", (id: string) => {
    go(() => service.cancel(id), { name: `cancel ${id}` });
  });
}

export async function nightlyReport(service: OrderService, ids: string[]): Promise<string> {
  const orders = await service.getMany(ids);
  const gold: Order[] = [];
  for (const order of orders) {
    const customer = await loadCustomer(order.customerId);
    if (customer.tier === "gold") gold.push(order);
  }
  const lines = gold.map((order) => `${order.id}\t${order.total.toFixed(2)}`);
  return [`gold orders: ${gold.length}`, `total: ${service.total(gold).toFixed(2)}`, ...lines].join("\n");
}

export async function notifyAll(customers: Customer[]): Promise<void> {
  customers.forEach(async (customer) => {
    await sendEmail(customer.email, "Our summer sale");
  });
}

export async function notifyAllBounded(customers: Customer[]): Promise<void> {
  await map(customers, (customer) => sendEmail(customer.email, "Our summer sale"), { concurrency: 16 });
}

export function formatOrder(order: Order): string {
  const items = order.items.map((item) => `${item.quantity} × ${item.sku}`).join(", ");
  return `${order.id} for ${order.customerId}: ${items} (${order.total.toFixed(2)})`;
}

export function validate(order: Order): string[] {
  const problems: string[] = [];
  if (order.items.length === 0) problems.push("no items");
  for (const item of order.items) {
    if (item.quantity <= 0) problems.push(`${item.sku}: quantity must be positive`);
    if (!/^[A-Z0-9-]+$/.test(item.sku)) problems.push(`${item.sku}: malformed SKU`);
  }
  if (order.total < 0) problems.push("negative total");
  return problems;
}

export async function importOrders(lines: string[], service: OrderService): Promise<number> {
  let imported = 0;
  for (const line of lines) {
    const [id = "", customerId = "", total = "0"] = line.split(",");
    const order: Order = { id, customerId, items: [], total: Number(total) };
    if (validate(order).length > 0) continue;
    await service.place(order);
    imported++;
  }
  return imported;
}

export async function warmCaches(service: OrderService, ids: string[]): Promise<void> {
  const pending = ids.map((id) => service.get(id));
  await audit("cache.warm", ids.length);
  await Promise.allSettled(pending);
}

export async function retry<T>(task: (signal: AbortSignal) => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await withTimeout(1_000 * (attempt + 1), task);
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`failed after ${attempts} attempts`, { cause: last });
}

export async function shipment(orderId: string): Promise<string> {
  const response = await retry((signal) => fetch(`${baseUrl}/shipments/${orderId}`, { signal }));
  if (!response.ok) throw new Error(`shipment ${orderId}: HTTP ${response.status}`);
  return response.text();
}

/** startHeartbeat checks the price service every 30 seconds; the returned function stops it. */
export function startHeartbeat(service: OrderService): () => void {
  const timer = setInterval(() => {
    go(() => service.price("HEARTBEAT"), { name: "heartbeat" });
  }, 30_000);
  return () => clearInterval(timer);
}
