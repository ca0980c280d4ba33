// The current streak: the one definition of consecutive active weeks, whatever tells which weeks
// were active (the period's weekly counts, the summary's bit masks, week lists from a query).

/** Where a streak is counted: the current local week index, and how many weeks back (it included). */
export interface StreakWindow {
  currentWeek: number;
  lookbackWeeks: number;
}

/**
 * The last week of the current streak: the current week when it is already active, else the
 * week before (a week that has not ended yet does not break a streak).
 */
export function streakEnd(active: (week: number) => boolean, currentWeek: number): number {
  return active(currentWeek) ? currentWeek : currentWeek - 1;
}

/**
 * Consecutive active weeks ending with the current week, or with last week when the current week
 * has no submission yet, counting only weeks within the window's lookback.
 */
export function currentStreak(active: (week: number) => boolean, window: StreakWindow): number {
  const oldest = window.currentWeek - window.lookbackWeeks + 1;
  let at = streakEnd(active, window.currentWeek);
  let streak = 0;
  while (at >= oldest && active(at)) {
    streak++;
    at--;
  }
  return streak;
}
