#!/bin/bash
# The image's entrypoint. Sets CLUSTER_HOST, the address this node binds and announces to the
# cluster, to the container's own IP when it is not given (compose has no downward API: the IP is
# what the container's hostname resolves to in its /etc/hosts), then replaces itself with the JVM,
# so that java is PID 1 and `docker stop`'s SIGTERM reaches the app's graceful shutdown.
# JAVA_OPTS holds the JVM flags (the image's: -XX:MaxRAMPercentage ...); GHL_DATA_JAR the jar
# (default /app/ghl-data-saas.jar; scripts/compose-smoke.py runs this script outside an image).
set -euo pipefail

if [[ -z ${CLUSTER_HOST:-} ]]; then
  for address in $(hostname -i); do
    # The first IPv4 address (a container on two networks has two; IPv6 ones may come too).
    if [[ $address =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
      CLUSTER_HOST=$address
      break
    fi
  done
  if [[ -z ${CLUSTER_HOST:-} ]]; then
    echo "entrypoint: no IPv4 address in 'hostname -i' ($(hostname -i)); set CLUSTER_HOST" >&2
    exit 1
  fi
  export CLUSTER_HOST
fi

# JAVA_OPTS is several flags in one variable: split on purpose.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "${GHL_DATA_JAR:-/app/ghl-data-saas.jar}" "$@"
