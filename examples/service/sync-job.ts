// The nightly sync job: every record the upstream lists is fetched, checked and, when it changed
// since the last run, marked as synced. The upstream lists a few hundred records on a normal day.

import type { UpstreamClient } from "./upstream-client.js";

/** RecordSummary is a record as the upstream lists it. */
export interface RecordSummary {
  id: string;
  version: number;
}

/** RecordDetail is one record with its content. */
export interface RecordDetail extends RecordSummary {
  checksum: string;
  syncedVersion: number;
}

/** SyncSummary says how many records the job looked at and how many it marked as synced. */
export interface SyncSummary {
  records: number;
  updated: number;
}

/** syncRecords fetches every listed record and marks the ones that changed since their last sync. */
export async function syncRecords(client: UpstreamClient): Promise<SyncSummary> {
  const records = await client.getJson<RecordSummary[]>("/records");

  const processRecord = async (record: RecordSummary): Promise<boolean> => {
    const detail = await client.getJson<RecordDetail>(`/records/${encodeURIComponent(record.id)}`);
    if (detail.syncedVersion >= detail.version) return false;
    await client.postJson(`/records/${encodeURIComponent(record.id)}/synced`, { version: detail.version, checksum: detail.checksum });
    return true;
  };

  const updated = await Promise.all(records.map(processRecord));
  return { records: records.length, updated: updated.filter(Boolean).length };
}
