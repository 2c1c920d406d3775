#!/usr/bin/env bash
# Builds the Teams app package: manifest.json (manifest.template.json with its parameters filled in
# and checked) and the two icons, zipped at the root of the archive. Needs bash, python3 and zip.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'USAGE'
Usage: deploy/teams/build-package.sh --bot-id GUID [options]

  --bot-id GUID            the Azure Bot's Microsoft App ID (required; or TEAMS_BOT_ID)
  --app-id GUID            the Teams app's id (default: the bot id; or TEAMS_APP_ID)
  --version X.Y.Z          the app's version; raise it for every upload (default 1.0.0)
  --name TEXT              short name, at most 30 characters (default "Generative AI Guide")
  --full-name TEXT         full name, at most 100 characters (default: the short name)
  --short-description TEXT at most 80 characters
  --long-description TEXT  at most 4000 characters
  --developer-name TEXT    at most 32 characters (default "Chatbot team")
  --domain HOST            the bot's public host name, e.g. bot.example.com; repeat for more.
                           Listed in validDomains; the developer URLs default to https://HOST/
  --website-url URL        https URL (default https://<first domain>/)
  --privacy-url URL        https URL (default: the website URL)
  --terms-url URL          https URL (default: the website URL)
  --output FILE            the zip to write (default deploy/teams/build/teams-app.zip)

Each option can also come from the environment: TEAMS_<OPTION> in upper case with underscores,
e.g. TEAMS_BOT_ID, TEAMS_WEBSITE_URL, TEAMS_DOMAIN (comma-separated).
USAGE
}

fail() {
  echo "build-package.sh: $*" >&2
  exit 2
}

export TEAMS_BOT_ID="${TEAMS_BOT_ID:-}" TEAMS_APP_ID="${TEAMS_APP_ID:-}" TEAMS_VERSION="${TEAMS_VERSION:-}"
export TEAMS_NAME="${TEAMS_NAME:-}" TEAMS_FULL_NAME="${TEAMS_FULL_NAME:-}"
export TEAMS_SHORT_DESCRIPTION="${TEAMS_SHORT_DESCRIPTION:-}" TEAMS_LONG_DESCRIPTION="${TEAMS_LONG_DESCRIPTION:-}"
export TEAMS_DEVELOPER_NAME="${TEAMS_DEVELOPER_NAME:-}" TEAMS_DOMAIN="${TEAMS_DOMAIN:-}"
export TEAMS_WEBSITE_URL="${TEAMS_WEBSITE_URL:-}" TEAMS_PRIVACY_URL="${TEAMS_PRIVACY_URL:-}" TEAMS_TERMS_URL="${TEAMS_TERMS_URL:-}"
output="${TEAMS_OUTPUT:-$here/build/teams-app.zip}"

while [[ $# -gt 0 ]]; do
  [[ "$1" == "-h" || "$1" == "--help" ]] && { usage; exit 0; }
  [[ $# -ge 2 ]] || fail "$1 needs a value (see --help)"
  case "$1" in
    --bot-id) TEAMS_BOT_ID="$2" ;;
    --app-id) TEAMS_APP_ID="$2" ;;
    --version) TEAMS_VERSION="$2" ;;
    --name) TEAMS_NAME="$2" ;;
    --full-name) TEAMS_FULL_NAME="$2" ;;
    --short-description) TEAMS_SHORT_DESCRIPTION="$2" ;;
    --long-description) TEAMS_LONG_DESCRIPTION="$2" ;;
    --developer-name) TEAMS_DEVELOPER_NAME="$2" ;;
    --domain) TEAMS_DOMAIN="${TEAMS_DOMAIN:+$TEAMS_DOMAIN,}$2" ;;
    --website-url) TEAMS_WEBSITE_URL="$2" ;;
    --privacy-url) TEAMS_PRIVACY_URL="$2" ;;
    --terms-url) TEAMS_TERMS_URL="$2" ;;
    --output) output="$2" ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

command -v python3 >/dev/null 2>&1 || fail "python3 is required"
command -v zip >/dev/null 2>&1 || fail "zip is required (Debian/Ubuntu: apt-get install zip)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# Fills in and checks the manifest; every problem is reported, then the script stops.
python3 - "$here/manifest.template.json" "$stage/manifest.json" <<'PYTHON'
import json, os, re, sys

template_path, manifest_path = sys.argv[1], sys.argv[2]
env = lambda name: os.environ.get("TEAMS_" + name, "").strip()
errors = []

