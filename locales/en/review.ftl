## Review cards in the admin group, decisions and publishing.

card-title = 📥 <b>Submission #{ $id }</b> · { $kind }
card-sender = 👤 { $name }{ $username } · <b>{ $kim }</b> · Kec. { $kecamatan }
card-time = 🕒 { $time }
card-record = 📊 Last { $days } days: { $published } published · { $rejected } rejected · { $hoax } hoax · { $flagged } flagged
card-revision-of = ↩️ Revision of #{ $id }
card-not-screened = 🔎 Screening: not screened
card-screening = Screening: { $level } · score { $score }
card-decided-approved = ✅ Approved by { $admin } · { $time }
card-decided-rejected = ❌ Rejected by { $admin } · { $time }
    Reason: { $reason }
card-decided-hoax = 🚫 Marked as hoax by { $admin } · { $time }
card-decided-revision = ✏️ Revision requested by { $admin } · { $time }
    Note: { $reason }
card-decided-withdrawn = ↩️ Withdrawn by the sender · { $time }
card-published = 📢 Published: { $link }
card-publish-failed = ⚠️ Publishing failed. Type /terbitkan_ulang { $id } once the problem is fixed.
review-approve = ✅ Approve
review-reject = ❌ Reject
review-revision = ✏️ Ask for revision
review-hoax = 🚫 Hoax
review-back = ⬅️ Back
review-flag-confirm = ⚠️ Yes, approve anyway
review-flag-warning = ⚠️ This submission is flagged as risky. Check the reasons, then press "Yes, approve anyway" if you are sure.
review-hoax-confirm = 🚫 Yes, mark as hoax
review-hoax-warning = Mark as hoax? Its text and photos are stored as a false claim for future screening.
review-reject-typed = ✍️ Type a reason
reject-preset-0 = Not newsworthy
reject-preset-1 = Photo quality too low
reject-preset-2 = Information not verified
reject-preset-3 = Duplicate of another submission
ask-reject-reason = ✍️ Reply to this message with the reason for rejecting submission #{ $id }.
ask-revision-note = ✏️ Reply to this message with the revision note for submission #{ $id }.
review-not-admin = Only members of the admin group can decide.
review-already = Already decided by { $admin } ({ $state }).
review-stale = This button is no longer valid.
member-rejected =
    Submission #{ $id } cannot be published.
    Reason: { $reason }
    Don't be discouraged: improve it and send it again! 🙏
member-revision =
    ✏️ The admins ask for a correction of submission #{ $id }:
    <i>{ $note }</i>

    Press the button below, then send the corrected version.
member-revision-button = ✏️ Send correction
revise-send-now = Please send the corrected version of submission #{ $id } now (text, photo, video or document).
member-hoax =
    🚫 Submission #{ $id } was not published because it contains information already found to be false (a hoax).
    Thank you for caring about sharing information. Before passing news on, check it at cekfakta.com or turnbackhoax.id, or ask the admins with /cek. 🙏
member-published = 📢 Submission #{ $id } is now on the channel: { $link }
    Thank you for your contribution! 🙌
post-attribution = 📍 <b>{ $kim }</b> · Kecamatan { $kecamatan }
publish-failed-alert =
    ⚠️ <b>Submission #{ $id } could not be published</b>
    Reason: { $reason }
    Fix the problem (for example make sure the bot is an admin of the channel), then type /terbitkan_ulang { $id }.
republish-usage = Write the submission number: /terbitkan_ulang 128
republish-done = 🔄 Submission #{ $id } is scheduled to be published again.
republish-not-failed = Submission #{ $id } is not in the "publishing failed" state.
queue-title = 🗂️ <b>Review queue</b>: { $total } submissions waiting
queue-empty = ✅ No submissions are waiting.
queue-line = #{ $id } · { $age } · { $kim } — { $link }
queue-sending = 📤 { $count } messages are waiting for their turn to be sent to this group (Telegram allows about 20 a minute; review cards go first).
queue-requeued = 🔁 { $count } submissions had no card in this group; their cards are being sent again now.
queue-more = …and { $count } more.
stale-announcement = ⏰ <b>Still waiting for a decision</b> (more than { $hours } hours):
history-title = 📜 <b>History of submission #{ $id }</b>
history-usage = Write the submission number: /riwayat 128
reference-unknown = There is no submission numbered { $ref }. Write the number like 128 or #128.
history-none = Submission #{ $id } was not found.
age-hours = { $n } h
age-days = { $n } d
history-event = { $time } · { $what }
history-bot = the bot
history-sent = sent by { $who }
history-approved = approved by { $who }
history-published = published on the channel: { $link }
history-rejected = rejected by { $who }: { $reason }
history-hoax = marked as a hoax by { $who }
history-revision = revision asked by { $who }: { $note }
history-withdrawn = withdrawn by its sender ({ $who })
history-publish-failed = publishing failed: { $reason }
history-republish = scheduled to publish again by { $who }
history-removed = removed from the channel by { $who }
history-recheck-alert = re-checked: like the new known false claim #{ $claim }, admins alerted
history-rechecked = re-checked against the new known false claim #{ $claim }
history-post-deleted = channel post deleted
history-post-delete-failed = channel post not deleted yet: { $reason }
history-claim-added = stored as known false claim #{ $claim }
history-other = recorded by { $who }
history-earlier = ↩️ Earlier version: #{ $id }
history-later = ↪️ Corrected version: { $ids }
reason-needs-reply = ✍️ To record it for submission #{ $id }, reply to the request above with your reason or note.
review-done-approve = ✅ Approved, published shortly.
review-done-reject = ❌ Rejected; the sender is told.
review-done-hoax = 🚫 Marked as a hoax; the claim is kept for screening.
review-done-revision = ✏️ Revision asked; the sender is told.
card-member-unreachable = ⚠️ The sender cannot be told: they blocked the bot.
