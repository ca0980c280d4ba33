/** Display form of a name typed in a spreadsheet: trimmed, single spaces, Unicode-normalised. */
export function displayName(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Matching key: the display form, lower-cased. "  KIM  Hapau habar" and "kim hapau Habar" are one KIM. */
export function normName(raw: string): string {
  return displayName(raw).toLocaleLowerCase("id");
}

/** A hashtag-safe form of a name: letters and digits only, words joined in CamelCase. */
export function hashtag(raw: string): string {
  const words = displayName(raw)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toLocaleUpperCase("id") + w.slice(1)).join("");
}
