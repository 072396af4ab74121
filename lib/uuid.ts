const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id taken from a URL has the shape of a UUID, so a malformed one is "not found"
 * rather than a database error on the `::uuid` cast.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
