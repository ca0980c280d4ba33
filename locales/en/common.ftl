## Common texts. Every message is sent as HTML: variables are escaped before they get here.

start-welcome =
    Hello, { $name }! 👋
    I am <b>JEDI KIM Bot</b>, the assistant of the community information groups (KIM).

    Send your KIM's news, photos or activities here. Diskominfo admins review them, and approved ones are published on the public channel.

    Type /help to see how it works.
help =
    <b>How to use JEDI KIM Bot</b>

    📝 Send a text, photos (albums too), a video or a document: I will ask you to confirm first.
    🧭 /kirim — send news step by step
    📋 /status — see your submissions and their state
    👤 /profil — see your KIM and status
    🔎 /cek — check whether a message looks like a hoax
    ❌ /batal — cancel the current step

    Not registered yet? Ask an admin for your KIM's invite link, or type /start to choose your KIM.
help-guest =
    <b>How to use JEDI KIM Bot</b>

    This bot is for members of a Komunitas Informasi Masyarakat (KIM). To join:
    🔗 open your KIM's invite link from the Diskominfo admins, or
    🧭 type /start and choose your kecamatan and KIM (an admin approves it).
    Once registered, you can send news and photos here.

    🔎 /cek text — meanwhile anyone can check whether a message looks like a hoax.
chat-id-group =
    This group's id: <code>{ $id }</code>
    If this is the admin group, set ADMIN_CHAT_ID={ $id } in .env, make the bot an administrator of the group, then restart the bot.
chat-id-private =
    Your Telegram id: <code>{ $id }</code>
    For a channel's number: forward one of its posts to this chat.
chat-id-channel =
    This channel's id: <code>{ $id }</code>
channel-id =
    Channel "{ $title }"{ $username }: <code>{ $id }</code>
    Set CHANNEL_ID={ $id } in .env, make the bot an administrator of the channel with the right to post messages, then restart the bot.
error-saved = Sorry, something went wrong for a moment. Your message is saved; its preview will follow shortly. 🙏
too-fast = ⏳ Too fast. Please wait a moment, then send again.
error-storage = Sorry, the server has a problem and could not save your message. Please try again later. 🙏
error-not-saved = Sorry, something went wrong for a moment and this message was not processed. Please send it again in a moment. 🙏
unhandled = Sorry, I did not understand that. Type /help to see what I can do.
command-start = Start
command-help = Help
menu-kirim = Send news step by step
menu-status = My submissions and their state
menu-profil = My KIM and membership
menu-cek = Check whether a message looks like a hoax
menu-batal = Cancel the current step
menu-bantuan = How to use the bot
menu-admin-antrian = Submissions waiting for review
menu-admin-riwayat = History of one submission
menu-admin-hoaks = Known false claims
menu-admin-cek = Check a text
menu-admin-undangan = KIM invite links
menu-admin-anggota = Members of one KIM
menu-admin-kim = KIM registry
menu-admin-laporan = KIM activity report
menu-admin-dasbor = Web dashboard: KIM indicators, table and charts
menu-admin-pengingat = Weekly reminders: preview or send
menu-admin-terbitkan_ulang = Publish again an item that failed to publish
menu-admin-impor = Import the KIM registry (CSV captioned /impor)
menu-admin-undangan_baru = Replace one KIM's invite link
menu-admin-keluarkan = Remove a member from their KIM
menu-admin-pindah = Move a member to another KIM
menu-admin-jeda = Pause one KIM's reminders
menu-admin-lanjut = Resume one KIM's reminders
menu-admin-periksa = Check the bot's settings, group and channel
menu-admin-id = This chat's id
menu-admin-bantuan = List of admin commands
admin-help-title =
    🧭 <b>Admin group commands</b>
    Buttons on a review card: ✅ Approve · ❌ Reject · ✏️ Ask for a revision · 🚫 Hoax.
admin-help-antrian = /antrian — submissions waiting for a decision, oldest first, with links to their cards
admin-help-riwayat = /riwayat 128 — the history of one submission: who did what, when, and its revisions
admin-help-terbitkan_ulang = /terbitkan_ulang 128 — publish again an item that failed to publish, once the problem is fixed
admin-help-cek = /cek text — check whether a text looks like a hoax (or reply /cek to a message)
admin-help-hoaks = /hoaks — known false claims; /hoaks tambah text | source link; /hoaks hapus 12; /hoaks sumber; a CSV/JSON file captioned /hoaks impor
admin-help-kim = /kim — the KIM registry per kecamatan with member counts
admin-help-impor = /impor — send a CSV file (kecamatan,desa,nama_kim) captioned /impor to add or update the registry
admin-help-undangan = /undangan [KIM name] — invite links of all KIMs or of one
admin-help-undangan_baru = /undangan_baru KIM name — replace a KIM's invite code (the old link stops working)
admin-help-anggota = /anggota KIM name — members of one KIM with their Telegram ids
admin-help-keluarkan = /keluarkan ID — remove a member from their KIM (the member is told)
admin-help-pindah = /pindah ID KIM name — move a member to another KIM
admin-help-laporan = /laporan [period] — activity indicators: summary, two charts and the CSV table (minggu-ini, 4-minggu, bulan-ini, 2026-11, 12-bulan, 2026-11-01..2026-11-30)
admin-help-dasbor = /dasbor — open the web dashboard (indicators, a table of every KIM, charts, a page per KIM); in a private chat: a one-time sign-in link
admin-help-pengingat = /pengingat cek — preview the next reminders; /pengingat kirim — send now to inactive KIMs
admin-help-jeda = /jeda KIM name [| YYYY-MM-DD] — pause one KIM's reminders (until that date)
admin-help-lanjut = /lanjut KIM name — resume one KIM's reminders
admin-help-periksa = /periksa — check the token, the admin group and the channel; waiting work resumes when all is well
admin-help-id = /id — this chat's id (for ADMIN_CHAT_ID); forward a channel post to the bot in a private chat for the channel's id
admin-help-bantuan = /bantuan — this list
