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
reminder-summary-kecamatan = • { $kecamatan }: { $active } active · { $inactive } inactive
reminder-summary-reminded = Reminded: { $kims } KIMs, { $members } members
reminder-summary-reminded-list = { $list }
reminder-summary-unreachable = Could not be reached: { $blocked } members blocked the bot; { $nomembers } KIMs without active members{ $list }
reminder-summary-paused = Paused: { $count } KIMs
reminder-summary-none = Every KIM was active this week. 👏
reminder-preview-title = 🔎 <b>Reminder preview</b> ({ $schedule }; next { $next })
reminder-preview-line = • { $kim } (Kec. { $kecamatan }): { $members } members · last { $last }
reminder-preview-none = No KIM would be reminded now.
reminder-preview-skipped = Skipped: { $paused } paused · { $already } already reminded this week · { $nomembers } without active members
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
