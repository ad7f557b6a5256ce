import { WiredeskError } from '../errors/index.js';

/** One problem found in a config file. */
export interface ConfigIssue {
  /** Dotted path of the field (`sources[2].cron`), '' for the top level. */
  field: string;
  message: string;
}

/**
 * Typed reader for a parsed config that records every problem instead of stopping at the first, so an
 * operator fixes a file in one pass. Readers return a harmless stand-in after recording a problem;
 * `throwIfInvalid` then raises one CONFIG_INVALID naming the file and every field. Values of fields
 * marked secret are never quoted in messages.
 */
export class ConfigValidator {
  readonly issues: ConfigIssue[] = [];

  constructor(readonly file: string) {}

  /** Records a problem with `field`; `got` is quoted (shortened) unless undefined. */
  fail(field: string, expected: string, got?: unknown): void {
    const gotText = got === undefined ? '' : `, got ${JSON.stringify(got)?.slice(0, 60)}`;
    this.issues.push({ field, message: `expected ${expected}${gotText}` });
  }

  /** Raises CONFIG_INVALID listing every recorded problem; `details.field` is the first one's field. */
  throwIfInvalid(): void {
    if (this.issues.length === 0) return;
    const lines = this.issues.map((i) => `  ${i.field === '' ? 'top level' : `field "${i.field}"`}: ${i.message}`);
    const count = this.issues.length === 1 ? '1 problem' : `${this.issues.length} problems`;
    throw new WiredeskError('CONFIG_INVALID', `config ${this.file}: ${count}:\n${lines.join('\n')}`, {
      details: { path: this.file, field: this.issues[0]!.field, errors: this.issues.map((i) => ({ ...i })) },
    });
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(field, 'an object', value);
    return {};
  }
  only(o: Record<string, unknown>, at: string, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(at === '' ? key : `${at}.${key}`, `a known field (one of: ${allowed.join(', ')}); unknown field`);
    }
  }
  array(value: unknown, field: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.fail(field, 'an array', value);
    return [];
  }
  string(value: unknown, field: string, secret = false): string {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.fail(field, 'a non-empty string', secret && typeof value === 'string' ? undefined : value);
    return '';
  }
  optString(value: unknown, field: string): string | null {
    return value === undefined || value === null ? null : this.string(value, field);
  }
  number(value: unknown, field: string): number {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.fail(field, 'a finite number', value);
    return 0;
  }
  optNumber(value: unknown, field: string): number | null {
    if (value === undefined || value === null) return null;
    const n = this.number(value, field);
    if (n <= 0 && typeof value === 'number') this.fail(field, 'a number > 0', value);
    return n > 0 ? n : null;
  }
  bool(value: unknown, field: string): boolean {
    if (typeof value === 'boolean') return value;
    this.fail(field, 'true or false', value);
    return false;
  }
  optBool(value: unknown, field: string): boolean | null {
    return value === undefined ? null : this.bool(value, field);
  }
  stringArray(value: unknown, field: string): string[] {
    if (value === undefined) return [];
    return this.array(value, field).map((s, i) => this.string(s, `${field}[${i}]`));
  }
  stringMap(value: unknown, field: string, secret = false): Record<string, string> {
    if (value === undefined) return {};
    const o = this.object(value, field);
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(o)) out[k] = this.string(s, `${field}.${k}`, secret);
    return out;
  }
}
