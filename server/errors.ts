import "server-only";

/**
 * A refusal the user can act on (a duplicate name, a rule like "the last admin stays").
 * Server actions turn it into a form message; anything else is an unexpected failure.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
