// Activity indicators: periods and weeks in the configured zone, per-KIM/kecamatan/district
// figures, the activity score and inactive KIMs. Knows nothing of Telegram.
export * from "./periods.js";
export * from "./indicators.js";
export * from "./score.js";
export * from "./inactive.js";
export { compareNames, DECIDED_STATUSES, FLAGGED_RISK_LEVELS, REJECTED_STATUSES } from "./definitions.js";
export { currentStreak, type StreakWindow } from "./streak.js";
export { formatCivil, formatLocalDateTime, isValidTimeZone, type CivilDate } from "./zoned.js";
