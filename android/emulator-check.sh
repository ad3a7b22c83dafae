#!/usr/bin/env bash
# Checks a freshly installed APK on a running emulator or a phone, through adb:
#   1. install and launch; for 60 s no crash in logcat (a Java FATAL EXCEPTION, a Rust panic,
#      a native signal) and the process keeps running;
#   2. the first-start screen is passed with "Lewati, pakai tanpa PIN";
#   3. a resident's WhatsApp message is shared in (ACTION_SEND text/plain) and the new-case form
#      shows the service "Akta kelahiran", read from the WebView's accessibility tree with
#      uiautomator; no crash after it either, and the WebView logged no refusal of the
#      content security policy.
# UI dumps, screenshots and logcat land in OUT for a person to look at (the screenshots are
# black while the private screen, FLAG_SECURE, is on, as it is by default: the UI dumps are the
# evidence). Used by the emulator job of .github/workflows/android.yml; android/README.md lists
# the same steps by hand. Dioxus's script needs a WebView of Chromium 80 or newer; the WebView
# version is printed first, and an older one is named as the reason when the screen stays empty.
# Usage: android/emulator-check.sh APK [OUT]
set -euo pipefail
apk=$1
out=${2:-emulator-out}
pkg=id.desa.wonojati.layanan
activity=$pkg/dev.dioxus.main.MainActivity
message="Assalamualaikum, mau urus akta kelahiran anak saya"
mkdir -p "$out"

step() { printf '==> %s\n' "$*"; }
shot() { adb exec-out screencap -p >"$out/$1.png" 2>/dev/null || true; }
# The UI tree (with the WebView's nodes) into $out/$1.xml.
# uiautomator can exit 0 without writing: the old file is removed first and its answer read.
dump() {
  adb shell rm -f /sdcard/ui.xml
  adb shell uiautomator dump /sdcard/ui.xml 2>&1 | grep -q "dumped to" || return 1
  adb exec-out cat /sdcard/ui.xml >"$out/$1.xml"
}
fail() {
  printf '::error::%s\n' "$*"
  shot failure
  dump failure || true
  adb logcat -d >"$out/logcat.txt" 2>/dev/null || true
  if [[ -n ${webview_major:-} && $webview_major -lt 80 ]]; then
    printf '::error::the WebView is Chromium %s; Dioxus 0.7 needs 80 or newer (?. and ??)\n' "$webview_major"
  fi
  exit 1
}
# A crash of ours so far: the crash buffer (Java and native) for our package, and a Rust panic
# in our process's own log (tao sends Rust's stderr to logcat). Other processes' crashes on a
# freshly booted emulator are not ours.
crashed() {
  adb logcat -d >"$out/logcat.txt"
  adb logcat -d -b crash >"$out/logcat-crash.txt"
  local pid
  pid=$(adb shell pidof "$pkg" | tr -d '\r' || true)
  {
    grep -E "Process: $pkg|>>> $pkg <<<" "$out/logcat-crash.txt" || true
    if [[ -n $pid ]]; then adb logcat -d --pid="$pid" | grep -E "panicked at" || true; fi
  } | head -n 20 | grep . || return 1
}
running() { adb shell pidof "$pkg" >/dev/null 2>&1; }
watch_for() { # seconds: no crash and still running all that time
  local i
  for ((i = 0; i < $1; i += 5)); do
    sleep 5
    if crashed; then fail "the app crashed (logcat above)"; fi
    running || fail "the app's process is gone"
  done
}

# Prints "x y", the centre of the first node whose text or content-desc matches, from a dump.
FIND='
import re, sys, xml.etree.ElementTree as ET
path, want, mode = sys.argv[1:4]
try:
    root = ET.parse(path).getroot()
except (ET.ParseError, OSError):
    sys.exit(1)
for n in root.iter("node"):
    for key in ("text", "content-desc"):
        v = (n.get(key) or "").strip()
        if (mode == "exact" and v == want) or (mode == "contains" and want.lower() in v.lower()):
            x1, y1, x2, y2 = map(int, re.findall(r"-?\d+", n.get("bounds", "")))
            print((x1 + x2) // 2, (y1 + y2) // 2)
            sys.exit(0)
sys.exit(1)
'
# Waits for a node, scrolling down a screen when a dump misses it (uiautomator leaves out
# nodes below the fold), and back to the top after a full round.
wait_for() { # name text mode seconds -> "x y" on stdout
  local name=$1 text=$2 mode=$3 secs=$4 i n=0
  for ((i = 0; i < secs; i += 3)); do
    if dump "$name" && python3 -c "$FIND" "$out/$name.xml" "$text" "$mode"; then
      return 0
    fi
    n=$((n + 1))
    if ((n % 4 == 0)); then
      adb shell input swipe 500 600 500 1600 200 >/dev/null
      adb shell input swipe 500 600 500 1600 200 >/dev/null
    else
      adb shell input swipe 500 1600 500 600 300 >/dev/null
    fi
    sleep 3
  done
  return 1
}

step "install $apk"
adb wait-for-device
adb logcat -c
adb logcat -c -b crash || true
adb install -r "$apk"
# "Current WebView package (name, version): (com.google.android.webview, 83.0.4103.106)"
webview=$(adb shell dumpsys webviewupdate | tr -d '\r' | grep -m1 "Current WebView package" || true)
echo "${webview:-WebView version unknown}"
webview_major=$(sed -n 's/.*, \([0-9][0-9]*\)\..*/\1/p' <<<"$webview")

step "launch; 60 s without a crash"
adb shell am start -W -n "$activity"
watch_for 60
shot 01-first-start
# An emulator image whose stock WebView predates Chromium 80 cannot show Dioxus's screens
# (phones update it through the Play Store). With OLD_WEBVIEW_START_ONLY=1 (the API 28 leg)
# the check ends here: the library loaded on that Android and ran 60 s without a crash.
if [[ -n ${webview_major:-} && $webview_major -lt 80 && ${OLD_WEBVIEW_START_ONLY:-} == 1 ]]; then
  printf '::warning::WebView %s < 80 on this image: start-up checked, the screens are not\n' "$webview_major"
  exit 0
fi

step "first start: skip the PIN"
xy=$(wait_for 01-first-start "Lewati, pakai tanpa PIN" exact 60) ||
  fail "the first-start screen (Buat PIN / Lewati) never showed in the WebView's accessibility tree"
# shellcheck disable=SC2086 # "x y" are two arguments
adb shell input tap $xy
sleep 3
shot 02-beranda

step "share a WhatsApp message in"
# -n: straight to our activity (singleTask: onNewIntent), no chooser between other apps.
adb shell am start -a android.intent.action.SEND -t text/plain \
  --es android.intent.extra.TEXT "'$message'" -n "$activity"
wait_for 03-new-case "Akta kelahiran" exact 45 >/dev/null ||
  fail "the new-case form did not show the service Akta kelahiran"
wait_for 03-new-case "mau urus akta kelahiran" contains 10 >/dev/null ||
  fail "the new-case form did not show the shared message"
shot 03-new-case
watch_for 10
adb logcat -d >"$out/logcat.txt"
# The page's content security policy starts from default-src 'none' (src/ui/mod.rs): the
# WebView logs a console line for anything of Dioxus's own page it refused.
if grep -i "Content Security Policy" "$out/logcat.txt"; then
  fail "the WebView refused part of the app's own page under its content security policy (above)"
fi
step "passed: started, no crash, the shared message became a new case for Akta kelahiran"
