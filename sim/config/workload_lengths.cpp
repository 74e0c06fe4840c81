#include "sim/config/workload_lengths.hpp"

#include "sim/config/length_fields.hpp"
#include "sim/config/scenario_sections.hpp"
#include "sim/workload/request_trace.hpp"

#include <cmath>

namespace afdsim {

namespace {

int rounded_mean(const std::vector<TracedRequest>& requests, int TracedRequest::*field)
{
  double sum = 0;
  for (const auto& r : requests)
    sum += r.*field;
  return std::max(1, static_cast<int>(std::lround(sum / static_cast<double>(requests.size()))));
}

} // namespace

void read_workload_lengths(const MapReader& workload, const std::string& base_dir, WorkloadConfig& w)
{
  if (workload.has("trace")) {
    for (const std::string key : {"prompt_tokens", "output_tokens"})
      if (workload.has(key))
        throw workload.error(key, "not allowed with workload.trace (the trace gives every request's lengths)");
    workload.read("trace", w.trace.file, false);
    w.trace.resolved_file = resolve_path(w.trace.file, base_dir);
    w.trace.requests = load_trace_file(w.trace.resolved_file, workload.where("trace"), workload.key_path("trace"));
    w.prompt_tokens = rounded_mean(w.trace.requests, &TracedRequest::prompt_tokens);
    w.output_tokens = rounded_mean(w.trace.requests, &TracedRequest::output_tokens);
    return;
  }
  read_length(workload, "prompt_tokens", base_dir, w.prompt_length);
  read_length(workload, "output_tokens", base_dir, w.output_length);
  w.prompt_tokens = rounded_mean_tokens(w.prompt_length);
  w.output_tokens = rounded_mean_tokens(w.output_length);
}

} // namespace afdsim
