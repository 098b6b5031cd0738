#!/usr/bin/env bash
# `make run`: the portal served as production serves it (gunicorn, DEBUG off, WhiteNoise static files,
# the task worker beside it) on this machine, with the embedded SQLite database by default.
#
# The console shows a short Chinese progress of the setup; a step's own output (pip, migrations,
# collectstatic) goes to var/log/run-setup.log and is printed whole only when that step fails.
# Ctrl-C stops the web server and the worker. `make dev` is the engineers' development server instead.
set -u
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
MAKE=${MAKE:-make}
BIN=.venv/bin
# Production settings, except that this machine speaks plain HTTP: no HTTPS redirect and no
# Secure-only cookies (DJANGO_SECURE), which a TLS-terminating proxy provides in production.
export DJANGO_DEBUG=false
export DJANGO_SECURE=${DJANGO_SECURE:-false}
# Requests that end in 403/404 are answered by the Chinese error pages; the console logs only errors.
export LOG_LEVEL=${LOG_LEVEL:-ERROR}

mkdir -p var/log
log=var/log/run-setup.log

# Ctrl-C during the setup stops it (make then adds its own "Interrupt" line; the steps' output stays in
# the log, so no Python traceback reaches the console).
trap 'echo; echo "已中断，门户未启动。"; exit 130' INT

# step "说明" command...: runs the command quietly; on failure prints its whole output and stops.
step() {
  local label=$1 status
  shift
  printf '%s……' "$label"
  "$@" >"$log" 2>&1
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "完成"
  elif [ "$status" -eq 130 ]; then  # Ctrl-C: the user stopped it, nothing failed
    echo
    echo "已中断，门户未启动。"
    exit 130
  else
    echo "失败。以下是完整输出（也保存在 $log）："
    cat "$log"
    exit 1
  fi
}

scripts/setup_system.sh || exit 1
# The gunicorn workers and the task worker must share one cache: it holds the versions that tell a
# cached figure is out of date (core/caching.py). On the embedded default it is a folder of files,
# emptied at every start (a database replaced while the portal was stopped leaves no old figure behind).
if [ -z "${CACHE_URL:-}" ]; then
  rm -rf var/cache
  export CACHE_URL="filecache://$(pwd)/var/cache?max_entries=20000"
fi
step "安装 Python 软件包（首次运行需要几分钟）" "$MAKE" --no-print-directory -s setup
step "更新数据库结构" "$BIN/python" manage.py migrate --noinput
# collectstatic compresses every file (~10 s of CPU): only when static/ or the packages changed since.
manifest=staticfiles/staticfiles.json
if [ ! -f "$manifest" ] || [ "$BIN/.installed" -nt "$manifest" ] || [ -n "$(find static -newer "$manifest" -print -quit)" ]; then
  step "整理静态文件" "$BIN/python" manage.py collectstatic --noinput --clear
fi
if [ ! -f var/fonts/manifest.json ]; then
  step "准备公文字体" "$BIN/python" manage.py prepare_document_fonts
fi
step "检查演示数据（数据库为空时载入，首次约需一分钟）" "$BIN/python" manage.py load_demo --if-empty
"$BIN/python" manage.py demo_users

if ! "$BIN/python" -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2])))' "$HOST" "$PORT" 2>/dev/null; then
  echo "端口 $PORT 已被占用：请先停止占用它的程序，或换一个端口，例如 PORT=8080 make run。"
  exit 1
fi

# From here, in a terminal, job control makes gunicorn the terminal's foreground job: Ctrl-C reaches it
# alone (not make, which would print its own English "Interrupt" line); it stops, then the worker.
trap - INT
[ -t 0 ] && set -m

# The worker runs long jobs (large imports and exports, the daily 待办 e-mail); its log stays in a file.
"$BIN/python" manage.py db_worker --interval 1 >var/log/worker.log 2>&1 &
worker=$!
stop_worker() {
  kill -TERM "$worker" 2>/dev/null
  wait "$worker" 2>/dev/null
}
trap 'stop_worker; exit 143' TERM

echo
echo "门户已启动（生产模式：gunicorn，DEBUG 关闭；后台任务进程随之启动，用于大批量导入导出和每日待办邮件）。"
echo "门户地址：http://$HOST:$PORT/"
echo "按 Ctrl-C 停止。"
# Gunicorn logs errors only (no start-up, shutdown or access lines); WEB_CONCURRENCY workers. Ctrl-C
# stops it; its workers get up to 20 s to exit (a busy machine is slow, not broken).
"$BIN/gunicorn" wucheng_edu.wsgi:application --bind "$HOST:$PORT" \
  --workers "${WEB_CONCURRENCY:-3}" --timeout 60 --graceful-timeout 20 --log-level error
status=$?
echo
echo "正在停止后台任务进程……"
stop_worker
# Gunicorn ends with 0 after Ctrl-C; anything else is a failure whose reason it printed above.
if [ "$status" -ne 0 ]; then
  echo "门户异常退出（退出码 $status）。"
  exit "$status"
fi
echo "已停止。"
