// Weekly reminder planning: schedule (node-cron v4), due/catch-up decision, plan and the
// exactly-once recording of a week's run. The bot wires sending (enqueue) and the timer.
export * from "./schedule.js";
export * from "./plan.js";
