/**
 * Shell scripts Berth runs inside a sandbox with its real git. POSIX sh plus git: any sandbox
 * image with git has them. Arguments arrive as positional parameters, never spliced into text.
 */

/**
 * Turns a copied object store into a working tree. $1 repository directory, $2 session branch,
 * $3 base branch ('' for an empty repository), $4 base commit (''), $5 user.name, $6 user.email.
 * `git init` on the existing `.git` adds what the object store lacks (HEAD, config, refs).
 */
export const finishSeedScript = `
set -eu
cd "$1"
git init -q
git config user.name "$5"
git config user.email "$6"
if [ -n "$4" ]; then
  git update-ref "refs/heads/$3" "$4"
  git update-ref "refs/heads/$2" "$4"
fi
git symbolic-ref HEAD "refs/heads/$2"
if [ -n "$4" ]; then
  # --progress: "Updating files: 45% (4500/10000)" on stderr, for the window's progress bar.
  git checkout -f --progress >/dev/null
fi
echo "checked out $(git rev-parse --short HEAD 2>/dev/null || echo 'an empty branch')"
# What the host shows as warnings: the tree's .gitmodules and .gitattributes, after a marker.
for f in .gitmodules .gitattributes; do
  if [ -f "$f" ]; then printf '\n--berth-file %s\n' "$f"; cat "$f"; fi
done
`;

/**
 * Prints the branch state of each repository, one tab-separated line each, then a line `--`:
 * name, branch, head, ahead, behind, changed files, changes key, error. Arguments come in pairs: directory
 * name and base branch ('-' when none). With BERTH_WATCH=1 it loops, printing only when
 * something changed, once a second: cheap enough (`git status` on 10k files takes ~50 ms) and
 * soon enough for a header; a `.` line every 10 s lets it notice a reader that left.
 * `--no-optional-locks` keeps it from taking the index lock a user's
 * own `git commit` needs.
 */
export const branchStateScript = `
snapshot() {
  while [ "$#" -ge 1 ]; do
    name="$1"; base="\${2:--}"; shift 2 || shift
    [ "$base" = "-" ] && base=""
    dir="/workspace/$name"
    if [ ! -d "$dir/.git" ]; then
      printf '%s\\t\\t\\t0\\t0\\t0\\t\\t%s\\n' "$name" "/workspace/$name is not a git repository"
      continue
    fi
    cd "$dir"
    branch=$(git symbolic-ref --short -q HEAD || echo "(detached)")
    head=$(git rev-parse -q --verify HEAD 2>/dev/null || true)
    ahead=0; behind=0
    if [ -n "$head" ]; then
      if [ -n "$base" ] && git rev-parse -q --verify "refs/heads/$base" >/dev/null; then
        counts=$(git rev-list --left-right --count "refs/heads/$base...HEAD")
        behind=\${counts%%[[:space:]]*}; ahead=\${counts##*[[:space:]]}
      else
        ahead=$(git rev-list --count HEAD)
      fi
    fi
    status=$(git --no-optional-locks status --porcelain --untracked-files=all 2>/dev/null)
    changed=$(printf '%s' "$status" | grep -c '' || :)
    # The key changes with any changed file's size or modification time, not only the count.
    key=$( { printf '%s\\n' "$status"
      git --no-optional-locks ls-files -z -m -o --exclude-standard 2>/dev/null |
        xargs -0 -r stat -c '%s %y %n' -- 2>/dev/null; } | cksum)
    key=\${key%% *}
    printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t\\n' "$name" "$branch" "$head" "$ahead" "$behind" "$changed" "$key"
  done
  echo "--"
}
if [ "\${BERTH_WATCH:-0}" = 1 ]; then
  last=""
  beat=0
  while :; do
    now=$(snapshot "$@")
    if [ "$now" != "$last" ]; then printf '%s\\n' "$now" || exit 0; last=$now; fi
    # Docker does not end an exec whose client went away; a write to the closed pipe does.
    beat=$((beat + 1))
    if [ "$beat" -ge 10 ]; then echo '.' || exit 0; beat=0; fi
    sleep 1
  done
else
  snapshot "$@"
fi
`;
