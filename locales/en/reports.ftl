## Activity reports, charts, CSV headers and the reminder schedule (src/reports, src/domain/reminders).
## Messages are HTML: names are escaped before they get here.

report-title = 📊 <b>KIM activity report</b>
report-period = 🗓 { $from } – { $to }
report-overview = 👥 { $active } of { $kims } KIMs sent something · 📝 { $submissions } submissions · 📢 { $published } published
report-content = 📰 { $articles } articles · 📷 { $photos } photos · ⏱ median decision { $hours } h
report-content-no-decisions = 📰 { $articles } articles · 📷 { $photos } photos
report-groups = 🟢 { $aktif } active · 🟡 { $pembinaan } need support · 🔴 { $tidak } inactive
report-group-aktif = Active
report-group-perlu-pembinaan = Needs support
report-group-tidak-aktif = Inactive
report-top-title = <b>🏆 Most active KIMs</b>
report-top-item = { $rank }. { $kim } ({ $kecamatan }) · score { $score } · { $submissions } submissions
report-improve-title = <b>🟡 Need support</b>
report-improve-item = • { $kim } ({ $kecamatan }) · score { $score } · active { $weeks } of { $total } weeks
report-inactive-title = <b>🔴 Inactive</b>
report-inactive-item = • { $kim } ({ $kecamatan }) · last sent { $last }
report-inactive-never = • { $kim } ({ $kecamatan }) · never sent anything
report-paused = ⏸ paused
report-kecamatan-title = <b>📍 Per kecamatan</b>
report-kecamatan-item = • { $kecamatan }: { $active }/{ $kims } KIMs active · { $submissions } submissions · { $published } published · average score { $score }
report-more = … and { $count } more
report-empty = No KIM is registered yet.
report-score-note = Score 0–100: weekly consistency { $consistency }%, number of submissions { $volume }%, accepted submissions { $acceptance }%, recent activity { $recency }%.

report-chart-weekly-title = Published items per week
report-chart-week = Week starting
report-chart-published = Published
report-chart-weekly-top = Top { $shown } of { $total } kecamatan
report-chart-running-week = The last week is still running: counted up to { $date }
report-chart-kecamatan = Kecamatan
report-chart-score-title = KIM activity score
report-chart-score-top = Top { $shown } of { $total } KIMs
report-chart-score = Score (0–100)
report-chart-group = Group

report-csv-kecamatan = Kecamatan
report-csv-kim = KIM
report-csv-kim-id = KIM ID
report-csv-score = Score
report-csv-group = Group
report-csv-submissions = Submissions
report-csv-published = Published
report-csv-articles = Articles
report-csv-photos = Photos
report-csv-decided = Decided
report-csv-rejected = Rejected
report-csv-rejection-pct = Rejected percent
report-csv-flagged = Flagged
report-csv-weeks-active = Active weeks
report-csv-weeks-counted = Weeks counted
report-csv-consistency-pct = Consistency percent
report-csv-streak-weeks = Weeks in a row
report-csv-last-submission = Last submission
report-csv-median-decision-hours = Median decision (hours)
report-csv-paused = Paused
report-yes = yes
report-no = no

report-schedule-weekly = Every { $days } at { $times }
report-schedule-daily = Every day at { $times }
report-schedule-custom = Cron schedule: { $expression }
report-weekday-1 = Monday
report-weekday-2 = Tuesday
report-weekday-3 = Wednesday
report-weekday-4 = Thursday
report-weekday-5 = Friday
report-weekday-6 = Saturday
report-weekday-7 = Sunday

## npm run activity:summary (src/cli/activity-summary.ts)
summary-cli-usage = Usage: npm run activity:summary -- check | rebuild
summary-cli-no-database = The database { $file } does not exist. Check DATABASE_URL.
summary-cli-rebuilt = Activity summary rebuilt: { $rows } rows in { $seconds } s (zone { $zone }).
summary-cli-ok = The activity summary matches a recount from the submissions: { $rows } rows (zone { $zone }).
summary-cli-other-zone = The activity summary counts weeks in { $zone }, not { $expected }: the bot rebuilds it at start, or run npm run activity:summary -- rebuild.
summary-cli-wrong = { $count } of { $rows } activity summary rows do not match ({ $list }). Repair with npm run activity:summary -- rebuild.
summary-cli-no-triggers = Triggers of the activity summary are missing: { $list }. A migration rebuilt the Submission table without creating them again; reports stay right but slower until a migration restores them.
