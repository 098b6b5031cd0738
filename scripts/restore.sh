#!/usr/bin/env bash
# Restore a dump into a NEW database and report its row counts:  scripts/restore.sh DUMP TARGET_DB
# Then point DATABASE_URL at TARGET_DB (and untar the matching media-*.tar.gz into MEDIA_ROOT).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 DUMP_FILE TARGET_DATABASE" >&2; exit 2; }
.venv/bin/python manage.py restore_db "$1" --target "$2"
