## /cek and /hoaks: screening on demand and the known-claims collection.

check-usage = Write the text to check after /cek, or reply to a message with /cek.
check-title = 🔎 <b>Check result</b>
check-footer = <i>This is an aid, not a verdict. Confirm with official sources or cekfakta.com.</i>
check-no-reasons = No known signs of a hoax were found.
claims-title = 🗂️ <b>Known false claims</b>: { $total }
claims-line = #{ $id } · { $origin } · "{ $text }"{ $source }
claims-empty = No false claims are recorded yet.
claims-usage =
    /hoaks commands:
    /hoaks — latest claims
    /hoaks tambah claim text | https://fact-check-source
    /hoaks hapus 12
    /hoaks sumber — automatic fact-check sources and when each was last read
    Send a CSV/JSON file with the caption /hoaks impor (columns: klaim, status, sumber)
claims-added = ✅ Claim #{ $id } added.
claims-removed = 🗑️ Claim #{ $id } removed from matching.
claims-not-found = Claim #{ $id } was not found.
claims-invalid = ❌ { $reason }
claims-import-report =
    📥 <b>Claim import done</b>
    New: { $created } · Already known: { $duplicates } · Rejected: { $rejected }
