#pragma once
// The traces `afdsim run` writes: the flags (--paje, --chrome, --trace-steps) win over the
// scenario's outputs keys. Resolved before the simulation so bad input fails fast (exit 2).
#include "sim/config/scenario.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/trace/trace_window.hpp"

#include <string>

namespace afdsim {

struct TraceRequest {
  std::string paje_file;    // empty: none
  std::string chrome_file;  // empty: none
  StepRange steps;
  bool any() const { return !paje_file.empty() || !chrome_file.empty(); }
};

// Empty flag values fall back to the scenario. Throws InputError ("--trace-steps: ...") for a
// range that is malformed or reaches past the run's last step, and ("--paje: FILE: ...") for a
// file that cannot be created (a directory, or in a folder that does not exist).
TraceRequest resolve_trace_request(const Scenario& scenario, const std::string& paje_flag,
                                   const std::string& chrome_flag, const std::string& steps_flag);

// Writes the requested files; returns a one-line summary for the log.
std::string write_traces(const TraceRequest& request, const EventLog& log);

} // namespace afdsim
