/**
 * The review's shell scripts, run inside a sandbox with its real git (POSIX sh plus git).
 * Arguments arrive as positional parameters, never spliced into text. Output is framed as
 * `<name> <length>\n<bytes>` sections so paths may hold any byte git allows (newlines too).
 */

/**
 * The changes of a repository against the merge base with its base branch, in one exec.
 * $1 repository directory, $2 base branch ('' for none).
 *
 * Committed, staged, unstaged and untracked changes all show in one `git diff` of the working
 * tree against the merge base, with new files marked intent-to-add in a throwaway copy of the
 * index: the user's index and object store are never touched (any object git writes goes to a
 * throwaway directory), and a file moved without `git mv` is still detected as a rename.
 * Intent-to-add hashes nothing: staging the whole tree instead wrote one loose object per
 * changed file, 3× slower for 1,000 files. Sections: head, base (the merge base), untracked (`ls-files -z`, from
 * the real index), diff (`--raw --numstat -z -M`).
 */
export const changesScript = `
set -eu
cd "/workspace/$1"
section() { printf '%s %s\\n' "$1" "$(wc -c < "$2")"; cat "$2"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git rev-parse -q --verify HEAD > "$tmp/head" 2>/dev/null || :
base=""
if [ -s "$tmp/head" ] && [ -n "$2" ] && git rev-parse -q --verify "refs/heads/$2" >/dev/null; then
  base=$(git merge-base HEAD "refs/heads/$2" || :)
fi
printf '%s' "$base" > "$tmp/base"
against=\${base:-$(git hash-object -t tree /dev/null)}
git --no-optional-locks ls-files -z --others --exclude-standard > "$tmp/untracked"
gitdir=$(git rev-parse --absolute-git-dir)
if [ -f "$gitdir/index" ]; then cp "$gitdir/index" "$tmp/index"; fi
mkdir "$tmp/objects"
export GIT_INDEX_FILE="$tmp/index" GIT_OBJECT_DIRECTORY="$tmp/objects" \\
  GIT_ALTERNATE_OBJECT_DIRECTORIES="$gitdir/objects"
git add --intent-to-add --all . >/dev/null 2>"$tmp/add-errors" || { cat "$tmp/add-errors" >&2; exit 1; }
# diff.renameLimit: git gives up on renames past 1,000 files by default.
git -c diff.renameLimit=20000 diff --raw --numstat -z -M "$against" > "$tmp/diff"
section head "$tmp/head"
section base "$tmp/base"
section untracked "$tmp/untracked"
section diff "$tmp/diff"
`;

/**
 * Both sides of files for the diff and for comments, in one exec. $1 repository directory,
 * $2 the base branch ('' when there is none: every base side is absent), $3 the byte limit of
 * a side; then pairs of side (`base` | `work`) and path. First come sections `head` and `base`
 * (the merge base), then each side as a section named `<kind>:<bytes>` where kind is `absent`,
 * `file` (the bytes follow, up to the limit), `tooLarge`, `symlink` (the target follows) or
 * `submodule` (the commit follows).
 */
export const fileSidesScript = `
set -u
cd "/workspace/$1" || exit 1
export GIT_LITERAL_PATHSPECS=1
limit="$3"
head=$(git rev-parse -q --verify HEAD 2>/dev/null || :)
base=""
if [ -n "$head" ] && [ -n "$2" ] && git rev-parse -q --verify "refs/heads/$2" >/dev/null; then
  base=$(git merge-base HEAD "refs/heads/$2" || :)
fi
shift 3
printf 'head %s\\n%s' \${#head} "$head"
printf 'base %s\\n%s' \${#base} "$base"
emit() { printf '%s:%s %s\\n' "$1" "$2" "$3"; }
while [ "$#" -ge 2 ]; do
  side="$1"; path="$2"; shift 2
  if [ "$side" = base ]; then
    entry=""
    [ -n "$base" ] && entry=$(git ls-tree -z "$base" -- "$path" | tr '\\0' '\\n' | head -n 1)
    if [ -z "$entry" ]; then emit absent 0 0; continue; fi
    meta=\${entry%%	*}
    mode=\${meta%% *}; sha=\${meta##* }
    case "$mode" in
      160000) emit submodule 0 40; printf '%.40s' "$sha" ;;
      120000) size=$(git cat-file -s "$sha"); emit symlink "$size" "$size"; git cat-file blob "$sha" ;;
      *) size=$(git cat-file -s "$sha")
         if [ "$size" -gt "$limit" ]; then emit tooLarge "$size" 0
         else emit file "$size" "$size"; git cat-file blob "$sha"; fi ;;
    esac
  else
    if [ -L "$path" ]; then
      target=$(readlink -- "$path"; printf x); target=\${target%?x}
      len=$(printf '%s' "$target" | wc -c)
      emit symlink "$len" "$len"; printf '%s' "$target"
    elif [ -d "$path" ]; then
      commit=$(git ls-files -s -- "$path" | awk '$1 == "160000" { print $2; exit }')
      if [ -n "$commit" ]; then emit submodule 0 40; printf '%.40s' "$commit"
      else emit absent 0 0; fi
    elif [ -f "$path" ]; then
      size=$(wc -c < "$path")
      if [ "$size" -gt "$limit" ]; then emit tooLarge "$size" 0
      else emit file "$size" "$size"; cat -- "$path"; fi
    else
      emit absent 0 0
    fi
  fi
done
`;
