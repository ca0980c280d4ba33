## Onboarding: invite links, choosing a KIM, profile.

invite-invalid = This invite link is no longer valid. Ask the Diskominfo admins for a new one, or type /start to choose your KIM.
invite-already = You are already a member of <b>{ $kim }</b>. 👍
join-confirm =
    Join <b>{ $kim }</b> (Kecamatan { $kecamatan })?
    Your name will be shown as: <b>{ $name }</b>
join-move-warning = ⚠️ You are now a member of <b>{ $current }</b>. If you continue, you move to the new KIM.
join-button-yes = ✅ Yes, join
join-button-rename = ✏️ Change name
button-cancel = ❌ Cancel
button-back = ⬅️ Back
button-next = Next ➡️
join-ask-name = Type the name you want to show (2–64 characters):
join-bad-name = The name must be 2–64 characters and not start with "/". Try again:
join-done =
    🎉 Welcome to <b>{ $kim }</b>, { $name }!

    Send your KIM's news or activity photos right here, or type /kirim to be guided step by step.
join-cancelled = OK, cancelled.
pick-kecamatan = Choose your KIM's kecamatan:
pick-kim = Choose a KIM in Kecamatan <b>{ $kecamatan }</b>:
pick-kecamatan-without = <i>No KIM is registered yet in: { $list }. If your KIM is there, ask the Diskominfo admins for its invite link.</i>
pick-no-kim = No KIM is registered in this kecamatan yet. Please contact the Diskominfo admins.
registry-empty = The KIM list is empty. Please contact the Diskominfo admins.
request-confirm =
    Send a request to join <b>{ $kim }</b> (Kecamatan { $kecamatan })?
    Your name: <b>{ $name }</b>
    An admin will review your request.
request-button-send = ✅ Send request
request-sent = 📨 Your request to join <b>{ $kim }</b> was sent. You will be told once an admin has reviewed it.
request-pending = ⏳ Your request to join <b>{ $kim }</b> is still waiting for an admin.
request-approved = ✅ Your request was approved! Welcome to <b>{ $kim }</b>. Send your KIM's news or photos here, or type /kirim.
request-rejected = Sorry, your request to join <b>{ $kim }</b> was not approved. Contact the Diskominfo admins if you have questions.
admin-join-request =
    🙋 <b>Join request</b>
    Name: { $name }{ $username }
    KIM: <b>{ $kim }</b> (Kec. { $kecamatan })
admin-join-approve = ✅ Approve
admin-join-reject = ❌ Reject
admin-join-approved = ✅ Approved by { $admin }
admin-join-rejected = ❌ Rejected by { $admin }
admin-join-already = This request was already decided.
welcome-member = Hello, { $name }! You are a member of <b>{ $kim }</b>. Send news or photos here, or type /kirim. Type /help for help.
profile =
    👤 <b>Your profile</b>
    Name: { $name }
    KIM: { $kim }
    Kecamatan: { $kecamatan }
    Status: { $status }
    Joined: { $joined }
    Submissions: { $count }
profile-none = You are not registered in any KIM yet. Open the invite link from the admins, or type /start to choose a KIM.
status-active = active
status-pending = waiting for approval
status-removed = removed
status-none = not registered
not-registered = You are not registered as a KIM member yet. Open the invite link from the Diskominfo admins, or type /start to choose your KIM.
removed-notice = You are no longer registered as a member of <b>{ $kim }</b>. Contact the Diskominfo admins if this is a mistake.
not-registered-removed = You are no longer registered in any KIM. To join again, open an invite link from the Diskominfo admins or type /start.
