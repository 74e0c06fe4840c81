#include "sim/report/workload_report.hpp"

#include "sim/config/scenario_enums.hpp"

#include <spdlog/fmt/fmt.h>

namespace afdsim {

namespace {
constexpr double kMsPerS = 1e3;
} // namespace

namespace {

nlohmann::json admission_json(const Scenario& s, const AdmissionMetrics& a)
{
  const DistributionSummary& d = a.queue_delay_s;
  auto ms = [&d](double seconds) { return d.count == 0 ? nlohmann::json(nullptr) : nlohmann::json(seconds * kMsPerS); };
  nlohmann::json j = {{"arrival", to_string(s.workload.arrival)},
                      {"admitted", a.admitted},
                      {"queue_delay_ms",
                       {{"mean", ms(d.mean)}, {"p50", ms(d.p50)}, {"p90", ms(d.p90)}, {"p99", ms(d.p99)},
                        {"max", ms(a.queue_delay_max_s)}}},
                      {"waiting_at_end", a.waiting_at_end},
                      {"rejected", a.rejected},
                      {"kv_capacity_tokens_per_worker", a.kv_capacity_tokens},
                      {"kv_peak_reserved_tokens", a.kv_peak_reserved_tokens}};
  if (s.workload.arrival != ArrivalProcess::closed) {
    j["arrivals"] = a.arrivals;
    j["routing"] = to_string(s.workload.routing);
  }
  if (s.workload.arrival == ArrivalProcess::poisson)
    j["arrival_rate_per_s"] = s.workload.arrival_rate_per_s;
  return j;
}

bool admission_worth_printing(const Scenario& s, const AdmissionMetrics& a)
{
  return s.workload.arrival != ArrivalProcess::closed || a.waiting_at_end > 0 || a.rejected > 0 ||
         a.queue_delay_max_s > 0;
}

} // namespace

nlohmann::json workload_json(const Scenario& s, const WorkloadMetrics& m)
{
  const DistributionSummary& w = m.barrier.wait_s;
  auto ms = [&w](double seconds) { return w.count == 0 ? nlohmann::json(nullptr) : nlohmann::json(seconds * kMsPerS); };
  nlohmann::json j = {{"theta_tokens", m.theta_tokens},
                      {"mean_context_per_slot_tokens", m.mean_context_per_slot_tokens},
                      {"ffn_barrier",
                       {{"count", w.count},
                        {"mean_ms", ms(w.mean)},
                        {"p99_ms", ms(w.p99)},
                        {"share_of_ffn_idle", m.barrier.share_of_ffn_idle}}},
                      {"admission", admission_json(s, m.admission)}};
  // Colocated runs have no FFN barrier to pad at: policy none, and the same keys as AFD reports.
  j["ffn_padding"] = {{"policy", to_string(s.deployment.padding)},
                      {"tokens", m.padding.ffn_tokens},
                      {"padding_tokens", m.padding.ffn_padding_tokens},
                      {"padding_fraction", m.padding.padding_fraction}};
  return j;
}

void print_workload_summary(std::ostream& out, const Scenario& s, const WorkloadMetrics& m)
{
  out << fmt::format("Context per slot (tokens, before the new one): measured {:.1f}, theta {:.1f} (Song et al.)\n",
                     m.mean_context_per_slot_tokens, m.theta_tokens);
  const DistributionSummary& w = m.barrier.wait_s;
  if (w.count > 0)
    out << fmt::format("FFN barrier (first to last input of a layer and microbatch, over {}): mean {:.4f} ms, "
                       "p99 {:.4f} ms; waiting on it is {:.1f}% of the FFN's idle time\n",
                       w.count, w.mean * kMsPerS, w.p99 * kMsPerS, m.barrier.share_of_ffn_idle * 100.0);
  const AdmissionMetrics& a = m.admission;
  if (admission_worth_printing(s, a)) {
    if (s.workload.arrival != ArrivalProcess::closed)
      out << fmt::format("Arrivals ({}, routed {}): {} during the run; ", to_string(s.workload.arrival),
                         to_string(s.workload.routing), a.arrivals);
    const DistributionSummary& d = a.queue_delay_s;
    out << fmt::format("queueing delay over {} admissions in the window: mean {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms; "
                       "{} waiting at the end, {} rejected (KV larger than a worker's)\n",
                       a.admitted, d.mean * kMsPerS, d.p99 * kMsPerS, a.queue_delay_max_s * kMsPerS, a.waiting_at_end,
                       a.rejected);
    out << fmt::format("KV reserved: peak {:.0f} of {:.0f} tokens per worker ({:.1f}%)\n", a.kv_peak_reserved_tokens,
                       a.kv_capacity_tokens, 100.0 * a.kv_peak_reserved_tokens / a.kv_capacity_tokens);
  }
  if (s.deployment.padding != PaddingPolicy::none)
    out << fmt::format("FFN padding ({}): {} rows computed beyond {} tokens, {:.1f}% of the FFN's rows\n",
                       to_string(s.deployment.padding), m.padding.ffn_padding_tokens, m.padding.ffn_tokens,
                       m.padding.padding_fraction * 100.0);
  out << "\n";
}

std::string requests_csv(const EventLog& log)
{
  std::string csv = "id,worker,prompt_tokens,output_tokens,arrival_s,start_s,end_s,queue_delay_ms,tpot_mean_ms\n";
  for (const auto& r : log.requests) {
    const double arrival_s = r.arrival_s >= 0 ? r.arrival_s : r.start_s;
    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.request, log.workers.at(static_cast<std::size_t>(r.worker)).name,
                       r.prompt_tokens, r.output_tokens, arrival_s, r.start_s, r.end_s,
                       (r.start_s - arrival_s) * kMsPerS, (r.end_s - r.start_s) * kMsPerS / r.output_tokens);
  }
  return csv;
}

} // namespace afdsim
