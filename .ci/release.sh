#!/usr/bin/env bash
# Release build: one zip per laptop with the migready binary, plain
# `go build -trimpath` underneath, plus SHA256SUMS.
#
#   scripts/release.sh [VERSION]      # default: git describe, e.g. v0.2.0 or v0.2.0-3-gabc1234
#   OUT=/tmp/dist scripts/release.sh  # default output folder: dist/
#
# Each zip, migready-VERSION-OS-ARCH.zip, holds one folder with the binary
# (migready.exe on Windows), README.md and an example profile. The version,
# the commit and the commit date are stamped into `migready version`; the
# files in the zips carry the commit date too, so the same commit gives the
# same zips.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
version=${version#v}
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
built=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
if [ "$(git status --porcelain 2>/dev/null | head -1)" != "" ]; then
  commit="$commit-dirty"
fi
out=${OUT:-dist}
targets=${TARGETS:-"windows/amd64 windows/arm64 darwin/arm64 darwin/amd64 linux/amd64"}

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for target in $targets; do
  goos=${target%/*}
  goarch=${target#*/}
  name=migready-$version-$goos-$goarch
  dir=$stage/$name
  mkdir -p "$dir/example"
  exe=migready
  [ "$goos" = windows ] && exe=migready.exe
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version -X main.commit=$commit -X main.date=$built" \
    -o "$dir/$exe" ./cmd/migready
  cp README.md "$dir/"
  cp examples/nordlys/profile.toml examples/nordlys/brukere.csv "$dir/example/"
  TZ=UTC find "$dir" -exec touch -d "$built" {} +
  (cd "$stage" && find "$name" -print | LC_ALL=C sort | TZ=UTC zip -q -X -D "$out/$name.zip" -@)
  echo "$out/$name.zip"
done
(cd "$out" && sha256sum -- *.zip > SHA256SUMS)
echo "$out/SHA256SUMS"
