#!/usr/bin/env bash
# Runs tsllm-spark.jar the way spark-submit does, against Spark's own runtime classpath (protobuf-java 4.x first, as
# in a Spark distribution's jars/), in local mode on 127.0.0.1: a smoke run of the CPU-size suite, every cell
# completed. Needs `mvn package` first. Usage: tools/spark-submit-check.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
classpath="$(mktemp)"
trap 'rm -f "$classpath"' EXIT
mvn -B -q -f tools/spark-runtime/pom.xml dependency:build-classpath -Dmdep.outputFile="$classpath"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 TF_CPP_MIN_LOG_LEVEL=2 java $opens -cp "$(cat "$classpath")" \
  org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
  --class io.tsllm.spark.SparkSuiteMain framework/spark/target/tsllm-spark.jar \
  configs/suites/etth1-llm-ablation.json --output-dir "$out" \
  --set training.epochs=1 --set training.max_train_steps=2 2>&1 | grep -E '^(suite|etth1|report)' | tail -4
completed=$(grep -c ',completed,mse,' "$out/etth1-llm-ablation/results.csv")
echo "spark-submit check: $completed of 24 cells completed"
test "$completed" -eq 24
# Each cell's run.log is written through Spark's Log4j 2, the one logging backend under spark-submit.
logged=$(grep -l 'train loss' "$out"/etth1-llm-ablation/cells/*/run.log | wc -l)
echo "spark-submit check: $logged of 24 cells have their epochs in run.log"
test "$logged" -eq 24
