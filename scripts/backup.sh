#!/usr/bin/env bash
# Nightly backup: database dump + uploaded files, keeping BACKUP_KEEP_DAYS days (default 30).
#
# Run by systemd with the production environment loaded (deploy/wucheng-edu-backup.timer →
# deploy/wucheng-edu-backup.service, EnvironmentFile=/etc/wucheng_edu/env). By hand:
#   set -a; . /etc/wucheng_edu/env; set +a; scripts/backup.sh
#
# Needs DATABASE_URL and MEDIA_ROOT (an existing directory) in the environment. Any failed step stops
# the run with a message on stderr (the journal) and exit status 1; no half-written file is left
# under a backup's name. Every run writes BACKUP_STATUS_FILE (default BACKUP_DIR/status.json):
# this run's result and the last good backup, which the portal's /healthz reports with its age.
set -Eeuo pipefail
umask 077  # the backups hold personal data: readable by the application user only
cd "$(dirname "$0")/.."

py=${PYTHON:-.venv/bin/python}
dir=${BACKUP_DIR:-backups}
keep=${BACKUP_KEEP_DAYS:-30}
status_file=${BACKUP_STATUS_FILE:-$dir/status.json}
stamp=$(date +%Y%m%d-%H%M%S)
db_file="$dir/wucheng_edu-$stamp.dump"
media_file="$dir/media-$stamp.tar.gz"
started=$(date +%s)

# Writes the status file atomically. On failure the last good backup is carried over from the
# previous status file, so /healthz still says when that was.
write_status() {
  STATUS="$1" ERROR="${2:-}" STARTED="$started" DB_FILE="$db_file" MEDIA_FILE="$media_file" \
    STATUS_FILE="$status_file" "$py" - <<'PY'
import json, os
from datetime import datetime, timezone
from pathlib import Path

path = Path(os.environ["STATUS_FILE"])
try:
    previous = json.loads(path.read_text())
except (OSError, ValueError):
    previous = {}
now = datetime.now(timezone.utc)
run = {
    "status": os.environ["STATUS"],
    "started_at": datetime.fromtimestamp(int(os.environ["STARTED"]), timezone.utc).isoformat(),
    "finished_at": now.isoformat(),
    "seconds": round(now.timestamp() - int(os.environ["STARTED"]), 1),
    "error": os.environ["ERROR"],
}
if run["status"] == "ok":
    files = {"database_file": os.environ["DB_FILE"], "media_file": os.environ["MEDIA_FILE"]}
    run |= files | {key.replace("_file", "_bytes"): os.path.getsize(name) for key, name in files.items()}
    run["last_success"] = {k: v for k, v in run.items() if k not in ("status", "error", "last_success")}
else:
    run["last_success"] = previous.get("last_success")
path.parent.mkdir(parents=True, exist_ok=True)
tmp = path.with_name(path.name + ".tmp")
tmp.write_text(json.dumps(run, ensure_ascii=False, indent=2))
os.replace(tmp, path)
PY
}

fail() {
  trap - ERR
  rm -f "$db_file.partial" "$media_file.partial"
  echo "备份失败：$1" >&2
  write_status failed "$1" || echo "备份状态文件 $status_file 也无法写入。" >&2
  exit 1
}
trap 'fail "命令失败（退出码 $?）：$BASH_COMMAND"' ERR

[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL 未设置：环境文件没有加载。请由 wucheng-edu-backup.service 运行，或先执行 set -a; . /etc/wucheng_edu/env; set +a"
[ -n "${MEDIA_ROOT:-}" ] || fail "MEDIA_ROOT 未设置：不知道上传文件在哪里，无法备份。"
[ -d "$MEDIA_ROOT" ] || fail "上传文件目录 MEDIA_ROOT=$MEDIA_ROOT 不存在。"
mkdir -p "$dir"

"$py" manage.py backup_db --output "$db_file.partial"
[ -s "$db_file.partial" ] || fail "数据库备份文件是空的：$db_file"
media=${MEDIA_ROOT%/}
tar -czf "$media_file.partial" -C "$(dirname "$media")" "$(basename "$media")"
tar -tzf "$media_file.partial" >/dev/null  # the archive reads back
mv "$db_file.partial" "$db_file"
mv "$media_file.partial" "$media_file"

find "$dir" -maxdepth 1 -name 'wucheng_edu-*.dump' -mtime +"$keep" -delete
find "$dir" -maxdepth 1 -name 'media-*.tar.gz' -mtime +"$keep" -delete
write_status ok
echo "备份完成：$db_file（$(stat -c %s "$db_file") 字节），$media_file（$(stat -c %s "$media_file") 字节）"
