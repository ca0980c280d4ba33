## Command-line tools (npm run kim, npm run db:migrate*). Plain text.

cli-kim-usage =
    Usage:
      npm run kim -- import <file.csv>       import or update the KIM registry (columns kecamatan,desa,nama_kim)
      npm run kim -- list                    the registry with invite codes and member counts
      npm run kim -- report --from YYYY-MM-DD --to YYYY-MM-DD [--out report.csv]
                                             activity indicators of a period (end date included) as CSV
cli-unknown-command = Unknown command: { $command }.
cli-file-missing = The file { $file } was not found.
cli-file-unreadable = The file { $file } cannot be read: { $reason }.
cli-no-database = The database { $file } does not exist yet. Run npm start (or npm run db:migrate) once to create it.
cli-import-done = Import done: new { $kecamatan } kecamatan, { $desa } desa, { $kim } KIM; updated { $updated } KIM; unchanged { $unchanged } KIM; rejected { $rejected } rows.
cli-import-rejected = { "  " }line { $line }: { $reason }
cli-import-bad-file = The file { $file } cannot be imported: { $reason }
cli-list-kecamatan = { $name } ({ $count } KIM)
cli-list-kim = { "  " }- { $name }{ $desa }{ $sample } — { $members } members — invite code { $code }
cli-list-desa = , desa { $name }
cli-list-sample = { " " }[sample]
cli-list-empty = The registry is empty. Import it with: npm run kim -- import <file.csv>
cli-report-needs-dates = A report needs --from and --to (YYYY-MM-DD).
cli-report-bad-period = The period { $from }..{ $to } is not valid: { $reason }
cli-report-written = CSV: { $file } ({ $count } KIM)
cli-migrate-usage =
    Usage:
      npm run db:migrate                 apply pending migrations (the bot also does this at start)
      npm run db:migrate:status          exit 1 when the database is behind
      npm run db:migrate:create <name>   after editing schema.prisma: write a new migration
cli-migrate-applied = Applied: { $names }.
cli-migrate-none = No migrations to apply.
cli-migrate-created = Created: prisma/migrations/{ $name }/migration.sql
cli-migrate-created-pg = Created for PostgreSQL: prisma/postgresql/migrations/{ $name }/migration.sql
cli-migrate-pg-later = The PostgreSQL migration was not written ({ $error }): run npm run db:schema:pg -- <name> with a PostgreSQL server at hand.
cli-migrate-no-changes = The schema did not change: no new migration.
cli-migrate-name-needed = Name the migration: npm run db:migrate:create <name>
cli-status-current = The database { $file } has all { $count } migrations.
cli-status-behind = The database { $file } is behind: { $count } migrations not applied ({ $names }). Run npm run db:migrate or npm start.
cli-status-failed = The migration { $names } failed in the database { $file }: check its log, fix it, then run npm run db:migrate again.
cli-status-edited = The migration { $names } was applied but its file changed afterwards: restore the file as it was.
cli-status-drift = The database { $file } does not match its migration history ({ $diagnostic }).
cli-webhook-usage =
    Usage:
      npm run webhook -- info      show the webhook Telegram has (URL, pending updates, last error)
      npm run webhook -- set       register WEBHOOK_URL with WEBHOOK_SECRET (pending updates are kept)
      npm run webhook -- delete    delete the webhook (pending updates are kept), e.g. to go back to polling
cli-webhook-no-token = BOT_TOKEN is not set in .env.
cli-webhook-none = No webhook: the bot uses polling (getUpdates).
cli-webhook-info = Webhook: { $url } — { $pending } pending updates
cli-webhook-last-error = Last error ({ $date }): { $message }
cli-webhook-set-needs = Set WEBHOOK_URL (https) and WEBHOOK_SECRET in .env first.
cli-webhook-set-done = Webhook registered: { $url }
cli-webhook-deleted = Webhook deleted; Telegram keeps the pending updates.
cli-webhook-failed = Telegram refused: { $error }
