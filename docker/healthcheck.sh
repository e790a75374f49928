#!/bin/bash
# The image's HEALTHCHECK: GET /health/live on this node's management port (every role serves it),
# healthy on a 200. The JRE image promises no HTTP client (its curl and wget are there "for
# historical reasons", adoptium/containers#255) and a java probe would start a JVM every interval,
# so this speaks HTTP/1.0 over bash's /dev/tcp.
set -euo pipefail
port=${MANAGEMENT_PORT:-9090}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 5 _ status _ <&3
[[ $status == 200 ]]
