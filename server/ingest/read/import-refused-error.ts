import "server-only";
import { DomainError } from "@/server/errors.ts";

/**
 * Why a partner file was refused as a whole, before or while reading it. The pipeline reports the
 * `message` to the user as is; the `code` (snake_case, like audit reasons) is for callers, tests,
 * the audit trail and the batch history.
 */
export type ImportRefusedCode =
  // Raised around the reader by the pipeline (server/ingest/import-file.ts).
  | "unknown_source"
  | "bad_period"
  | "header"
  // Raised by the reader.
  | "file_too_large"
  | "empty_file"
  | "no_header"
  | "unsupported_format"
  | "invalid_encoding"
  | "unclosed_quote"
  | "record_too_large"
  | "zip_too_many_entries"
  | "zip_too_large"
  | "zip_bomb"
  | "zip_size_mismatch"
  | "zip_unsafe_entry_name"
  | "zip_no_csv"
  | "zip_multiple_csv"
  | "zip_password_required"
  | "zip_wrong_password"
  | "zip_unsupported"
  | "zip_corrupt";

/**
 * A file Jangkau will not import, with an Indonesian message the user can act on. Never carries
 * the ZIP password: messages are built from sizes, names and line numbers only.
 */
export class ImportRefusedError extends DomainError {
  readonly code: ImportRefusedCode;
  /** The physical line (1-based) the problem was found on, when it is about one line. */
  readonly line: number | undefined;

  constructor(code: ImportRefusedCode, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(message);
    this.name = "ImportRefusedError";
    this.code = code;
    this.line = options.line;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
