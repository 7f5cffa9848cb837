#!/usr/bin/env bash
# Writes the first 300 rows of ETTh1 as R's write.csv and pandas' to_csv write them, for CsvDatasetLoaderTest:
#   tools/csv_fixtures.sh plugins/datasets/src/test/resources/csv
# Needs Debian's r-base-core (R 4.2 wrote the committed files) and python3-pandas (1.5), run with /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
mkdir -p "$out"
head -301 configs/data/ett/ETTh1.csv > "$out/etth1-300.csv"
# R quotes every header and every string field; row.names = TRUE (the default) adds an unnamed first column.
Rscript -e "d <- read.csv('$out/etth1-300.csv', check.names = FALSE)
write.csv(d, '$out/r-write-csv.csv', row.names = FALSE)
write.csv(d, '$out/r-row-names.csv')"
# pandas with Excel's CRLF line ends, a BOM (encoding utf-8-sig, as Excel's 'CSV UTF-8'), and a date column
# whose name holds a comma and a quote, which to_csv must quote.
/usr/bin/python3 - "$out" <<'PY'
import sys
import pandas as pd
out = sys.argv[1]
d = pd.read_csv(out + "/etth1-300.csv")
d = d.rename(columns={"date": 'date, "local"'})
d.to_csv(out + "/pandas-excel.csv", index=False, lineterminator="\r\n", encoding="utf-8-sig")
PY
