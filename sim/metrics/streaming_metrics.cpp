#include "sim/metrics/streaming_metrics.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace afdsim {

namespace {

int count_role(const std::vector<WorkerRole>& roles, WorkerRole role)
{
  return static_cast<int>(std::count(roles.begin(), roles.end(), role));
}

} // namespace

StreamingMetrics::StreamingMetrics(std::vector<WorkerRole> roles, int first_step)
    : roles_(std::move(roles)), first_step_(first_step), ffn_senders_(count_role(roles_, WorkerRole::attention)),
      timelines_(roles_.size())
{
  window_.t1_s = -std::numeric_limits<double>::infinity();
}

StreamingMetrics::StreamingMetrics(std::vector<WorkerRole> roles, const MeasurementWindow& window)
    : StreamingMetrics(std::move(roles), window.first_step)
{
  last_step_ = window.last_step;
  window_ = {true, window.t0_s, window.t1_s, true};
  replay_ = true;
}

void StreamingMetrics::step_started(int step, double time_s)
{
  if (window_.final || window_.t0_known || step != first_step_)
    return;
  window_.t0_known = true;
  window_.t0_s = time_s;
  settle_pending_delays();  // admissions seen before t0 was known
}

void StreamingMetrics::step(const StepRecord& s)
{
  if (window_.final || s.step < last_step_)
    return;
  if (s.end_s < window_.t1_s && s.step > last_step_)
    throw std::logic_error("metrics: step " + std::to_string(s.step) + " ended at " + std::to_string(s.end_s) +
                           " s, before the previous last step's end " + std::to_string(window_.t1_s) + " s");
  if (s.step > last_step_) {
    last_step_ = s.step;
    window_.t1_s = s.end_s;
    last_step_grew();
  } else if (s.end_s > window_.t1_s) {
    window_.t1_s = s.end_s;
  }
  settle_pending_delays();  // admissions up to the new end are inside the window (if after t0)
}

void StreamingMetrics::last_step_grew()
{
  for (auto it = pending_barrier_waits_s_.begin(); it != pending_barrier_waits_s_.end() && it->first <= last_step_;) {
    barrier_waits_s_.insert(barrier_waits_s_.end(), it->second.begin(), it->second.end());
    it = pending_barrier_waits_s_.erase(it);
  }
  for (auto it = pending_padding_.begin(); it != pending_padding_.end() && it->first <= last_step_;) {
    ffn_tokens_ += it->second.first;
    ffn_padding_tokens_ += it->second.second;
    it = pending_padding_.erase(it);
  }
}

void StreamingMetrics::compute(const ComputeRecord& c)
{
  timelines_.at(static_cast<std::size_t>(c.worker)).add(kComputeClaim, c.start_s, c.end_s, window_);
  if (c.kind == ComputeKind::ffn && role(c.worker) == WorkerRole::ffn && c.step >= first_step_)
    add_padding(c.step, c.tokens, c.padding_tokens);
}

void StreamingMetrics::wait(const WaitRecord& w)
{
  timelines_.at(static_cast<std::size_t>(w.worker)).add(wait_claim(w.cause), w.start_s, w.end_s, window_);
}

void StreamingMetrics::transfer(const TransferRecord& t)
{
  if (t.step < first_step_)
    return;
  const WorkerRole src = role(t.src_worker);
  const WorkerRole dst = role(t.dst_worker);
  if (src == WorkerRole::attention && dst == WorkerRole::ffn) {
    messages_.a2f_bytes += t.bytes;
    messages_.a2f_transfers++;
  } else if (src == WorkerRole::ffn && dst == WorkerRole::attention) {
    messages_.f2a_bytes += t.bytes;
    messages_.f2a_transfers++;
  } else if (src == WorkerRole::colocated && dst == WorkerRole::colocated) {
    messages_.allreduce_bytes += t.bytes;
    messages_.allreduce_transfers++;
  }
  // The barrier is the spread of the inputs' arrivals, not the FFN's wait records: an FFN still
  // busy when they arrive records no wait, yet their spread is the same barrier.
  if (dst != WorkerRole::ffn || !step_in_window(t.step))
    return;
  const InputKey key{t.step, t.layer, t.microbatch};
  auto [it, inserted] = arrivals_.try_emplace(key, Arrivals{t.end_s, t.end_s, 0});
  Arrivals& a = it->second;
  a.first_s = std::min(a.first_s, t.end_s);
  a.last_s = std::max(a.last_s, t.end_s);
  // While the run goes, every attention worker sends one input per (step, layer, microbatch).
  if (++a.count == ffn_senders_ && !replay_) {
    add_barrier_spread(t.step, a.last_s - a.first_s);
    arrivals_.erase(it);
  }
}

void StreamingMetrics::add_barrier_spread(int step, double spread_s)
{
  if (step_pending(step))
    pending_barrier_waits_s_[step].push_back(spread_s);
  else if (step_in_window(step))
    barrier_waits_s_.push_back(spread_s);
}

void StreamingMetrics::add_padding(int step, int tokens, int padding_tokens)
{
  if (step_pending(step)) {
    auto& p = pending_padding_[step];
    p.first += tokens;
    p.second += padding_tokens;
  } else if (step_in_window(step)) {
    ffn_tokens_ += tokens;
    ffn_padding_tokens_ += padding_tokens;
  }
}

