// The audit trail: every request the service handles is written to the upstream audit store.

import type { UpstreamClient } from "./upstream-client.js";

/** AuditEvent is one entry of the audit trail. */
export interface AuditEvent {
  action: string;
  subject: string;
  status: number;
}

/** AuditLog writes AuditEvents to the upstream audit store. */
export class AuditLog {
  constructor(private readonly client: UpstreamClient) {}

  /** record stores `event` with the current time; it rejects when the audit store refuses it. */
  async record(event: AuditEvent): Promise<void> {
    await this.client.postJson("/audit", { ...event, at: new Date().toISOString() });
  }
}
