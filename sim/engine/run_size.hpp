#pragma once
// How big a run is before it starts: the SimGrid activities it will simulate and the memory the
// records it keeps will take, from the scenario and the retention alone, against documented limits
// (docs/robustness.md).
// A run past a limit is refused up front (exit 2) instead of running for days or being killed by
// the kernel. estimate_run_size is the one place that knows how the record counts grow.
#include "sim/config/scenario.hpp"
#include "sim/metrics/record_retention.hpp"

#include <cstdint>
#include <string>

namespace afdsim {

struct RunSize {
  // Counts as doubles: the largest scenarios the loader accepts overflow 64-bit integers.
  double computes = 0;    // GPU execs (attention, FFN, LM head)
  double transfers = 0;   // messages (AFD activations; colocated all-reduce pieces)
  double waits = 0;       // at most: an empty wait records nothing
  double steps = 0;       // one per attention worker (colocated: replica) and step
  double tokens = 0;      // one per request and step
  double requests = 0;    // expected finished requests: tokens / mean output length
  double activities() const { return computes + transfers; }  // what SimGrid simulates
  double records() const { return computes + transfers + waits + steps + tokens + requests; }
  // Memory of what the run keeps: step and request records and the metrics' running state always;
  // the computes, waits and messages only as far as the retention asks (a trace's steps).
  double record_bytes = 0;
};

struct RunLimits {
  double max_activities = 0;
  double max_record_bytes = 0;
  std::string memory_basis;  // where the memory limit comes from, for the message
};

// Exact for computes, transfers, steps and tokens of a run whose ops all take time; waits are an
// upper bound, requests an expectation.
RunSize estimate_run_size(const Scenario& scenario, const RecordRetention& retention = {});

// 1e9 activities (about half an hour at the measured 500 k activities/s); kept records up to half
// of the physical memory (/proc/meminfo MemTotal; 8 GiB when it cannot be read).
RunLimits default_run_limits();

// Throws InputError naming the scenario file and workload.steps (and the other keys that scale the
// run) with the estimate and the limit, when the run is past either limit.
void check_run_size(const Scenario& scenario, const RunSize& size, const RunLimits& limits);
// The same for the run of `scenario` keeping `retention`, against the default limits: what every
// command checks before it simulates.
void check_run_size(const Scenario& scenario, const RecordRetention& retention = {});

} // namespace afdsim
