#!/usr/bin/env bash
# Submit command for snakemake-executor-plugin-cluster-generic in the tests: runs
# the job script as a process of its own, in the background, as a cluster node
# would, and prints its process id as the job id.
"$@" >/dev/null 2>&1 </dev/null &
echo "$!"
