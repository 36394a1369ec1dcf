#!/bin/sh
# Prints a Helm values file with every secret an evaluation install (secrets.create=true) needs, freshly
# generated: per service a service-to-service key pair (EC P-256; private key as base64 PKCS#8 DER, public key
# as base64 X.509 DER) and a database password, token-service's key-encryption key and registration-service's
# client_secret_jwt sealing key (each base64 of 32 random bytes) and the evaluation PostgreSQL's superuser
# password. Keep the file: pass it again on `helm upgrade`.
#
#   k8s/generate-evaluation-secrets.sh > gatehouse-eval-secrets.yaml
#
# For production put the same kinds of values into Secrets you create (k8s/README.md "Secrets").
set -eu
command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
services="registration-service authorization-service token-service resource-service"
password() { openssl rand -hex 24; }

echo "secrets:"
echo "  serviceAuthKeys:"
for service in $services; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" 2>/dev/null
  echo "    $service:"
  echo "      privateKey: \"$(openssl pkcs8 -topk8 -nocrypt -in "$work/key.pem" -outform DER | openssl base64 -A)\""
  echo "      publicKey: \"$(openssl pkey -in "$work/key.pem" -pubout -outform DER | openssl base64 -A)\""
done
echo "  tokenKeyEncryptionKey: \"$(openssl rand -base64 32)\""
echo "  registrationClientJwtSecretKey: \"$(openssl rand -base64 32)\""
echo "  databasePasswords:"
for service in $services; do
  echo "    $service: \"$(password)\""
done
echo "  postgresPassword: \"$(password)\""
