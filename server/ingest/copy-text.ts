import "server-only";

/**
 * PostgreSQL COPY text format: columns separated by tabs, rows by newlines, NULL as \N, and
 * backslash, tab, newline and carriage return escaped. Faster than CSV for us because no cell
 * needs quoting decisions.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  return char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r";
}

/** A text[] literal (`{"a","b",NULL}`) for an array column, before COPY escaping. */
export function arrayLiteral(values: readonly string[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i) out += ",";
    out += `"${values[i]!.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return out + "}";
}

/** Array-literal or COPY specials: a cell without any is written as it is. */
const ARRAY_SPECIAL = /[\\"\t\n\r]/;

/** True when `text` holds a character that array literals or COPY escape (false: no cell of it needs escaping). */
export function hasArraySpecials(text: string): boolean {
  return ARRAY_SPECIAL.test(text);
}

/** One quoted element of a text[] literal, COPY-escaped (`specials: false`: nothing to escape). */
export function copyArrayElement(text: string, specials = true): string {
  return specials && ARRAY_SPECIAL.test(text) ? `"${copyValue(text.replace(/[\\"]/g, (c) => `\\${c}`))}"` : `"${text}"`;
}

export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i) line += "\t";
    line += copyValue(values[i]);
  }
  return line + "\n";
}
