#!/usr/bin/env bash
# Checks every relative link in the repository's Markdown files (README.md, docs/*.md and any other *.md outside
# node_modules, bin, obj, .test-services and .git): the target file or folder exists, and a `#anchor` names a heading
# of the target Markdown file (GitHub's slugs: lowercase, spaces become '-', punctuation except '-' and '_' removed,
# letters of any script such as CJK kept, a repeated heading gets -1, -2, ...). http(s) and mailto links are not checked.
# Links inside fenced code blocks and `inline code` are not links and are skipped.
#   scripts/check-links.sh               check the repository; one line per broken link, exit 1 when there is any
#   scripts/check-links.sh --root DIR    check the Markdown files under DIR instead
#   scripts/check-links.sh --self-test   check the checker: a sample folder with good links and one broken link must
#                                        produce exactly that one report line (so this script cannot silently pass)
set -uo pipefail

utf8_locale() { # slugs need a UTF-8 locale so that CJK letters count as letters
  local l
  for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
    if locale -a 2>/dev/null | grep -qx "$l"; then echo "$l"; return; fi
  done
  echo C.UTF-8
}
export LC_ALL="$(utf8_locale)"

# slug TEXT: the GitHub anchor of a heading's text.
slug() {
  local s="$1" re='\[([^]]*)\]\([^)]*\)'
  while [[ $s =~ $re ]]; do s="${s/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}"}"; done # [text](url) -> text
  s="$(sed -E 's/<[^>]*>//g' <<<"$s")"                                                # HTML tags
  s="${s,,}"
  s="${s//[^[:alnum:] _-]/}"
  printf '%s' "${s// /-}"
}

declare -A ANCHORS=() # file -> "|slug1|slug2|...|"

