#!/bin/sh
# Generates the public ML-KEM-512 and ML-KEM-1024 API files from MLKEM768.swift, which is the one
# to edit (the same shape for every parameter set; the numbers live in MLKEMParameters.swift).
set -eu
dir="$(dirname "$0")/../../Sources/QRXPostQuantum/MLKEM"
for set in 512 1024; do
  sed -e "s/MLKEM768/MLKEM$set/g" -e "s/ML-KEM-768/ML-KEM-$set/g" \
    -e "s|^// The public ML-KEM-$set API.*|// The public ML-KEM-$set API, GENERATED from MLKEM768.swift by scripts/dev/gen_mlkem_sets.sh:|" \
    -e "s|^// scripts/dev/gen_mlkem_sets.sh: edit this one and regenerate.|// edit that file and regenerate, never this one.|" \
    "$dir/MLKEM768.swift" >"$dir/MLKEM$set.swift"
done
