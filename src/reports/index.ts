// Report renderers (PNG charts, CSV, text summary) over an IndicatorReport. Telegram-free.
export * from "./chart.js";
export * from "./csv.js";
export * from "./summary.js";
export * from "./format.js";