void StreamingMetrics::token(const TokenRecord& t)
{
  if (t.step < first_step_)
    return;
  auto [it, inserted] = tokens_.try_emplace(t.request, TokenSpan{t.step, t.time_s, t.step, t.time_s, 0});
  TokenSpan& span = it->second;
  if (std::make_pair(t.step, t.time_s) < std::make_pair(span.first_step, span.first_s)) {
    span.first_step = t.step;
    span.first_s = t.time_s;
  }
  if (std::make_pair(t.step, t.time_s) > std::make_pair(span.last_step, span.last_s)) {
    span.last_step = t.step;
    span.last_s = t.time_s;
  }
  span.count++;
}

void StreamingMetrics::admission(const AdmissionRecord& a)
{
  add_queue_delay(a.admitted_s, a.arrival_s >= 0 ? a.admitted_s - a.arrival_s : 0.0);
}

StreamingMetrics::Admitted StreamingMetrics::classify_admission(double admitted_s) const
{
  if (window_.t0_known && admitted_s < window_.t0_s)
    return Admitted::outside;
  if (window_.t0_known && admitted_s <= window_.t1_s)
    return Admitted::inside;
  return window_.final ? Admitted::outside : Admitted::pending;
}

void StreamingMetrics::add_queue_delay(double admitted_s, double delay_s)
{
  const Admitted where = classify_admission(admitted_s);
  if (where == Admitted::inside)
    queue_delays_s_.push_back(delay_s);
  else if (where == Admitted::pending)
    pending_delays_s_.emplace_back(admitted_s, delay_s);
}

void StreamingMetrics::settle_pending_delays()
{
  std::size_t kept = 0;
  for (const auto& [admitted_s, delay_s] : pending_delays_s_) {
    const Admitted where = classify_admission(admitted_s);
    if (where == Admitted::inside)
      queue_delays_s_.push_back(delay_s);
    else if (where == Admitted::pending)
      pending_delays_s_[kept++] = {admitted_s, delay_s};
  }
  pending_delays_s_.resize(kept);
}

RunTotals StreamingMetrics::finish(const MeasurementWindow& window)
{
  if (!window_.final) {
    if (!window_.t0_known || window_.t0_s != window.t0_s || window_.t1_s != window.t1_s ||
        last_step_ != window.last_step || first_step_ != window.first_step)
      throw std::logic_error("metrics: the window learnt while the run went (steps " + std::to_string(first_step_) +
                             ".." + std::to_string(last_step_) + ") is not the run's window (steps " +
                             std::to_string(window.first_step) + ".." + std::to_string(window.last_step) + ")");
    last_step_grew();
    window_.final = true;
    settle_pending_delays();
  }
  RunTotals totals;
  totals.window = window;
  for (auto& timeline : timelines_) {
    timeline.finish(window_);
    totals.workers.push_back(timeline.totals());
  }
  totals.messages = messages_;
  for (const auto& [key, a] : arrivals_)  // a replay's, or inputs that never all arrived (a run cut short)
    if (step_in_window(std::get<0>(key)))
      barrier_waits_s_.push_back(a.last_s - a.first_s);
  arrivals_.clear();
  std::sort(barrier_waits_s_.begin(), barrier_waits_s_.end());
  totals.barrier_waits_s = std::move(barrier_waits_s_);

  std::vector<std::pair<int64_t, TokenSpan>> spans(tokens_.begin(), tokens_.end());
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [request, span] : spans)
    if (span.count > 1)  // the mean of consecutive gaps telescopes to (last - first) / gaps
      totals.tpot_s.push_back((span.last_s - span.first_s) / static_cast<double>(span.count - 1));
  std::sort(queue_delays_s_.begin(), queue_delays_s_.end());
  totals.queue_delays_s = std::move(queue_delays_s_);
  totals.ffn_tokens = ffn_tokens_;
  totals.ffn_padding_tokens = ffn_padding_tokens_;
  return totals;
}

RunTotals totals_from_log(const EventLog& log, const MeasurementWindow& window)
{
  std::vector<WorkerRole> roles;
  for (const auto& w : log.workers)
    roles.push_back(w.role);
  StreamingMetrics metrics(roles, window);

  // Per worker, its computes and waits by start: the order the timelines need.
  struct Claimed {
    const ComputeRecord* compute;
    const WaitRecord* wait;
    double start_s;
  };
  std::vector<std::vector<Claimed>> per_worker(log.workers.size());
  for (const auto& c : log.computes)
    per_worker.at(static_cast<std::size_t>(c.worker)).push_back({&c, nullptr, c.start_s});
  for (const auto& w : log.waits)
    per_worker.at(static_cast<std::size_t>(w.worker)).push_back({nullptr, &w, w.start_s});
  for (auto& records : per_worker) {
    std::stable_sort(records.begin(), records.end(),
                     [](const Claimed& a, const Claimed& b) { return a.start_s < b.start_s; });
    for (const Claimed& r : records) {
      if (r.compute)
        metrics.compute(*r.compute);
      else
        metrics.wait(*r.wait);
    }
  }
  for (const auto& t : log.transfers)
    metrics.transfer(t);
  for (const auto& t : log.tokens)
    metrics.token(t);
  for (const auto& a : log.admissions)
    metrics.admission(a);
  return metrics.finish(window);
}

} // namespace afdsim
