#!/usr/bin/env bash
# Restore a dump into a NEW database and report its table and row counts:
#   scripts/restore.sh DUMP_FILE TARGET_DATABASE [--replace] [--i-know TARGET_DATABASE]
# An existing database is replaced only with --replace; the portal's own (live) database only with
# --i-know followed by its name again. Then point DATABASE_URL at TARGET_DATABASE and untar the
# matching media-*.tar.gz into MEDIA_ROOT. Needs the environment (DATABASE_URL) like backup.sh, and a
# database role allowed to create databases (CREATEDB, docs/deploy.md).
set -euo pipefail
[ $# -ge 2 ] || { echo "用法：$0 备份文件 目标数据库 [--replace] [--i-know 目标数据库]" >&2; exit 2; }
dump=$(realpath "$1")
target=$2
shift 2
cd "$(dirname "$0")/.."
"${PYTHON:-.venv/bin/python}" manage.py restore_db "$dump" --target "$target" "$@"
