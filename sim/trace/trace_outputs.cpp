#include "sim/trace/trace_outputs.hpp"

#include "sim/trace/chrome_writer.hpp"
#include "sim/trace/paje_writer.hpp"
#include "sim/util/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <vector>

namespace afdsim {

namespace {

// The checks a file can fail before the run has anything to write in it.
void check_writable_path(const std::string& path, const std::string& what)
{
  if (path.empty())
    return;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw InputError(what + ": " + path + ": is a directory, not a file");
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw InputError(what + ": " + path + ": cannot create the file: " + parent.string() + " is not a directory");
}

} // namespace

TraceRequest resolve_trace_request(const Scenario& scenario, const std::string& paje_flag,
                                   const std::string& chrome_flag, const std::string& steps_flag)
{
  TraceRequest r;
  r.paje_file = paje_flag.empty() ? scenario.outputs.paje : paje_flag;
  r.chrome_file = chrome_flag.empty() ? scenario.outputs.chrome : chrome_flag;
  check_writable_path(r.paje_file, "--paje");
  check_writable_path(r.chrome_file, "--chrome");
  const WorkloadConfig& w = scenario.workload;
  r.steps = default_trace_steps(w.warmup_steps, w.steps);
  const std::string text = steps_flag.empty() ? scenario.outputs.trace_steps : steps_flag;
  if (text.empty())
    return r;
  const auto range = parse_step_range(text);
  if (!range)
    throw InputError("--trace-steps: must be 'A:B' (whole steps, A <= B) or 'all', got '" + text + "'");
  if (!range->all && range->last >= w.steps) {
    throw InputError("--trace-steps: the last step must be below workload.steps (" + std::to_string(w.steps) +
                     "; steps are numbered from 0), got '" + text + "'");
  }
  r.steps = *range;
  return r;
}

std::string write_traces(const TraceRequest& request, const EventLog& log)
{
  const TraceWindow window = trace_window(log, request.steps);
  std::vector<std::string> written;
  if (!request.paje_file.empty())
    written.push_back(fmt::format("{} Paje events to {}", write_paje_trace(request.paje_file, log, window),
                                  request.paje_file));
  if (!request.chrome_file.empty())
    written.push_back(fmt::format("{} Chrome events to {}", write_chrome_trace(request.chrome_file, log, window),
                                  request.chrome_file));
  const std::string summary = fmt::format("trace of steps {}..{} ({:.6f} s to {:.6f} s): {}", window.first_step,
                                          window.last_step, window.t0_s, window.t1_s, fmt::join(written, ", "));
  return summary;
}

} // namespace afdsim
