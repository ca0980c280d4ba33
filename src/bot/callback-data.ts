// Button payloads. Each is a short prefix and numeric or code fields, at most 64 bytes, and each
// handler matches its payload with an anchored pattern: anything else (stale or forged) falls
// through to the unhandled feature, which refuses it.
export const callbackData = {
  join: (kimId: number, code: string) => `j:${kimId}:${code}`,
  joinRename: (kimId: number, code: string) => `jn:${kimId}:${code}`,
  joinCancel: () => "jx",
  pickKecamatan: (kecamatanId: number, page = 0) => `rk:${kecamatanId}:${page}`,
  pickKim: (kimId: number) => `rm:${kimId}`,
  pickBack: () => "rb",
  requestSend: (kimId: number) => `ry:${kimId}`,
  requestRename: (kimId: number) => `rn:${kimId}`,
  joinDecision: (requestId: number, approve: boolean) => `jr:${approve ? "y" : "n"}:${requestId}`,
  submit: (submissionId: number) => `s:y:${submissionId}`,
  cancelDraft: (submissionId: number) => `s:n:${submissionId}`,
  withdrawAsk: (submissionId: number) => `w:a:${submissionId}`,
  withdrawYes: (submissionId: number) => `w:y:${submissionId}`,
  withdrawNo: (submissionId: number) => `w:n:${submissionId}`,
  reviseStart: (submissionId: number) => `rv:${submissionId}`,
  /** Review card buttons: approve, approve after the flag warning, reject, hoax, revision, back. */
  review: (action: ReviewAction, submissionId: number) => `v:${action}:${submissionId}`,
  rejectPreset: (preset: number, submissionId: number) => `vr:${preset}:${submissionId}`,
} as const;

export type ReviewAction = "a" | "A" | "r" | "h" | "H" | "e" | "t" | "b";

export const callbackPattern = {
  join: /^j:(\d{1,9}):([A-Za-z0-9_-]{8,40})$/,
  joinRename: /^jn:(\d{1,9}):([A-Za-z0-9_-]{8,40})$/,
  joinCancel: /^jx$/,
  pickKecamatan: /^rk:(\d{1,9}):(\d{1,3})$/,
  pickKim: /^rm:(\d{1,9})$/,
  pickBack: /^rb$/,
  requestSend: /^ry:(\d{1,9})$/,
  requestRename: /^rn:(\d{1,9})$/,
  joinDecision: /^jr:([yn]):(\d{1,9})$/,
  submit: /^s:y:(\d{1,9})$/,
  cancelDraft: /^s:n:(\d{1,9})$/,
  withdrawAsk: /^w:a:(\d{1,9})$/,
  withdrawYes: /^w:y:(\d{1,9})$/,
  withdrawNo: /^w:n:(\d{1,9})$/,
  reviseStart: /^rv:(\d{1,9})$/,
  review: /^v:([aArhHetb]):(\d{1,9})$/,
  rejectPreset: /^vr:([0-9]):(\d{1,9})$/,
  /** Anything that looks like a review button, valid or not: refused outside the admin group. */
  anyReview: /^v[r]?:/,
} as const;

/** The numeric group of a matched pattern. */
export function idFrom(match: RegExpMatchArray | string | undefined, group = 1): number {
  if (!match || typeof match === "string") return NaN;
  return Number(match[group]);
}
