#!/usr/bin/env bash
# Installs the system packages the portal needs, when they are missing (Debian/Ubuntu, as root).
#   fonts-noto-cjk, fonts-lxgw-wenkai, fonts-arphic-ukai  CJK fonts for the official-document PDFs
#   fonts-hanazono, fonts-noto-color-emoji               fallbacks: CJK Extension A–F (𠀀) and emoji, never a blank box
#   libharfbuzz-subset0                                  WeasyPrint's font subsetting (without it ~10 s per report PDF)
#   poppler-utils                                        pdftotext/pdftoppm, used by the PDF tests
#   chromium                                             browser tests (only with --browser)
# Usage: scripts/setup_system.sh [--browser] [--strict]
set -u
want=(fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-hanazono fonts-noto-color-emoji libharfbuzz-subset0
  poppler-utils)
strict=0
for arg in "$@"; do
  case "$arg" in
    --browser) want+=(chromium) ;;
    --strict) strict=1 ;;
  esac
done
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统软件包：${missing[*]}。本机不是 Debian/Ubuntu，请用系统的包管理器安装等价的软件包。" >&2
  exit $strict
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "缺少系统软件包，请运行：sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit $strict
  fi
else
  SUDO=""
fi
echo "安装系统软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "安装失败，请手动运行：apt-get install -y ${missing[*]}" >&2; exit $strict; }
