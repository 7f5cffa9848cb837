#!/bin/sh
# Times a training step on this machine as 1 process with 2 threads and as 2 workers of a distributed training
# with 1 thread each (`bench --cluster`), with the gradient all-reduce alone, for an experiment and its --set
# changes: the figures of experiments/README.md's "Training across processes" section.
#
#   tools/bench-distributed.sh EXPERIMENT [--set PATH=VALUE]...
#
# The workers run in a network namespace whose only interface is loopback (TensorFlow's servers listen on every
# interface), so it needs root and `unshare`; framework.jar must be built (mvn -q -B install -DskipTests).
set -eu
cd "$(dirname "$0")/.."
JAR=${TSLLM_JAR:-framework/bundle/target/framework.jar}
STEPS=${STEPS:-10}
EXPERIMENT=$1
shift
export TF_CPP_MIN_LOG_LEVEL=2
echo "== 1 process, 2 threads"
java -jar "$JAR" bench "$EXPERIMENT" --steps "$STEPS" --set training.threads=2 "$@" | grep -E "^(cpu|training step|peak)"
echo "== 2 workers, 1 thread each"
OUT=$(mktemp -d)
# "$@" travels into the namespace's shell as its positional parameters.
unshare --net sh -c '
  ip link set lo up
  JAR=$1; EXPERIMENT=$2; STEPS=$3; OUT=$4; shift 4
  CLUSTER=127.0.0.1:23471,127.0.0.1:23472
  java -jar "$JAR" bench "$EXPERIMENT" --steps "$STEPS" --set training.threads=1 "$@" --cluster $CLUSTER --task 1 \
    > "$OUT/worker-1.txt" 2>&1 &
  java -jar "$JAR" bench "$EXPERIMENT" --steps "$STEPS" --set training.threads=1 "$@" --cluster $CLUSTER --task 0 \
    > "$OUT/worker-0.txt" 2>&1
  wait $!
' sh "$JAR" "$EXPERIMENT" "$STEPS" "$OUT" "$@"
for task in 0 1; do
  echo "-- worker $task"
  grep -E "^(cpu|training step|gradient all-reduce|the same floats)|error" "$OUT/worker-$task.txt" || cat "$OUT/worker-$task.txt"
done
rm -rf "$OUT"
