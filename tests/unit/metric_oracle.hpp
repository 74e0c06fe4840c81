#pragma once
// Reference values of the metrics' totals (RunTotals), computed from a whole log (one that kept
// every record) straight from the definitions in docs/metrics.md, with none of StreamingMetrics'
// machinery: each value is grouped and computed on its own, in the plainest way. The streaming
// totals of a run must equal these.
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/interval_set.hpp"
#include "sim/metrics/measurement_window.hpp"
#include "sim/metrics/run_totals.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace afdsim::test {

// One record's claim on a worker's time (kComputeClaim or wait_claim(cause)) and its interval.
using ClaimedSpan = std::pair<std::size_t, std::pair<double, double>>;

// docs/metrics.md "Where each worker's time goes": compute's union clipped to the window, then
// each wait cause's union minus what the claims before it took.
inline ClaimTotals interval_set_totals(const std::vector<ClaimedSpan>& records, double t0_s, double t1_s)
{
  std::array<IntervalSet, kClaims> sets;
  for (const auto& [claim, span] : records)
    sets[claim].add(span.first, span.second);
  ClaimTotals totals;
  IntervalSet claimed = sets[kComputeClaim].clipped(t0_s, t1_s);
  totals.seconds[kComputeClaim] = claimed.length_s();
  for (std::size_t c = 1; c < kClaims; ++c) {
    IntervalSet own = sets[c].clipped(t0_s, t1_s).minus(claimed);
    totals.seconds[c] = own.length_s();
    claimed = claimed.united(own);
  }
  return totals;
}

inline bool window_step(const MeasurementWindow& w, int step) { return step >= w.first_step && step <= w.last_step; }

inline RunTotals reference_totals(const EventLog& log, const MeasurementWindow& w)
{
  RunTotals ref;
  ref.window = w;
  const auto role = [&log](int worker) { return log.workers.at(static_cast<std::size_t>(worker)).role; };

  // Worker time: every compute and wait of the worker, whatever its step, clipped to [t0, t1].
  std::vector<std::vector<ClaimedSpan>> spans(log.workers.size());
  for (const auto& c : log.computes)
    spans.at(static_cast<std::size_t>(c.worker)).push_back({kComputeClaim, {c.start_s, c.end_s}});
  for (const auto& x : log.waits)
    spans.at(static_cast<std::size_t>(x.worker)).push_back({wait_claim(x.cause), {x.start_s, x.end_s}});
  for (const auto& worker_spans : spans)
    ref.workers.push_back(interval_set_totals(worker_spans, w.t0_s, w.t1_s));

  // Messages of window steps by the roles of their ends, summed in log order (the engine's order).
  for (const auto& t : log.transfers) {
    if (!window_step(w, t.step))
      continue;
    const WorkerRole src = role(t.src_worker);
    const WorkerRole dst = role(t.dst_worker);
    if (src == WorkerRole::attention && dst == WorkerRole::ffn) {
      ref.messages.a2f_bytes += t.bytes;
      ref.messages.a2f_transfers++;
    } else if (src == WorkerRole::ffn && dst == WorkerRole::attention) {
      ref.messages.f2a_bytes += t.bytes;
      ref.messages.f2a_transfers++;
    } else if (src == WorkerRole::colocated && dst == WorkerRole::colocated) {
      ref.messages.allreduce_bytes += t.bytes;
      ref.messages.allreduce_transfers++;
    }
  }

  // FFN barrier: per (window step, layer, microbatch) with inputs at the FFN, last input arrival
  // minus first input arrival (a transfer arrives at its end).
  std::map<std::tuple<int, int, int>, std::vector<double>> arrivals_s;
  for (const auto& t : log.transfers)
    if (role(t.dst_worker) == WorkerRole::ffn && window_step(w, t.step))
      arrivals_s[{t.step, t.layer, t.microbatch}].push_back(t.end_s);
  for (const auto& [key, times] : arrivals_s)
    ref.barrier_waits_s.push_back(*std::max_element(times.begin(), times.end()) -
                                  *std::min_element(times.begin(), times.end()));
  std::sort(ref.barrier_waits_s.begin(), ref.barrier_waits_s.end());

  // TPOT: per request with two or more tokens of window steps, taken in step order, the mean gap
  // between consecutive tokens; by request id.
  std::map<int64_t, std::vector<std::pair<int, double>>> tokens;  // request -> (step, time)
  for (const auto& t : log.tokens)
    if (window_step(w, t.step))
      tokens[t.request].push_back({t.step, t.time_s});
  for (auto& [request, list] : tokens) {
    if (list.size() < 2)
      continue;
    std::sort(list.begin(), list.end());
    // The mean gap telescopes to (last - first) / gaps: in exact arithmetic; taken this way it is
    // exact in floating point too, where summing the rounded gaps would not be.
    ref.tpot_s.push_back((list.back().second - list.front().second) / static_cast<double>(list.size() - 1));
  }

  // Queue delay: per admission inside [t0, t1], admission - arrival (0 without an arrival time).
  for (const auto& a : log.admissions)
    if (a.admitted_s >= w.t0_s && a.admitted_s <= w.t1_s)
      ref.queue_delays_s.push_back(a.arrival_s >= 0 ? a.admitted_s - a.arrival_s : 0.0);
  std::sort(ref.queue_delays_s.begin(), ref.queue_delays_s.end());

  // FFN padding: the FFN computes of window steps, tokens received and rows computed beyond.
  for (const auto& c : log.computes)
    if (c.kind == ComputeKind::ffn && role(c.worker) == WorkerRole::ffn && window_step(w, c.step)) {
      ref.ffn_tokens += c.tokens;
      ref.ffn_padding_tokens += c.padding_tokens;
    }
  return ref;
}

} // namespace afdsim::test
