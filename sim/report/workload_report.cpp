#include "sim/report/workload_report.hpp"

#include <spdlog/fmt/fmt.h>

namespace afdsim {

namespace {
constexpr double kMsPerS = 1e3;
} // namespace

nlohmann::json workload_json(const WorkloadMetrics& m)
{
  const DistributionSummary& w = m.barrier.wait_s;
  auto ms = [&w](double seconds) { return w.count == 0 ? nlohmann::json(nullptr) : nlohmann::json(seconds * kMsPerS); };
  return {{"theta_tokens", m.theta_tokens},
          {"mean_context_per_slot_tokens", m.mean_context_per_slot_tokens},
          {"ffn_barrier",
           {{"count", w.count},
            {"mean_ms", ms(w.mean)},
            {"p99_ms", ms(w.p99)},
            {"share_of_ffn_idle", m.barrier.share_of_ffn_idle}}}};
}

void print_workload_summary(std::ostream& out, const WorkloadMetrics& m)
{
  out << fmt::format("Context per slot (tokens, before the new one): measured {:.1f}, theta {:.1f} (Song et al.)\n",
                     m.mean_context_per_slot_tokens, m.theta_tokens);
  const DistributionSummary& w = m.barrier.wait_s;
  if (w.count > 0)
    out << fmt::format("FFN barrier (first to last input of a layer and microbatch, over {}): mean {:.4f} ms, "
                       "p99 {:.4f} ms; waiting on it is {:.1f}% of the FFN's idle time\n",
                       w.count, w.mean * kMsPerS, w.p99 * kMsPerS, m.barrier.share_of_ffn_idle * 100.0);
  out << "\n";
}

std::string requests_csv(const EventLog& log)
{
  std::string csv = "id,worker,prompt_tokens,output_tokens,start_s,end_s,tpot_mean_ms\n";
  for (const auto& r : log.requests)
    csv += fmt::format("{},{},{},{},{},{},{}\n", r.request, log.workers.at(static_cast<std::size_t>(r.worker)).name,
                       r.prompt_tokens, r.output_tokens, r.start_s, r.end_s,
                       (r.end_s - r.start_s) * kMsPerS / r.output_tokens);
  return csv;
}

} // namespace afdsim