# anchors FILE: fills ANCHORS[FILE] with the slugs of its headings (outside fences) and explicit id/name anchors.
anchors() {
  local file="$1" line text s fence="" list="|"
  declare -A seen=()
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^[[:space:]]*(\`\`\`|~~~) ]]; then
      if [[ -z $fence ]]; then fence="${BASH_REMATCH[1]}"; elif [[ $fence == "${BASH_REMATCH[1]}" ]]; then fence=""; fi
      continue
    fi
    [[ -n $fence ]] && continue
    if [[ $line =~ ^\ {0,3}#{1,6}[[:space:]]+(.*)$ ]]; then
      text="${BASH_REMATCH[1]}"
      text="$(sed -E 's/[[:space:]]+#+[[:space:]]*$//; s/[[:space:]]+$//' <<<"$text")"
      s="$(slug "$text")"
      if [[ -n ${seen[$s]+x} ]]; then
        seen[$s]=$((seen[$s] + 1)); list+="$s-${seen[$s]}|"
      else
        seen[$s]=0; list+="$s|"
      fi
    fi
    while [[ $line =~ (id|name)=\"([^\"]+)\" ]]; do
      list+="${BASH_REMATCH[2]}|"; line="${line/"${BASH_REMATCH[0]}"/}"
    done
  done <"$file"
  ANCHORS["$file"]="$list"
}

# check_target FILE LINE TARGET: prints a report line when TARGET (relative to FILE) is broken; returns 1 then.
check_target() {
  local file="$1" n="$2" target="$3" path anchor resolved
  case "$target" in
    http://* | https://* | mailto:* | '') return 0 ;;
  esac
  path="${target%%#*}"
  anchor=""
  [[ $target == *"#"* ]] && anchor="${target#*#}"
  path="$(printf '%b' "${path//%/\\x}")"
  anchor="$(printf '%b' "${anchor//%/\\x}")"
  if [[ -z $path ]]; then
    resolved="$file"
  elif [[ $path == /* ]]; then
    resolved="${path#/}"
  elif [[ $file == */* ]]; then
    resolved="${file%/*}/$path"
  else
    resolved="$path"
  fi
  if [[ ! -e $resolved ]]; then
    echo "$file:$n: broken link '$target' (no such file: $resolved)"
    return 1
  fi
  if [[ -n $anchor && -f $resolved && $resolved == *.md ]]; then
    [[ -n ${ANCHORS[$resolved]+x} ]] || anchors "$resolved"
    if [[ ${ANCHORS[$resolved]} != *"|$anchor|"* ]]; then
      echo "$file:$n: broken link '$target' (no heading for '#$anchor' in $resolved)"
      return 1
    fi
  fi
  return 0
}

# check_file FILE: checks every link of one Markdown file; returns the number of broken links (capped at 255).
check_file() {
  local file="$1" line n=0 fence="" broken=0 rest target
  local code='`[^`]*`' inline='!?\[([^]]*)\]\(<?([^)[:space:]>]*)>?([[:space:]]+"[^"]*")?\)' ref='^ {0,3}\[[^]]+\]:[[:space:]]*<?([^[:space:]>]+)'
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    if [[ $line =~ ^[[:space:]]*(\`\`\`|~~~) ]]; then
      if [[ -z $fence ]]; then fence="${BASH_REMATCH[1]}"; elif [[ $fence == "${BASH_REMATCH[1]}" ]]; then fence=""; fi
      continue
    fi
    [[ -n $fence ]] && continue
    rest="$line"
    while [[ $rest =~ $code ]]; do rest="${rest/"${BASH_REMATCH[0]}"/}"; done
    if [[ $rest =~ $ref ]]; then
      check_target "$file" "$n" "${BASH_REMATCH[1]}" || broken=$((broken + 1))
    fi
    while [[ $rest =~ $inline ]]; do
      target="${BASH_REMATCH[2]}"
      rest="${rest/"${BASH_REMATCH[0]}"/}"
      check_target "$file" "$n" "$target" || broken=$((broken + 1))
    done
  done <"$file"
  return $((broken > 255 ? 255 : broken))
}

# check_tree DIR: checks every Markdown file under DIR (paths in the report are relative to DIR); exit code 1 on any.
check_tree() {
  local root="$1" file status=0 count=0
  cd "$root" || { echo "check-links: cannot enter $root" >&2; return 2; }
  while IFS= read -r -d '' file; do
    file="${file#./}"
    count=$((count + 1))
    check_file "$file" || status=1
  done < <(find . \( -name node_modules -o -name bin -o -name obj -o -name .test-services -o -name .git \) -prune \
    -o -type f -name '*.md' -print0 | sort -z)
  if ((count == 0)); then echo "check-links: no Markdown files under $root" >&2; return 2; fi
  return $status
}

self_test() {
  local dir out expected status
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' RETURN
  mkdir -p "$dir/docs"
  cat >"$dir/README.md" <<'EOF'
# Sample

See [the guide](docs/guide.md#fxiaoke-纷享销客-setup).
And [a missing page](docs/missing.md#anywhere).
EOF
  cat >"$dir/docs/guide.md" <<'EOF'
# Guide

## Fxiaoke (纷享销客) setup

```text
[not a link](nowhere.md)
```
EOF
  expected="README.md:4: broken link 'docs/missing.md#anywhere' (no such file: docs/missing.md)"
  out="$(check_tree "$dir")"
  status=$?
  if [[ $status -eq 1 && $out == "$expected" ]]; then
    echo "check-links self-test: ok (the broken link was reported, the good one was not)"
    return 0
  fi
  echo "check-links self-test FAILED: exit $status, expected exactly:" >&2
  echo "  $expected" >&2
  echo "got:" >&2
  printf '  %s\n' "$out" >&2
  return 1
}

case "${1:-}" in
  --self-test) self_test ;;
  --root) [[ -n ${2:-} ]] || { echo "usage: $0 [--root DIR | --self-test]" >&2; exit 2; }; check_tree "$2" ;;
  '') check_tree "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" ;;
  *) echo "usage: $0 [--root DIR | --self-test]" >&2; exit 2 ;;
esac
