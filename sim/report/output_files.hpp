#pragma once
// `--out DIR`: report.json, the resolved scenario.yaml, steps.csv and workers.csv. The files are
// written into a temporary sibling directory and renamed into place at the end, so a failure
// leaves nothing partial (an existing DIR keeps its other files; ours are replaced one rename each).
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/metrics.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace afdsim {

struct RunOutputs {
  const nlohmann::json& report;
  const std::string& scenario_yaml;  // to_yaml(scenario)
  const EventLog& log;
  const Metrics& metrics;
};

// Throws InputError ("--out: DIR: ...") when DIR cannot be created or written.
void write_output_files(const std::string& dir, const RunOutputs& outputs);

// worker,step,start_ms,end_ms,tokens,context_tokens: every step record (warm-up included),
// sorted by step then worker; numbers in shortest round-trip form.
std::string steps_csv(const EventLog& log);
// name,role,host,busy_fraction,bubble_fraction and the wait split, one row per worker.
std::string workers_csv(const Metrics& metrics);

} // namespace afdsim
