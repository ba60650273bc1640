#!/usr/bin/env bash
# Install sifeng with its test dependencies (and, where apt-get is available as root, the OCR
# and .doc conversion tools the tests exercise), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>&1 | grep -qx chi_sim; then
  need+=(tesseract-ocr tesseract-ocr-chi-sim)
fi
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need+=(fonts-wqy-zenhei)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "提示：未安装 ${need[*]}，OCR、.doc 转换和浏览器渲染相关测试将跳过" >&2
  fi
fi

python -m pip install -q --disable-pip-version-check -e ".[test,cluster,serve]"
# RapidOCR (the default OCR engine) needs OpenCV, which needs libGL and GLib on a bare server.
if ! python -c "import cv2" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libgl1 libglib2.0-0 >/dev/null
fi
python -m pytest "$@"
