#!/usr/bin/env bash
# Nightly backup: database dump + uploaded files, keeping BACKUP_KEEP_DAYS days (default 30).
# Run from cron as the application user, e.g.  30 2 * * *  /srv/wucheng_edu/scripts/backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
keep=${BACKUP_KEEP_DAYS:-30}
dir=${BACKUP_DIR:-backups}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p "$dir"
.venv/bin/python manage.py backup_db --output "$dir/wucheng_edu-$stamp.dump"
media=${MEDIA_ROOT:-media}
[ -d "$media" ] && tar -czf "$dir/media-$stamp.tar.gz" -C "$(dirname "$media")" "$(basename "$media")"
find "$dir" -name 'wucheng_edu-*.dump' -mtime +"$keep" -delete
find "$dir" -name 'media-*.tar.gz' -mtime +"$keep" -delete
echo "backup done: $dir/wucheng_edu-$stamp.dump"
