#pragma once
// `--out DIR`: report.json, the resolved scenario.yaml, steps.csv, requests.csv and workers.csv.
// The files are written into a temporary sibling directory and renamed into place at the end, so
// a failure leaves nothing partial: a new DIR appears whole in one rename; into an existing DIR
// ours move one rename each, report.json last (it is there only when the others are).
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/metrics.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace afdsim {

struct RunOutputs {
  const nlohmann::json& report;
  const std::string& scenario_yaml;  // to_yaml(scenario)
  const EventLog& log;
  const Metrics& metrics;
};

// Throws InputError ("--out: DIR: ...") when DIR cannot be created or written.
void write_output_files(const std::string& dir, const RunOutputs& outputs);

// The files write_output_files writes, by name.
const std::vector<std::string>& output_file_names();

// Before a run, so that it fails before simulating and never mixes its files with an earlier
// run's: refuses (InputError "<what>: DIR: ...") a DIR that exists and is not a directory, or is
// a directory with anything in it, unless `force`; with `force`, deletes the files of
// output_file_names() in it (and nothing else), so that a run that fails leaves no report that
// looks like its own. `what` names where DIR came from ("--out" or "outputs.dir").
void prepare_output_dir(const std::string& dir, bool force, const std::string& what);

// worker,step,start_ms,end_ms,tokens,context_tokens: every step record (warm-up included),
// sorted by step then worker; numbers in shortest round-trip form.
std::string steps_csv(const EventLog& log);
// name,role,host,busy_fraction,bubble_fraction and the wait split, one row per worker.
std::string workers_csv(const Metrics& metrics);

} // namespace afdsim
