/**
 * A request id as Jangkau accepts it from a header (an upstream proxy's, or the one proxy.ts
 * stamps): 8–64 letters, digits, dots, underscores or hyphens. Anything else could be text a
 * client chose, headed for the audit trail, so it is replaced by a fresh id.
 */
export function wellFormedRequestId(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9._-]{8,64}$/.test(value) ? value : null;
}
