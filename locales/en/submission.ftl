## Submitting content.

preview =
    📝 <b>Submission preview</b>
    Type: { $kind }
    { $body }
preview-question = Send it to the admins for review?
preview-no-text = (no text)
preview-small-photo = ⚠️ The { $size } px photo may be too small to publish. Please send a bigger photo (at least { $min } px on the long side). Tip: send it as a normal photo, not a screenshot.
preview-album-full = ⚠️ An album holds at most { $max } photos: the rest are not included.
kind-text = Text
kind-photo = Photo
kind-album = Album ({ $count } photos/videos)
kind-video = Video
kind-document = Document
button-send = ✅ Send
submitted =
    ✅ <b>Sent!</b> Your submission number is <b>#{ $id }</b>.
    The admins will review it and you will be told the outcome. See all your submissions with /status.
submit-cancelled = ❌ Submission cancelled. Nothing was sent to the admins.
submit-already = This submission was already processed.
submit-empty = The submission is empty. Send a text, photo, video or document.
limit-hour = ⏳ You sent { $max } submissions in the last hour. Please try later; this draft is kept, press Send again later.
limit-day = ⏳ You sent { $max } submissions today. Please try tomorrow; this draft is kept, press Send again later.
too-big = This file is { $size } MB, more than the { $max } MB the bot can accept. Make it smaller or shorter and send it again.
album-too-many = An album holds at most { $max } photos or videos. Item { $position } is not included; send it as a new submission if needed.
unsupported = Sorry, I cannot accept { $what } yet. I accept text, photos (albums too), videos and documents.
unsupported-sticker = stickers
unsupported-voice = voice messages
unsupported-video-note = video notes
unsupported-audio = audio
unsupported-location = locations
unsupported-contact = contacts
unsupported-poll = polls
unsupported-dice = dice
unsupported-animation = GIFs
unsupported-other = this kind of message
forward-not-allowed = Messages forwarded from channels cannot be submitted. Send news of your own KIM's activities: type the story and add your photos.
status-title = 📋 <b>Your latest submissions</b>
status-empty = You have no submissions yet. Send news or a photo here, or type /kirim.
status-line = #{ $id } · { $date } · { $kind } · { $state }
status-withdraw-hint = Submissions still waiting can be withdrawn with the buttons below.
withdraw-button = ↩️ Withdraw #{ $id }
withdraw-confirm = Withdraw submission #{ $id }? The admins will not review it.
withdraw-yes = Yes, withdraw
withdraw-no = No
withdrawn = ↩️ Submission #{ $id } was withdrawn.
withdraw-too-late = Submission #{ $id } can no longer be withdrawn: it is { $state }.
state-pending = ⏳ waiting for review
state-revision = ✏️ needs revision
state-approved = ✅ approved
state-published = 📢 published
state-rejected = ❌ rejected
state-hoax = 🚫 marked as hoax
state-withdrawn = ↩️ withdrawn
state-publish_failed = ⚠️ publishing failed, admins are on it
state-draft = 📝 draft
state-cancelled = cancelled
## Guided flow (/kirim).
guided-what = 🧭 <b>Send news step by step</b> (type /batal to stop)

    1/4 — <b>What happened?</b> Tell the news briefly.
guided-where = 2/4 — <b>Where?</b> (village, place)
guided-when = 3/4 — <b>When?</b> (for example: Monday, 24 November 2026)
guided-when-today = Today
guided-photos = 4/4 — <b>Photos</b>: send one or more photos of the activity. Press <b>Done</b> when finished, or <b>Skip</b> if there are none.
guided-photo-received = 📷 Photo { $count } received. Send more, or press Done.
guided-done = ✅ Done
guided-skip = Skip
guided-need-text = Please answer with text (or /batal to stop).
guided-need-photo = Send a photo, or press Done / Skip.
guided-too-many = That is { $max } photos, the limit for one submission. Press Done.
guided-summary-where = 📍 { $where }
guided-summary-when = 🗓️ { $when }
cancelled = ❌ Cancelled. Nothing was sent.
nothing-to-cancel = Nothing is in progress.
