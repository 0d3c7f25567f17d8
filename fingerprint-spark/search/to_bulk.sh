#!/usr/bin/env bash
# Turns a job's JSON Lines segments (--format json) into an OpenSearch / Elasticsearch _bulk body:
#
#   fingerprint-spark/search/to_bulk.sh INDEX OUTPUT/segments/part-*.json > bulk.ndjson
#   curl -s -H 'Content-Type: application/x-ndjson' -XPOST "$SEARCH/_bulk" --data-binary @bulk.ndjson
#
# Each segment record becomes one document whose _id is "SOURCE#SEGMENT_INDEX", so loading the same
# output again replaces documents instead of duplicating them. Needs jq. Split large outputs (a few
# thousand records, some tens of MB, per request).
set -euo pipefail
index="${1:?usage: to_bulk.sh INDEX FILE...}"
shift
jq -c --arg index "$index" \
   '{"index": {"_index": $index, "_id": (.source + "#" + (.segment_index | tostring))}}, .' "$@"
