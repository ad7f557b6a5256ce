/** `2017-03-08 19:44 UTC` for an ISO time (the board shows UTC, as wire desks do); '' when it does not parse. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** An RFC 3339 timestamp (UTC, milliseconds) for an ISO time, or `fallback` when it does not parse. */
export function toRfc3339(iso: string | null | undefined, fallback: Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return (Number.isFinite(ms) ? new Date(ms) : fallback).toISOString();
}
