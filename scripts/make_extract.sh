#!/usr/bin/env sh
# The pipeline behind `make extract`: extract, reconcile, report. Exit 0 when no
# unreviewed conflict at or above fail_on exists, 1 when one does, 2 (or 3: inputs
# rejected) otherwise.
#   scripts/make_extract.sh ARTICLES DB [FAIL_ON]
bin=.venv/bin
"$bin/extractor" extract "$1" --db "$2" || exit $?
if [ -n "$3" ]; then
  "$bin/extractor" reconcile --db "$2" --fail-on "$3"
else
  "$bin/extractor" reconcile --db "$2"
fi
rc=$?
"$bin/extractor" report --db "$2" --format terminal || exit $?
exit $rc
