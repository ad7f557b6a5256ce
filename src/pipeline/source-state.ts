import type { ErrorRecord } from '../errors/index.js';
import type { Validators } from '../fetch/index.js';
import { emptySourceState, recordItemTime, type SourceState } from '../store/index.js';

/** What a finished source contributes to its state. */
export interface SourceResult {
  name: string;
  ok: boolean;
  at: string;
  /** Validators for the next conditional GET; null keeps the stored ones. */
  validators: Validators | null;
  notBefore: string | null;
  ttlMinutes: number | null;
  /** Validators of the documents read besides the source URL (child sitemaps), replacing the stored set; null keeps it. */
  documents?: Record<string, Validators> | null;
  /** Publication times of items new in this run (adaptive scheduling reads them). */
  newItemDates: string[];
  error: ErrorRecord | null;
}

/** A source's state after a run (pure: the caller loads and saves it). */
export function sourceStateAfter(before: SourceState | null, url: string, result: SourceResult): SourceState {
  const source: SourceState = before === null ? emptySourceState(url, result.name) : { ...before, recentItemTimes: [...before.recentItemTimes] };
  source.name = result.name;
  source.lastRunAt = result.at;
  // null: no answer this run (the feed fetch failed), so the stored ones stay current. A 304's
  // validators already fall back to the ones sent (the fetch layer merges them); empty ones clear.
  if (result.validators !== null) source.validators = result.validators;
  source.notBefore = latest(result.notBefore, result.ttlMinutes === null ? null : new Date(Date.parse(result.at) + result.ttlMinutes * 60_000).toISOString());
  for (const at of result.newItemDates) recordItemTime(source, at);
  // Replaced as a whole: only the documents of this run's read are kept, so the set stays bounded.
  if (result.documents != null) source.documents = result.documents;
  if (result.ok) {
    source.lastSuccessAt = result.at;
    source.consecutiveFailures = 0;
  } else {
    source.consecutiveFailures++;
    source.lastError = { code: result.error?.code ?? 'INTERNAL', message: result.error?.message ?? 'unknown failure', at: result.at };
  }
  return source;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
