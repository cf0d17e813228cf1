#!/usr/bin/env bash
# Before the first release only: regenerate the single initial migration from the schema files.
# After a migration has landed on main it is never edited: add a new one with `npm run db:generate -- --name what_changed`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf packages/db/migrations
npx drizzle-kit generate --config packages/db/drizzle.config.ts --name init
