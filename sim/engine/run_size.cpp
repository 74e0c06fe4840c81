#include "sim/engine/run_size.hpp"

#include "sim/metrics/event_log.hpp"
#include "sim/util/errors.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace afdsim {

namespace {

constexpr double kMaxActivities = 1e9;
constexpr double kFallbackMemoryBytes = 8.0 * (1ull << 30);
constexpr double kMemoryFraction = 0.5;
// The metrics' running state per request: its first and last window token (a hash-map node),
// TPOT and queue-delay samples.
constexpr double kMetricsBytesPerRequest = 96;

// MemTotal from /proc/meminfo in bytes, or 0.
double physical_memory_bytes()
{
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name;
    double kib = 0;
    if (fields >> name >> kib && name == "MemTotal:")
      return kib * 1024;
  }
  return 0;
}

void count_afd(const Scenario& s, RunSize& size)
{
  const double steps = s.workload.steps;
  const double r = s.deployment.attention_workers;
  const double per_step = double{1} * s.model.layers * s.deployment.microbatches;
  // Per layer and microbatch: r attention execs and one FFN exec, r messages each way, a wait
  // for the result on every attention worker and two on the FFN (first input, barrier).
  size.computes = steps * (per_step * (r + 1) + r);
  size.transfers = steps * per_step * 2 * r;
  size.waits = steps * per_step * (r + 2);
  size.steps = steps * r;
  size.tokens = steps * r * s.workload.batch_per_worker;
}

void count_colocated(const Scenario& s, RunSize& size)
{
  const double steps = s.workload.steps;
  const double gpus = s.deployment.gpus;
  const double k = s.deployment.tensor_parallel;
  const double replicas = gpus / k;
  const double all_reduces = 2.0 * s.model.layers;  // after attention and after the FFN
  const bool ring = s.deployment.allreduce == AllreduceAlgorithm::ring;
  const double messages = k < 2 ? 0 : ring ? 2 * (k - 1) : k - 1;  // per GPU and all-reduce
  const double waits = k < 2 ? 0 : ring ? 2 * (k - 1) : 1;
  size.computes = steps * gpus * (all_reduces + 1);
  size.transfers = steps * gpus * all_reduces * messages;
  size.waits = steps * gpus * all_reduces * waits;
  size.steps = steps * replicas;
  size.tokens = steps * replicas * s.workload.batch_per_worker;
}

template <class Record>
constexpr double bytes_of()
{
  return static_cast<double>(sizeof(Record));
}

std::string count_text(double n)
{
  if (n < 1e6)
    return fmt::format("{:.0f}", n);
  if (n < 1e9)
    return fmt::format("{:.3g} million", n / 1e6);
  if (n < 1e12)
    return fmt::format("{:.3g} billion", n / 1e9);
  return fmt::format("{:.3g}", n);
}

std::string bytes_text(double bytes) { return fmt::format("{:.3g} GB", bytes / 1e9); }

} // namespace

RunSize estimate_run_size(const Scenario& s, const RecordRetention& retention)
{
  RunSize size;
  if (s.deployment.mode == DeploymentMode::colocated)
    count_colocated(s, size);
  else
    count_afd(s, size);
  const double steps = std::max(1.0, double{1} * s.workload.steps);
  const double slots = size.tokens / steps;
  size.requests = slots + size.tokens / std::max(1, s.workload.output_tokens);
  // What a run keeps whatever the retention: the step and request records, the metrics' state per
  // request, and (AFD) one barrier spread per step, layer and microbatch (sim/metrics/streaming_metrics).
  const double barrier_spreads =
      s.deployment.mode == DeploymentMode::afd ? steps * s.model.layers * s.deployment.microbatches : 0;
  size.record_bytes = size.steps * bytes_of<StepRecord>() +
                      size.requests * (bytes_of<RequestRecord>() + kMetricsBytesPerRequest) +
                      barrier_spreads * bytes_of<double>();
  // The computes, waits and messages a trace draws: those of its steps and the two next to them.
  using Kind = RecordRetention::Kind;
  double kept_share = 0;
  if (retention.kind == Kind::everything || (retention.kind == Kind::trace_window && retention.trace_last_step < 0))
    kept_share = 1;
  else if (retention.kind == Kind::trace_window)
    kept_share = std::min(1.0, (retention.trace_last_step - retention.trace_first_step + 3) / steps);
  size.record_bytes += kept_share * (size.computes * bytes_of<ComputeRecord>() +
                                     size.transfers * bytes_of<TransferRecord>() + size.waits * bytes_of<WaitRecord>());
  if (retention.kind == Kind::everything)
    size.record_bytes += size.tokens * bytes_of<TokenRecord>() + size.requests * bytes_of<AdmissionRecord>();
  return size;
}

RunLimits default_run_limits()
{
  RunLimits limits;
  limits.max_activities = kMaxActivities;
  const double physical = physical_memory_bytes();
  if (physical > 0) {
    limits.max_record_bytes = kMemoryFraction * physical;
    limits.memory_basis = fmt::format("half of the {} of physical memory", bytes_text(physical));
  } else {
    limits.max_record_bytes = kFallbackMemoryBytes;
    limits.memory_basis = "/proc/meminfo unreadable: the fixed fallback";
  }
  return limits;
}

void check_run_size(const Scenario& s, const RunSize& size, const RunLimits& limits)
{
  // The keys the counts grow with; the batch adds records (tokens) but no activities.
  const std::string keys = s.deployment.mode == DeploymentMode::colocated
                               ? "workload.steps, model.layers, deployment.gpus"
                               : "workload.steps, model.layers, deployment.microbatches";
  const std::string last_key =
      s.deployment.mode == DeploymentMode::colocated ? "deployment.tensor_parallel" : "deployment.attention_workers";
  if (size.activities() > limits.max_activities)
    throw InputError(s.source_file, "workload.steps",
                     fmt::format("the run would simulate about {} SimGrid activities (execs + messages), more than "
                                 "the limit of {}; reduce {} or {}",
                                 count_text(size.activities()), count_text(limits.max_activities), keys, last_key));
  if (size.record_bytes > limits.max_record_bytes)
    throw InputError(s.source_file, "workload.steps",
                     fmt::format("the run's records would take about {} of memory (of {} records made), more than the "
                                 "limit of {} ({}); reduce {}, {} or workload.batch_per_worker, or trace fewer steps",
                                 bytes_text(size.record_bytes), count_text(size.records()),
                                 bytes_text(limits.max_record_bytes), limits.memory_basis, keys, last_key));
}

void check_run_size(const Scenario& scenario, const RecordRetention& retention)
{
  check_run_size(scenario, estimate_run_size(scenario, retention), default_run_limits());
}

} // namespace afdsim
