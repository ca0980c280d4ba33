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
menu-admin-pengingat = Weekly reminders: preview or send
