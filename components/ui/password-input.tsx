"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/password-policy.ts";

// No look-alike characters (0/O, 1/l/I): the admin reads this password off the screen to the user.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
// 16 characters of 55: ~92 bits, well past the 12-character minimum.
const GENERATED_LENGTH = 16;

function generatePassword(): string {
  const picks = new Uint32Array(GENERATED_LENGTH);
  crypto.getRandomValues(picks);
  // Modulo bias over 2^32 for 55 symbols is ~1e-8: negligible.
  return Array.from(picks, (n) => ALPHABET[n % ALPHABET.length]).join("");
}

/** A password field with "Buat acak", which fills in a random password and shows it. */
export function PasswordInput({ id, label, name, error }: { id: string; label: string; name: string; error?: string }) {
  const [value, setValue] = useState("");
  const [visible, setVisible] = useState(false);
  const hint = `${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} karakter, tidak mudah ditebak. Pengguna wajib menggantinya saat pertama masuk. Sampaikan secara langsung, bukan lewat surel atau grup obrolan.`;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <div className="flex gap-2">
        <input
          {...fieldAria(id, error, hint)}
          name={name}
          type={visible ? "text" : "password"}
          autoComplete="new-password"
          spellCheck={false}
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          required
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className={`${inputClass} font-mono`}
        />
        <Button
          variant="secondary"
          onClick={() => {
            setValue(generatePassword());
            setVisible(true);
          }}
        >
          Buat acak
        </Button>
        <Button variant="ghost" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
          Tampilkan
        </Button>
      </div>
    </Field>
  );
}
