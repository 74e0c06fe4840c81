#include "sim/report/console_summary.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/report/analytic_json.hpp"
#include "sim/report/analytic_summary.hpp"
#include "sim/report/memory_report.hpp"
#include "sim/report/workload_report.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>

namespace afdsim {
namespace {

std::string ms_or_na(const DistributionSummary& s, double seconds)
{
  return s.count == 0 ? std::string("n/a") : fmt::format("{:.3f}", seconds * 1e3);
}

std::string pct(double fraction) { return fmt::format("{:.1f}", fraction * 100.0); }

void print_header(std::ostream& out, const Scenario& s, const Metrics& m)
{
  const DeploymentConfig& d = s.deployment;
  const std::string name = s.name.empty() ? s.source_file : s.name;
  if (d.mode == DeploymentMode::colocated && d.tensor_parallel == 1)
    out << fmt::format("afdsim run: {} ({} on {}; colocated data parallel on {} GPUs, batch {} per GPU)\n", name,
                       s.model.name, s.hardware.name, d.gpus, s.workload.batch_per_worker);
  else if (d.mode == DeploymentMode::colocated)
    out << fmt::format("afdsim run: {} ({} on {}; colocated, {} GPUs in {} TP {} group(s), {} all-reduce, batch {} "
                       "per group)\n",
                       name, s.model.name, s.hardware.name, d.gpus, d.gpus / d.tensor_parallel, d.tensor_parallel,
                       to_string(d.allreduce), s.workload.batch_per_worker);
  else
    out << fmt::format("afdsim run: {} ({} on {}{}; {} attention + {} FFN workers, {} microbatches, batch {} per "
                       "worker)\n",
                       name, s.model.name, s.hardware.name, s.ffn_hardware ? ", FFN on " + s.ffn_hardware->name : "",
                       d.attention_workers, d.ffn_workers, d.microbatches, s.workload.batch_per_worker);
  const MeasurementWindow& w = m.window;
  out << fmt::format("Window: steps {}..{} ({} steps), {:.3f} ms to {:.3f} ms = {:.3f} ms simulated\n\n", w.first_step,
                     w.last_step, w.steps, w.t0_s * 1e3, w.t1_s * 1e3, w.duration_s() * 1e3);
}

void print_rates(std::ostream& out, const Metrics& m)
{
  const ThroughputMetrics& t = m.throughput;
  out << fmt::format("Throughput (tokens/s): {:.1f} total, {:.1f} per GPU over {} GPUs ({} tokens in the window)\n",
                     t.tokens_per_s, t.tokens_per_s_per_gpu, t.gpus, t.tokens);
  const DistributionSummary& tp = m.tpot_s;
  out << fmt::format("TPOT (ms, over {} requests): mean {}  p50 {}  p90 {}  p99 {}\n", tp.count, ms_or_na(tp, tp.mean),
                     ms_or_na(tp, tp.p50), ms_or_na(tp, tp.p90), ms_or_na(tp, tp.p99));
  const DistributionSummary& st = m.step_s;
  out << fmt::format("Step time (ms, over {} worker-steps): mean {}  p50 {}  p99 {}\n\n", st.count, ms_or_na(st, st.mean),
                     ms_or_na(st, st.p50), ms_or_na(st, st.p99));
}

void print_workers(std::ostream& out, const Metrics& m)
{
  out << "Workers (% of window time; busy + the six wait columns = 100):\n";
  out << fmt::format("  {:<10} {:<9} {:<14} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "worker", "role",
                     "host", "busy", "bubble", "ffn_wait", "step_bnd", "first_in", "barrier", "other", "allreduce");
  for (const auto& w : m.workers)
    out << fmt::format("  {:<10} {:<9} {:<14} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", w.name,
                       to_string(w.role), w.host, pct(w.busy_fraction), pct(w.bubble_fraction),
                       pct(w.wait_ffn_result_fraction), pct(w.step_boundary_fraction), pct(w.wait_first_input_fraction),
                       pct(w.wait_barrier_fraction), pct(w.other_idle_fraction), pct(w.wait_allreduce_fraction));
  out << "\n";
}

void print_links(std::ostream& out, const Metrics& m)
{
  const NetworkMetrics& n = m.network;
  if (n.allreduce_transfers > 0)
    out << fmt::format("All-reduces in the window (MB): {:.3f} in {} messages\n", n.allreduce_bytes / 1e6,
                       n.allreduce_transfers);
  else
    out << fmt::format("Activations in the window (MB): attention->FFN {:.3f} in {} messages, FFN->attention {:.3f} in {}\n",
                       n.a2f_bytes / 1e6, n.a2f_transfers, n.f2a_bytes / 1e6, n.f2a_transfers);
  std::vector<LinkMetrics> links = n.links;
  std::stable_sort(links.begin(), links.end(),
                   [](const LinkMetrics& a, const LinkMetrics& b) { return a.utilisation > b.utilisation; });
  if (links.size() > kSummaryLinks)
    links.resize(kSummaryLinks);
  out << fmt::format("Busiest links ({} of {}):\n", links.size(), n.links.size());
  out << fmt::format("  {:<28} {:>16} {:>14} {:>16}\n", "link", "bandwidth (GB/s)", "window (MB)", "utilisation (%)");
  for (const auto& l : links)
    out << fmt::format("  {:<28} {:>16.1f} {:>14.3f} {:>16.2f}\n", l.name, l.bandwidth_bytes_per_s / 1e9, l.bytes / 1e6,
                       l.utilisation * 100.0);
  out << "\n";
}

} // namespace

void print_console_summary(std::ostream& out, const Scenario& scenario, const Metrics& metrics,
                           const SimulationResult& result)
{
  print_header(out, scenario, metrics);
  print_rates(out, metrics);
  print_workload_summary(out, scenario, metrics.workload);
  print_workers(out, metrics);
  print_links(out, metrics);
  print_memory_table(out, metrics.memory, scenario.workload.batch_per_worker);
  out << fmt::format("Largest batch_per_worker that fits: {}\n\n", metrics.max_batch_per_worker);
  print_analytic_summary(out, analytic_json(scenario, metrics, result));
  out << fmt::format("Simulation: {} activities, {:.6f} s simulated in {:.3f} s wall\n", result.log.activities,
                     result.log.end_s, result.wall_s);
}

} // namespace afdsim
