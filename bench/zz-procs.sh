#!/bin/bash
# usage: zz-procs.sh scenario reps impl...
scenario=$1; reps=$2; shift 2
for r in $(seq $reps); do for w in "$@"; do node bench/zz-chan.mjs $w $scenario 40; done; done | awk '{print $1, $4}' | sort -k1,1 -k2,2n | awk '{a[$1]=a[$1]" "$2} END {for (k in a) print k, a[k]}'
