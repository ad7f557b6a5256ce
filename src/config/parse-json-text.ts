import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where and why a JSON text is not valid JSON. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  /** e.g. `ValueExpected`, `CommaExpected`, or the JSON.parse message when no position is known. */
  reason: string;
}

/**
 * Parses strict JSON. On a syntax error, returns the 1-based line and column of the first problem:
 * Node's JSON.parse decides validity, jsonc-parser (the parser behind VS Code's JSON support) locates the error,
 * since Node 20's messages often give no position at all.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) return { ok: false, problem: { ...positionOf(text, text.length), reason: (error as Error).message } };
    return { ok: false, problem: { ...positionOf(text, first.offset), reason: printParseErrorCode(first.error) } };
  }
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}
