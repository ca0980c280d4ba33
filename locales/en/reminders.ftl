## Weekly reminders, /pengingat, /jeda, /lanjut and /laporan.

reminder-text =
    👋 Hello, { $name }!
    <b>{ $kim }</b> has not sent any news since { $last }. Please share an activity or information from your village this week. 🙌
    Type /kirim or press the button below.
reminder-text-never =
    👋 Hello, { $name }!
    <b>{ $kim }</b> has not sent any news through this bot yet. Start this week: share an activity or information from your village. 🙌
    Type /kirim or press the button below.
reminder-button = 📝 Send news
reminder-summary-title = 🔔 <b>Weekly reminders { $week }</b>{ $catchup }
reminder-summary-catchup = (catch-up)
reminder-summary-kecamatan = • { $kecamatan }: { $parts }
reminder-part-active = { $count } active
reminder-part-inactive = { $count } inactive
reminder-part-new = { $count } new
reminder-part-paused = { $count } paused
reminder-summary-all-active = All { $count } KIMs were active this week. 👏
reminder-summary-none = No reminder was sent.
reminder-summary-new-grace = Newly registered, not reminded in their first week: { $count } KIMs: { $list }
reminder-summary-new = Newly registered: { $count } KIMs: { $list }
reminder-summary-no-members = Without an active member who can be reached: { $count } KIMs: { $list }
reminder-summary-blocked = { $count } members blocked the bot and get no reminder.
reminder-summary-more = and { $count } more
reminder-summary-reminded = Reminded: { $kims } KIMs, { $members } members
reminder-summary-reminded-list = { $list }
reminder-summary-already = Already reminded earlier this week: { $count } KIMs
reminder-summary-paused = Paused: { $count } KIMs
reminder-preview-title = 🔎 <b>Reminder preview</b> ({ $schedule }; next { $next })
reminder-preview-line = • { $kim } (Kec. { $kecamatan }): { $members } members · last { $last }
reminder-preview-none = No KIM would be reminded now.
reminder-preview-skipped = Skipped: { $paused } paused · { $new } new (first week) · { $already } already reminded this week · { $nomembers } without active members
reminder-confirm = 🔔 Send a reminder now to { $members } members of { $kims } KIMs that have sent nothing since { $since }{ $newnote }?
reminder-confirm-new = { " " }({ $count } new KIMs included)
reminder-confirm-button = ✅ Send to { $members } members in { $kims } KIMs
reminder-confirm-cancel = Cancel
reminder-confirm-cancelled = The reminder was not sent.
reminder-confirm-already = This reminder has already been sent.
reminder-send-nothing = No KIM needs a reminder now.
reminder-no-kims = No KIM is registered yet. Import the KIM list with /impor.
reminder-never = never
reminder-usage = /pengingat cek — preview · /pengingat kirim — send now
reminder-sent-now = 🔔 Reminders sent to { $members } members of { $kims } KIMs.
pause-usage = Write the KIM's name and, if needed, an end date: /jeda KIM Pawawara | 2026-12-31
pause-done = ⏸ { $kim } is paused{ $until }: it will not be reminded.
pause-until = { " " }until { $date }
pause-bad-date = The date must look like YYYY-MM-DD, for example 2026-12-31.
resume-usage = Write the KIM's name: /lanjut KIM Pawawara
resume-done = ▶️ { $kim } gets reminders again.
report-usage = Period: { $examples }
report-bad-period = Unknown period. Examples: { $examples }
