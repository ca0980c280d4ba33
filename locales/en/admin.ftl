## Admin group: registry, invites, members.

import-usage = Send the CSV file (columns: kecamatan,desa,nama_kim) as a document with the caption /impor.
import-not-csv = The file must be a CSV (.csv) of at most 1 MB.
import-bad-file = ❌ The file cannot be read: { $reason }
import-report =
    📥 <b>KIM registry import done</b>
    New: { $kecamatan } kecamatan, { $desa } desa, { $kim } KIMs
    Updated: { $updated } KIMs · Unchanged: { $unchanged } KIMs
    Rejected: { $rejected } rows
import-rejected-line = • line { $line }: { $reason }
invites-title = 🔗 <b>KIM invite links</b>
invites-line = <b>{ $kim }</b> (Kec. { $kecamatan })
    { $link }
invites-none = No KIM matches "{ $query }".
invites-usage-renew = Write the KIM's name: /undangan_baru KIM Hapau Habar
invites-ambiguous = { $count } KIMs match. Write a fuller name:
invites-renewed = 🔄 The invite link of <b>{ $kim }</b> was replaced. The old link no longer works.
    { $link }
members-usage = Write the KIM's name: /anggota KIM Hapau Habar
members-title = 👥 <b>Members of { $kim }</b> ({ $count })
members-line = • { $name }{ $username } — ID <code>{ $id }</code>{ $blocked }
members-blocked = (blocked the bot)
members-none = No members yet.
remove-usage = Write the member's Telegram ID: /keluarkan 123456789 (see IDs with /anggota)
remove-done = ✅ { $name } was removed from { $kim }.
member-not-found = No member with that ID.
move-usage = Write the member's ID, then the KIM's name: /pindah 123456789 KIM Pawawara
move-done = ✅ { $name } was moved to { $kim }.
moved-notice = An admin moved you to <b>{ $kim }</b>.
registry-title = 🗂️ <b>KIM registry</b> ({ $kims } KIMs in { $kecamatans } kecamatan)
registry-kecamatan = <b>{ $name }</b>
registry-kim = • { $name }{ $desa } — { $members } members{ $sample }
registry-sample = (sample)
