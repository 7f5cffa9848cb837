/*
 * Dumps a MiniSEED file as libmseed (the reference MiniSEED library) reads it, for the seismic plugin's fixtures:
 * one line per data record on stdout, "id,start,rate,encoding,count" (id NET.STA.LOC.CHA, start ISO-8601 with
 * microseconds, UTC), and every decoded sample, one per line in file order, to the file named second.
 * Build: gcc -O2 -o mseed_dump mseed_dump.c -lmseed   (Debian's libmseed-dev)
 */
#include <libmseed.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s FILE.mseed SAMPLES.txt > RECORDS.csv\n", argv[0]);
    return 2;
  }
  FILE *samples = fopen(argv[2], "w");
  if (!samples) {
    perror(argv[2]);
    return 1;
  }
  MSRecord *msr = NULL;
  int status;
  char time[64];
  printf("id,start,rate,encoding,count\n");
  while ((status = ms_readmsr(&msr, argv[1], 0, NULL, NULL, 1, 1, 0)) == MS_NOERROR) {
    ms_hptime2isotimestr(msr->starttime, time, 1);
    printf("%s.%s.%s.%s,%sZ,%.10g,%d,%ld\n", msr->network, msr->station, msr->location, msr->channel, time,
           msr_nomsamprate(msr), msr->encoding, (long) msr->numsamples);
    for (int64_t i = 0; i < msr->numsamples; i++) {
      switch (msr->sampletype) {
        case 'i': fprintf(samples, "%d\n", ((int32_t *) msr->datasamples)[i]); break;
        case 'f': fprintf(samples, "%.9g\n", ((float *) msr->datasamples)[i]); break;
        case 'd': fprintf(samples, "%.17g\n", ((double *) msr->datasamples)[i]); break;
        default: fprintf(stderr, "%s: sample type %c not dumped\n", argv[1], msr->sampletype); return 1;
      }
    }
  }
  ms_readmsr(&msr, NULL, 0, NULL, NULL, 0, 0, 0);
  fclose(samples);
  if (status != MS_ENDOFFILE) {
    fprintf(stderr, "%s: %s\n", argv[1], ms_errorstr(status));
    return 1;
  }
  return 0;
}
