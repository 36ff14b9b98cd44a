#!/usr/bin/env bash
# Builds the demo service's images into the Docker engine that DOCKER_HOST names, from deploy/demo/Dockerfile and
# the host's static busybox: no registry, about a second.
#
#   deploy/demo/build-images.sh                      -> mcd-demo/app:v1 (healthy), mcd-demo/app:v2 (unhealthy)
#   deploy/demo/build-images.sh REPOSITORY TAG=HEALTH...   e.g. mcd-test/app healthy-v1=healthy unhealthy=unhealthy
#
# Needs the docker CLI and a statically linked busybox (Debian: busybox-static); BUSYBOX names another one.
# Exit codes: 0 built, 1 a build failed, 2 usage or a missing tool.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repository=${1:-mcd-demo/app}
if [ "$#" -gt 1 ]; then shift; variants=("$@"); else variants=(v1=healthy v2=unhealthy); fi

busybox=${BUSYBOX:-$(command -v busybox || true)}
if [ -z "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "build-images.sh: needs a statically linked busybox (apt-get install busybox-static, or set BUSYBOX)" >&2
  exit 2
fi
command -v docker >/dev/null || { echo "build-images.sh: needs the docker CLI" >&2; exit 2; }

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
rootfs=$context/rootfs
mkdir -p "$rootfs/bin" "$rootfs/www/dashboard" "$rootfs/tmp" "$rootfs/etc"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
echo ok >"$rootfs/www/health"
echo dashboard >"$rootfs/www/dashboard/index.html"
echo 'root:x:0:0:root:/:/bin/sh' >"$rootfs/etc/passwd"
echo 'root:x:0:' >"$rootfs/etc/group"
cp "$here/Dockerfile" "$here"/health-*.sh "$context/"

for variant in "${variants[@]}"; do
  tag=${variant%%=*}
  health=${variant#*=}
  if [ "$tag" = "$variant" ] || [ ! -f "$here/health-$health.sh" ]; then
    echo "build-images.sh: '$variant' is not TAG=healthy or TAG=unhealthy" >&2
    exit 2
  fi
  echo "$tag" >"$rootfs/www/version"
  echo "<h1>mcd demo $tag</h1>" >"$rootfs/www/index.html"
  DOCKER_BUILDKIT=0 docker build -q --build-arg "VERSION=$tag" --build-arg "HEALTH=$health" \
    -t "$repository:$tag" "$context" >/dev/null 2>"$context/build.log" || { cat "$context/build.log" >&2; exit 1; }
  echo "built $repository:$tag ($health)"
done
