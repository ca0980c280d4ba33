## Issue 11: fact-check feeds (/hoaks sumber) and the re-check of what is already out.

sources-none = No fact-check sources yet. Set FACTCHECK_FEEDS (RSS, Atom or JSON Feed links) and restart the bot.
sources-never = never
sources-title = 📡 <b>Fact-check sources</b>: { $count }
sources-line =
    ✅ <b>{ $name }</b>
    { $url }
    Last success: { $success } · { $items } items · { $added } claims added
sources-line-failing =
    ⚠️ <b>{ $name }</b>
    { $url }
    Last success: { $success } · { $items } items · { $added } claims added
sources-error = The last attempt ({ $attempt }) failed: { $error }
recheck-card-line = 🔁 Re-checked: similar to new claim #{ $id } from { $publisher } ({ $percent } %)
recheck-card-line-image = 🔁 Re-checked: its photo is similar to new hoax photo #{ $id } from { $publisher }
recheck-source-hoax-mark = an admin decision
recheck-source-admin = the admins' list
recheck-alert =
    🔁 <b>Published submission #{ $id } is similar to a new hoax claim from { $publisher }</b>: "{ $claim }" ({ $percent } %) — review it or delete it from the channel.
    KIM: { $kim }
    Post: { $post }
    Fact-check: { $source }
recheck-alert-image =
    🔁 <b>Published submission #{ $id } has a photo similar to a new hoax photo from { $publisher }</b>: "{ $claim }" — review it or delete it from the channel.
    KIM: { $kim }
    Post: { $post }
    Fact-check: { $source }
recheck-remove-button = 🗑️ Delete from channel
recheck-remove-confirm = Yes, delete from channel
recheck-remove-warning = Submission #{ $id } will be deleted from the channel (all its messages) and the sender told. Tap "Yes, delete from channel" to go on.
recheck-not-admin = Only members of the admin group can delete posts from the channel.
recheck-already-removed = Submission #{ $id } was already deleted from the channel by { $admin }.
recheck-not-published = Submission #{ $id } is not published ({ $state }).
recheck-removed-answer = Submission #{ $id } deleted from the channel.
recheck-removed = 🗑️ Submission #{ $id } was deleted from the channel by { $admin }. The sender has been told.
recheck-delete-failed =
    ⚠️ <b>Submission #{ $id } could not be deleted from the channel</b>
    Reason: { $reason }
    Delete it by hand: { $post }
card-removed = 🗑️ Deleted from the channel after a re-check (see /riwayat { $id })
state-removed = 🗑️ deleted from the channel
member-post-removed =
    🙏 We took submission #{ $id } off the channel. After it was published, it turned out to be similar to news that fact-checkers have found to be false.
    This does not mean you meant any harm — such stories circulate a lot. Thank you for keeping on sharing; before sending, check at cekfakta.com or turnbackhoax.id, or ask with /cek.
