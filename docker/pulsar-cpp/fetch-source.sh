#!/bin/sh
# The Dockerfile's libpulsar source: a tarball placed next to this script (docker/pulsar-cpp/*.tar.gz, for a build
# without internet) or else Apache's release from PULSAR_CPP_URL. Either must match a line of SHA256SUMS (Apache's
# release, or the cut-down copy of ../shared/vendor/pulsar-client-cpp); prints the path of the verified tarball.
#   fetch-source.sh <directory of this script and SHA256SUMS> <url>
set -eu
dir=$1
url=$2
tarball=$(find "$dir" -maxdepth 1 -name '*.tar.gz' | sort | head -n 1)
if [ -z "$tarball" ]; then
  tarball="$dir/$(basename "$url")"
  curl -fsSL --retry 3 -o "$tarball" "$url" >&2
fi
sum=$(sha256sum "$tarball" | cut -d ' ' -f 1)
if ! cut -d ' ' -f 1 "$dir/SHA256SUMS" | grep -qx "$sum"; then
  echo "libpulsar source $tarball: sha256 $sum is not in $dir/SHA256SUMS" >&2
  exit 1
fi
echo "$tarball"
