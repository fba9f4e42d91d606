// The customer report: a user's profile and their order totals, from two upstream endpoints.

import type { UpstreamClient } from "./upstream-client.js";

/** User is a customer as the upstream API describes them. */
export interface User {
  id: string;
  name: string;
}

/** Order is one of a customer's orders. */
export interface Order {
  id: string;
  total: number;
}

/** CustomerReport summarises a customer's orders. */
export interface CustomerReport {
  name: string;
  orderCount: number;
  revenue: number;
}

/** Crm reads customers and their orders from the upstream API. */
export class Crm {
  constructor(private readonly client: UpstreamClient) {}

  /** fetchUser returns the user `id`; an unknown user throws an UpstreamError with status 404. */
  fetchUser(id: string): Promise<User> {
    return this.client.getJson<User>(`/users/${encodeURIComponent(id)}`);
  }

  /** fetchOrders returns the orders of user `id`. */
  fetchOrders(id: string): Promise<Order[]> {
    return this.client.getJson<Order[]>(`/users/${encodeURIComponent(id)}/orders`);
  }
}

/** buildReport loads user `userId` and their orders and sums them up. */
export async function buildReport(crm: Crm, userId: string): Promise<CustomerReport> {
  const userLookup = crm.fetchUser(userId);
  const orders = await crm.fetchOrders(userId);
  const revenue = orders.reduce((sum, order) => sum + order.total, 0);
  const user = await userLookup;
  return { name: user.name, orderCount: orders.length, revenue: Math.round(revenue * 100) / 100 };
}
