// Small pieces of text as people read them; dates come from src/dates.ts, shared with the reports.
export { formatDate, formatDateTime } from "../dates.js";

/** Shortens text for previews and lists without cutting a word in half where avoidable. */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Joins lines into messages under Telegram's 4096-character limit. Lines are never split, so
 * the HTML of each line stays whole.
 */
export function chunkLines(lines: string[], max = 4000): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines) {
    const piece = line.length > max ? `${line.slice(0, max - 1)}…` : line;
    if (current && current.length + 1 + piece.length > max) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}
