/**
 * Email addresses, checked pragmatically (not full RFC 5322: no quoted local parts, no IP
 * literals, ASCII only): one `@`, no spaces, a local part of at most 64 characters without
 * leading, trailing or doubled dots, a domain of dot-separated labels ending in a TLD of at
 * least 2 letters, 254 characters in all. The domain is lowercased; the local part is kept.
 */
import { cellText, EMPTY, invalid, type ParseResult, type RawInput } from "./parse-result.ts";

export type EmailInvalidCode =
  | "too_long"
  | "non_ascii"
  | "multiple"
  | "spaces"
  | "at_sign"
  | "local_part"
  | "domain"
  | "tld";

export type EmailResult = ParseResult<
  {
    /** The address with its domain lowercased. */
    value: string;
    /** Lowercased. */
    domain: string;
  },
  EmailInvalidCode
>;

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const MAX_LABEL_LENGTH = 63;

const TOO_LONG = invalid("too_long", `Alamat email terlalu panjang (maksimal ${MAX_EMAIL_LENGTH} karakter)`);
const NON_ASCII = invalid("non_ascii", "Alamat email mengandung huruf atau simbol di luar ASCII");
const MULTIPLE = invalid("multiple", "Berisi lebih dari satu alamat email");
const SPACES = invalid("spaces", "Alamat email tidak boleh mengandung spasi");
const NO_AT = invalid("at_sign", "Alamat email tidak memuat tanda @");
const MANY_AT = invalid("at_sign", "Alamat email memuat lebih dari satu tanda @");
const LOCAL_EMPTY = invalid("local_part", "Bagian sebelum @ kosong");
const LOCAL_TOO_LONG = invalid("local_part", `Bagian sebelum @ terlalu panjang (maksimal ${MAX_LOCAL_LENGTH} karakter)`);
const LOCAL_CHARACTERS = invalid("local_part", "Bagian sebelum @ mengandung karakter yang tidak sah");
const LOCAL_DOTS = invalid("local_part", "Bagian sebelum @ tidak boleh diawali/diakhiri titik atau memuat titik ganda");
const DOMAIN_EMPTY = invalid("domain", "Domain email (setelah @) kosong");
const DOMAIN_NO_DOT = invalid("domain", "Domain email harus memuat titik (mis. perusahaan.co.id)");
const DOMAIN_LABEL = invalid(
  "domain",
  "Domain email tidak valid (bagian kosong, terlalu panjang, atau tanda hubung di awal/akhir)",
);
const DOMAIN_CHARACTERS = invalid("domain", "Domain email mengandung karakter yang tidak sah");
const TLD = invalid("tld", "Akhiran domain email harus berupa huruf, minimal 2 (mis. .id, .com)");

function isAlphaNumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Local-part symbols allowed unquoted (RFC 5322 atext), besides letters, digits and dots. */
function isLocalSymbol(code: number): boolean {
  switch (code) {
    case 33: // !
    case 35: // #
    case 36: // $
    case 37: // %
    case 38: // &
    case 39: // '
    case 42: // *
    case 43: // +
    case 45: // -
    case 47: // /
    case 61: // =
    case 63: // ?
    case 94: // ^
    case 95: // _
    case 96: // `
    case 123: // {
    case 124: // |
    case 125: // }
    case 126: // ~
      return true;
    default:
      return false;
  }
}

export function parseEmail(input: RawInput): EmailResult {
  const text = cellText(input);
  if (text.length === 0) return EMPTY;
  if (text.length > MAX_EMAIL_LENGTH) return TOO_LONG;

  // One pass for what disqualifies the whole cell.
  let atCount = 0;
  let at = -1;
  let hasSpace = false;
  let hasListSeparator = false;
  let hasUpperInDomain = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 126) return NON_ASCII;
    if (code <= 32) hasSpace = true;
    else if (code === 64 /* @ */) {
      atCount++;
      at = i;
    } else if (code === 44 || code === 59) hasListSeparator = true; // , ;
    else if (atCount > 0 && code >= 65 && code <= 90) hasUpperInDomain = true;
  }
  if (atCount > 1 && (hasSpace || hasListSeparator)) return MULTIPLE;
  if (hasSpace) return SPACES;
  if (atCount === 0) return NO_AT;
  if (atCount > 1) return MANY_AT;

  // Local part.
  if (at === 0) return LOCAL_EMPTY;
  if (at > MAX_LOCAL_LENGTH) return LOCAL_TOO_LONG;
  if (text.charCodeAt(0) === 46 || text.charCodeAt(at - 1) === 46) return LOCAL_DOTS;
  for (let i = 0; i < at; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (text.charCodeAt(i + 1) === 46) return LOCAL_DOTS;
    } else if (!isAlphaNumeric(code) && !isLocalSymbol(code)) {
      return LOCAL_CHARACTERS;
    }
  }

  // Domain: labels of letters, digits and inner hyphens; the last one (TLD) letters only.
  const domainStart = at + 1;
  if (domainStart === text.length) return DOMAIN_EMPTY;
  let labelStart = domainStart;
  let dots = 0;
  for (let i = domainStart; i <= text.length; i++) {
    const code = i === text.length ? 46 : text.charCodeAt(i);
    if (code === 46) {
      const labelLength = i - labelStart;
      if (
        labelLength === 0 ||
        labelLength > MAX_LABEL_LENGTH ||
        text.charCodeAt(labelStart) === 45 ||
        text.charCodeAt(i - 1) === 45
      ) {
        return DOMAIN_LABEL;
      }
      if (i < text.length) dots++;
      labelStart = i + 1;
    } else if (!isAlphaNumeric(code) && code !== 45) {
      return DOMAIN_CHARACTERS;
    }
  }
  if (dots === 0) return DOMAIN_NO_DOT;
  const tldStart = text.lastIndexOf(".") + 1;
  if (text.length - tldStart < 2) return TLD;
  for (let i = tldStart; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) return TLD;
  }

  const domain = hasUpperInDomain ? text.slice(domainStart).toLowerCase() : text.slice(domainStart);
  const value = hasUpperInDomain ? `${text.slice(0, domainStart)}${domain}` : text;
  return { kind: "ok", value, domain };
}

/**
 * `budi@example.co.id` → `b•••@example.co.id`: the first character and the domain stay; always
 * three dots, so the mask does not reveal the length. Input without `@` is masked entirely.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/**
 * Free webmail and consumer-ISP domains: an address there belongs to a person, not to the
 * business. Includes the Indonesian ones (yahoo.co.id, plasa.com, telkom.net).
 */
const PERSONAL_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.id",
  "ymail.com",
  "rocketmail.com",
  "hotmail.com",
  "hotmail.co.id",
  "outlook.com",
  "outlook.co.id",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "mail.com",
  "gmx.com",
  "proton.me",
  "protonmail.com",
  "yandex.com",
  "zoho.com",
  "plasa.com",
  "telkom.net",
]);

/** True for an address (or a bare domain) at a personal webmail provider; case-insensitive. */
export function isPersonalEmailDomain(emailOrDomain: string): boolean {
  const at = emailOrDomain.lastIndexOf("@");
  const domain = at < 0 ? emailOrDomain : emailOrDomain.slice(at + 1);
  return PERSONAL_EMAIL_DOMAINS.has(domain.trim().toLowerCase());
}
