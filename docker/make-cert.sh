#!/bin/sh
# A self-signed TLS certificate for nginx (docker/compose.yaml mounts docker/certs): to try the stack
# on one machine; browsers warn about it. For a real site put your CA's certificate chain and key
# there instead, under the same names (fullchain.pem, privkey.pem), e.g. from Let's Encrypt.
#   docker/make-cert.sh localhost 127.0.0.1        # names and addresses the certificate is for
# CERT_DIR chooses another folder (the tests use one of their own).
set -eu
[ "$#" -ge 1 ] || set -- localhost
dir="${CERT_DIR:-$(dirname "$0")/certs}"
mkdir -p "$dir"
san=""
for name in "$@"; do
  case "$name" in
    *:*) entry="IP:$name" ;;
    *[!0-9.]*) entry="DNS:$name" ;;
    *) entry="IP:$name" ;;
  esac
  san="${san:+$san,}$entry"
done
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 365 -subj "/CN=$1" -addext "subjectAltName=$san" \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null
chmod 600 "$dir/privkey.pem"
chmod 644 "$dir/fullchain.pem"
echo "wrote $dir/fullchain.pem and $dir/privkey.pem for $san (valid 365 days)"
