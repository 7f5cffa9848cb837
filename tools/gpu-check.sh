#!/usr/bin/env bash
# The GPU check for the -Pgpu build: what the machine has that TensorFlow Java 1.1.0's linux-x86_64-gpu native
# library (TensorFlow 2.18, built against CUDA 12 and cuDNN 9) needs, then, where a GPU build of framework.jar and a
# Java runtime are present, a short quickstart `bench` whose TensorFlow log must show a GPU device created.
# Usage: tools/gpu-check.sh [FRAMEWORK_JAR]   (default framework/bundle/target/framework.jar)
# Exit status: 0 the GPU build ran on a GPU; 2 something it needs is missing (printed); 1 it ran but on no GPU.
set -u
jar=${1:-framework/bundle/target/framework.jar}
missing=0

section() { printf '\n== %s\n' "$1"; }

section "machine"
uname -m
nproc
grep -m1 'model name' /proc/cpuinfo || true

section "GPU and driver"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv,noheader
  nvidia-smi | grep -o 'CUDA Version: [0-9.]*' || true
else
  echo "nvidia-smi: MISSING"
  missing=1
fi

section "CUDA libraries the GPU build loads (TensorFlow 2.18: CUDA 12, cuDNN 9)"
search_dirs=(/usr/lib /usr/lib64 /usr/local /opt /lib)
find_lib() {
  local found
  found=$(ldconfig -p 2>/dev/null | awk -v l="$1" '$1 == l {print $NF; exit}')
  if [ -z "$found" ]; then
    found=$(find "${search_dirs[@]}" -xdev -name "$1" 2>/dev/null | head -1)
  fi
  echo "$found"
}
for lib in libcuda.so.1 libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libcufft.so.11 libcusparse.so.12 \
    libcusolver.so.11 libcudnn.so.9; do
  path=$(find_lib "$lib")
  if [ -n "$path" ]; then
    echo "$lib: $path"
  else
    echo "$lib: MISSING"
    missing=1
  fi
done
echo "other CUDA runtime and cuBLAS versions present:"
find "${search_dirs[@]}" -xdev \( -name 'libcudart.so.*' -o -name 'libcublas.so.*' \) 2>/dev/null \
  | sed 's|.*/||' | sort -u | tr '\n' ' '
echo

section "Java"
if command -v java >/dev/null; then
  java -version 2>&1
else
  echo "java: MISSING (a JDK 17 or newer must be on the PATH)"
  missing=1
fi

section "framework jar"
if [ ! -f "$jar" ]; then
  echo "$jar: MISSING (build it with: mvn -Pgpu -B -o package -DskipTests)"
  missing=1
elif ! unzip -l "$jar" 2>/dev/null | grep -q 'linux-x86_64-gpu/libtensorflow_cc'; then
  echo "$jar has no linux-x86_64-gpu native library: it is the CPU build (build with -Pgpu)"
  missing=1
else
  echo "$jar: GPU build"
fi

if [ "$missing" -ne 0 ]; then
  section "result"
  echo "NOT RUN: the GPU build needs what is marked MISSING above"
  exit 2
fi

section "quickstart bench on the GPU build"
out=$(mktemp -d)
TF_CPP_MIN_LOG_LEVEL=0 java -jar "$jar" bench configs/quickstart.json --steps 20 >"$out/bench.log" 2>&1
status=$?
grep -E 'Created device|GPU:0|training step|forward pass|windows per second|peak RSS' "$out/bench.log"
section "result"
if [ "$status" -ne 0 ]; then
  tail -40 "$out/bench.log"
  echo "FAILED: bench exited with $status"
  exit 1
fi
if grep -q 'Created device .*GPU:0' "$out/bench.log"; then
  echo "OK: TensorFlow created GPU:0 and the quickstart bench ran"
  exit 0
fi
echo "RAN ON CPU ONLY: TensorFlow created no GPU device"
grep -iE 'cuda|cudnn|dlopen|gpu' "$out/bench.log" | head -20
exit 1
