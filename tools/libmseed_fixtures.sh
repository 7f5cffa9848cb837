#!/bin/sh
# MiniSEED fixtures for plugins/seismic, written and read by the field's reference tools (Debian: libmseed-dev,
# sac2mseed): configs/data/seismic/seism.sac packed by sac2mseed as Steim1, Steim2, int32 and float32 records
# (512-byte records, so each file holds several), and each of those and the real gappy record gaps.mseed dumped
# as libmseed reads it (tools/libmseed/mseed_dump.c): records.csv (id, start, rate, encoding, count per record)
# and samples.txt; the Steim2 file converted back to SAC by mseed2sac. The plugin's tests read the same files and must get the same samples, start times and gaps.
# Run from the repository root: sh tools/libmseed_fixtures.sh
set -eu
out=plugins/seismic/src/test/resources/libmseed
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/mseed_dump" tools/libmseed/mseed_dump.c -lmseed
# Integer encodings hold the SAC floats (about +-1.6) times 10000; float32 holds them as they are.
for pair in steim1:10:10000 steim2:11:10000 int32:3:10000 float32:4:1; do
  name=${pair%%:*}; rest=${pair#*:}; encoding=${rest%%:*}; scale=${rest#*:}
  sac2mseed -r 512 -e "$encoding" -s "$scale" -n XX -l 00 -o "$out/seism-$name.mseed" configs/data/seismic/seism.sac
done
for file in "$out"/seism-*.mseed configs/data/seismic/gaps.mseed; do
  base=$(basename "$file" .mseed)
  "$work/mseed_dump" "$file" "$out/$base.samples.txt" > "$out/$base.records.csv"
done
# The Steim2 file back to SAC by mseed2sac: the SAC reader must read libmseed's samples and start time from it.
(cd "$work" && mseed2sac "$OLDPWD/$out/seism-steim2.mseed" > /dev/null && mv XX.CDV.00.Q.D.*.SAC "$OLDPWD/$out/seism-steim2.sac")
echo "libmseed $(dpkg-query -W -f='${Version}' libmseed-dev), sac2mseed $(dpkg-query -W -f='${Version}' sac2mseed)," \
  "mseed2sac $(dpkg-query -W -f='${Version}' mseed2sac)" \
  > "$out/VERSIONS.txt"
ls -la "$out"
