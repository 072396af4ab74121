/**
 * What the sign-in form is told when the password was right and the account's second factor is
 * due: next-auth passes an error thrown by `authorize` to the form as this string.
 */
export const CODE_REQUIRED_ERROR = "KODE_DIPERLUKAN";
