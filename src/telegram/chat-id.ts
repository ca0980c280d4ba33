/** Telegram ids fit in a double (at most 52 bits); channel usernames stay strings. */
export function toChatId(id: string): number | string {
  return /^-?\d+$/.test(id) ? Number(id) : id;
}
