import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** The record kinds with a schema in `schema/`. */
export type RecordKind = 'article' | 'story' | 'run' | 'latest-run';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** Compiles every shipped schema once (test helper shared with the e2e crash test). */
export function loadSchemaValidators(): Record<RecordKind, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const compile = (kind: RecordKind) => ajv.compile(JSON.parse(readFileSync(`${SCHEMA_DIR}${kind}.schema.json`, 'utf8')) as object);
  return { article: compile('article'), story: compile('story'), run: compile('run'), 'latest-run': compile('latest-run') };
}

/** Which schema a file of the output directory must satisfy, from its relative path (null: not a record). */
export function kindOfPath(rel: string): RecordKind | null {
  if (/^articles\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9_-]+\.json$/.test(rel)) return 'article';
  if (/^stories\/[a-z0-9_-]+\.json$/.test(rel)) return 'story';
  if (/^runs\/[a-z0-9_-]+\.json$/.test(rel)) return 'run';
  if (rel === 'latest-run.json') return 'latest-run';
  return null;
}

/** Validation errors of one value as readable lines (empty when valid). */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
