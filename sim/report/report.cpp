#include "sim/report/report.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/report/memory_report.hpp"
#include "sim/report/workload_report.hpp"
#include "sim/util/interrupt.hpp"

namespace afdsim {
namespace {

using nlohmann::json;

constexpr double kMsPerS = 1e3;
constexpr double kBytesPerGb = 1e9;

// An empty sample has no statistics: null, never a made-up 0.
json latency_ms(const DistributionSummary& s, bool with_p90)
{
  auto value = [&s](double seconds) { return s.count == 0 ? json(nullptr) : json(seconds * kMsPerS); };
  json j = {{"mean", value(s.mean)}, {"p50", value(s.p50)}, {"p99", value(s.p99)}};
  if (with_p90)
    j["p90"] = value(s.p90);
  return j;
}

json window_json(const MeasurementWindow& w, const Metrics& m)
{
  return {{"first_step", w.first_step},
          {"last_step", w.last_step},
          {"steps", w.steps},
          {"t0_s", w.t0_s},
          {"t1_s", w.t1_s},
          {"duration_s", w.duration_s()},
          {"tpot_requests", m.tpot_s.count},
          {"step_records", m.step_s.count}};
}

json worker_json(const WorkerMetrics& w)
{
  return {{"name", w.name},
          {"role", to_string(w.role)},
          {"host", w.host},
          {"busy_s", w.busy_s},
          {"busy_fraction", w.busy_fraction},
          {"bubble_fraction", w.bubble_fraction},
          {"wait_ffn_result_fraction", w.wait_ffn_result_fraction},
          {"step_boundary_fraction", w.step_boundary_fraction},
          {"wait_first_input_fraction", w.wait_first_input_fraction},
          {"wait_barrier_fraction", w.wait_barrier_fraction},
          {"other_idle_fraction", w.other_idle_fraction},
          {"wait_allreduce_fraction", w.wait_allreduce_fraction}};
}

json network_json(const NetworkMetrics& n)
{
  json links = json::array();
  for (const auto& l : n.links)
    links.push_back({{"name", l.name},
                     {"bandwidth_gb_per_s", l.bandwidth_bytes_per_s / kBytesPerGb},
                     {"bytes", l.bytes},
                     {"utilisation", l.utilisation}});
  return {{"links", links},
          {"a2f_bytes", n.a2f_bytes},
          {"f2a_bytes", n.f2a_bytes},
          {"a2f_transfers", n.a2f_transfers},
          {"f2a_transfers", n.f2a_transfers},
          {"allreduce_bytes", n.allreduce_bytes},
          {"allreduce_transfers", n.allreduce_transfers}};
}

json simulation_json(const SimulationResult& r)
{
  json cfg = json::object();
  for (const auto& [key, value] : r.simgrid_config)
    cfg[key] = value;
  return {{"wall_s", r.wall_s},
          {"activities", r.log.activities},
          {"simulated_s", r.log.end_s},
          {"simgrid_config", cfg},
          {"compute", to_string(r.compute)}};
}

json stopped_json(const SimulationResult& r, int steps_completed)
{
  return {{"reason", "interrupted by " + signal_name(r.stop_signal)},
          {"signal", r.stop_signal},
          {"steps_completed", steps_completed}};
}

} // namespace

nlohmann::json build_report(const Scenario& scenario, const Metrics& metrics, const SimulationResult& result,
                            const nlohmann::json& resolved_scenario, const nlohmann::json& analytic)
{
  json workers = json::array();
  for (const auto& w : metrics.workers)
    workers.push_back(worker_json(w));
  const ThroughputMetrics& t = metrics.throughput;
  json report = {{"throughput",
           {{"tokens", t.tokens},
            {"tokens_per_s", t.tokens_per_s},
            {"tokens_per_s_per_gpu", t.tokens_per_s_per_gpu},
            {"gpus", t.gpus}}},
          {"tpot_ms", latency_ms(metrics.tpot_s, true)},
          {"step_ms", latency_ms(metrics.step_s, false)},
          {"window", window_json(metrics.window, metrics)},
          {"workers", workers},
          {"network", network_json(metrics.network)},
          {"memory", memory_json(metrics.memory, metrics.max_batch_per_worker)},
          {"workload", workload_json(scenario, metrics.workload)},
          {"analytic", analytic},
          {"simulation", simulation_json(result)},
          {"scenario", resolved_scenario},
          {"complete", result.complete}};
  if (!result.complete)
    report["stopped"] = stopped_json(result, metrics.window.last_step + 1);
  return report;
}

nlohmann::json build_unmeasured_report(const SimulationResult& result, int steps_completed,
                                       const nlohmann::json& resolved_scenario)
{
  return {{"complete", false},
          {"stopped", stopped_json(result, steps_completed)},
          {"simulation", simulation_json(result)},
          {"scenario", resolved_scenario}};
}

std::string report_text(const nlohmann::json& report) { return report.dump(2) + "\n"; }

} // namespace afdsim
