# Sourced before a README block by readme-runner.ts: stand-ins for the commands a reader's shell
# would run, so the block runs as written against a test app, on a chosen date.
date() { command date -d "$README_NOW" "$@"; }

if [ "$README_PASS" = dry ]; then
  # Only records which tokens the block asks for; their arguments may use shell variables.
  npm() { shift 3; printf '%s\n' "$*" >> "$README_LOG"; printf 'dry-run-token'; }
  curl() { printf '{}'; }
else
  # `npm run token -- <args>`: the test app's token for those arguments, issued by the test.
  npm() { shift 3; awk -F '\t' -v k="$*" '$1 == k { print $2 }' "$README_TOKENS"; }
  # Real curl, sent to the test app; each request body and answer is logged for the test.
  curl() {
    local a prev='' body='' out
    local args=()
    for a in "$@"; do
      args+=("${a/http:\/\/localhost:3000/$README_URL}")
      [ "$prev" = -d ] && body="$a"
      prev="$a"
    done
    out=$(command curl --noproxy "*" "${args[@]}")
    printf '\036%s\037%s\036' "$body" "$out" >> "$README_LOG"
    printf '%s' "$out"
  }
fi