guid = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
bot_id = env("BOT_ID")
if not bot_id:
    errors.append("--bot-id is required: the Azure Bot's Microsoft App ID")
elif not guid.match(bot_id):
    errors.append(f"--bot-id must be a GUID, not '{bot_id}'")
app_id = env("APP_ID") or bot_id
if env("APP_ID") and not guid.match(app_id):
    errors.append(f"--app-id must be a GUID, not '{app_id}'")

domains = [d.strip() for d in env("DOMAIN").split(",") if d.strip()]
host = re.compile(r"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:\d{1,5})?$")
for d in domains:
    if not host.match(d):
        errors.append(f"--domain takes a host name such as bot.example.com (no scheme or path), not '{d}'")

website = env("WEBSITE_URL") or (f"https://{domains[0].removeprefix('*.')}/" if domains else "")
if not website:
    errors.append("--website-url (or --domain, to default it to https://HOST/) is required")
values = {
    "BOT_ID": bot_id,
    "APP_ID": app_id,
    "APP_VERSION": env("VERSION") or "1.0.0",
    "SHORT_NAME": env("NAME") or "Generative AI Guide",
    "FULL_NAME": env("FULL_NAME") or env("NAME") or "Generative AI Guide",
    "SHORT_DESCRIPTION": env("SHORT_DESCRIPTION") or "Answers questions about generative AI and cites its sources.",
    "LONG_DESCRIPTION": env("LONG_DESCRIPTION") or (
        "Ask how generative AI works: language models, tokens, training, retrieval, image and music "
        "generation, hallucinations, risks and good use. Every answer comes from a curated knowledge base "
        "and lists its sources, so you can check it. Say 'explain like I'm five' or 'I'm an expert' to "
        "change how technical the answers are, 'X vs Y' to compare, and 'reset' to start over."),
    "DEVELOPER_NAME": env("DEVELOPER_NAME") or "Chatbot team",
    "WEBSITE_URL": website,
    "PRIVACY_URL": env("PRIVACY_URL") or website,
    "TERMS_URL": env("TERMS_URL") or website,
}

limits = {"SHORT_NAME": ("--name", 30), "FULL_NAME": ("--full-name", 100), "SHORT_DESCRIPTION": ("--short-description", 80),
          "LONG_DESCRIPTION": ("--long-description", 4000), "DEVELOPER_NAME": ("--developer-name", 32)}
for key, (option, limit) in limits.items():
    if len(values[key]) > limit:
        errors.append(f"{option} is {len(values[key])} characters; Teams allows {limit}")
if not re.match(r"^\d+\.\d+\.\d+$", values["APP_VERSION"]):
    errors.append(f"--version must be MAJOR.MINOR.PATCH, not '{values['APP_VERSION']}'")
for key, option in (("WEBSITE_URL", "--website-url"), ("PRIVACY_URL", "--privacy-url"), ("TERMS_URL", "--terms-url")):
    url = values[key]
    if url and not re.match(r"^https://[^\s/?#]+(/[^\s]*)?$", url):
        errors.append(f"{option} must be an absolute https URL, not '{url}'")

if errors:
    print("build-package.sh: the package was not built:", file=sys.stderr)
    for e in errors:
        print("  - " + e, file=sys.stderr)
    sys.exit(2)

text = open(template_path, encoding="utf-8").read()
# Each value goes in as the inside of a JSON string, so quotes and backslashes stay text.
for key, value in values.items():
    text = text.replace("${{" + key + "}}", json.dumps(value)[1:-1])
manifest = json.loads(text)
manifest["validDomains"] = domains

left = sorted(set(re.findall(r"\$\{\{\w+\}\}", json.dumps(manifest))))
if left:
    print(f"build-package.sh: the template has parameters this script does not fill: {', '.join(left)}", file=sys.stderr)
    sys.exit(2)

with open(manifest_path, "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, ensure_ascii=False)
    f.write("\n")
PYTHON

# The icons must keep the sizes Teams requires.
python3 - "$here/color.png" 192 "$here/outline.png" 32 <<'PYTHON'
import struct, sys
args = sys.argv[1:]
for path, size in zip(args[::2], args[1::2]):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", head[16:24]) != (int(size), int(size)):
        sys.exit(f"build-package.sh: {path} must be a {size}x{size} PNG (python3 deploy/teams/make-icons.py draws it)")
PYTHON

cp "$here/color.png" "$here/outline.png" "$stage/"
mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
rm -f "$output"
(cd "$stage" && zip -q -X -D "$output" manifest.json color.png outline.png)
echo "Wrote $output (app id $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$stage/manifest.json"))"
