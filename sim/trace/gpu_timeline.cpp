#include "sim/trace/gpu_timeline.hpp"

#include <algorithm>
#include <iterator>

namespace afdsim {
namespace {

GpuState compute_state(ComputeKind k)
{
  return k == ComputeKind::attention ? GpuState::attention : k == ComputeKind::ffn ? GpuState::ffn : GpuState::lm_head;
}

GpuState wait_state(WaitCause c)
{
  switch (c) {
  case WaitCause::ffn_result: return GpuState::wait_ffn;
  case WaitCause::first_input: return GpuState::wait_first_input;
  case WaitCause::barrier: return GpuState::wait_barrier;
  case WaitCause::allreduce: return GpuState::allreduce;
  }
  return GpuState::idle;
}

// Lower claims first: compute, then the waits in kWaitClaimOrder (as the metrics), then idle.
int priority(GpuState s)
{
  const auto wait_rank = [](WaitCause c) { return 1 + static_cast<int>(wait_claim_index(c)); };
  switch (s) {
  case GpuState::wait_ffn: return wait_rank(WaitCause::ffn_result);
  case GpuState::wait_first_input: return wait_rank(WaitCause::first_input);
  case GpuState::wait_barrier: return wait_rank(WaitCause::barrier);
  case GpuState::allreduce: return wait_rank(WaitCause::allreduce);
  case GpuState::idle: return 1 + static_cast<int>(kWaitClaimOrder.size());
  default: return 0;  // compute
  }
}

// Paints segments onto a worker's window one priority class at a time: each candidate keeps only
// the parts that no earlier class, and no earlier candidate of its own class, claimed. A sweep per
// class keeps a full-run trace O(n log n).
class Painter {
public:
  Painter(double t0_s, double t1_s) : t0_s_(t0_s), t1_s_(t1_s) {}

  void paint_class(std::vector<StateSegment> candidates)
  {
    std::sort(candidates.begin(), candidates.end(),
              [](const StateSegment& a, const StateSegment& b) { return a.start_s < b.start_s; });
    std::vector<StateSegment> added;
    std::size_t next = 0;  // first claimed piece that may still meet a candidate
    double class_end_s = t0_s_;
    for (StateSegment seg : candidates) {
      seg.start_s = std::max(seg.start_s, class_end_s);
      seg.end_s = std::min(seg.end_s, t1_s_);
      if (!(seg.end_s > seg.start_s))
        continue;
      class_end_s = seg.end_s;
      while (next < claimed_.size() && claimed_[next].end_s <= seg.start_s)
        next++;
      double cursor = seg.start_s;
      for (std::size_t i = next; i < claimed_.size() && claimed_[i].start_s < seg.end_s; i++) {
        if (claimed_[i].start_s > cursor)
          added.push_back(with_span(seg, cursor, claimed_[i].start_s));
        cursor = std::max(cursor, claimed_[i].end_s);
      }
      if (cursor < seg.end_s)
        added.push_back(with_span(seg, cursor, seg.end_s));
    }
    std::vector<StateSegment> merged;
    merged.reserve(claimed_.size() + added.size());
    std::merge(claimed_.begin(), claimed_.end(), added.begin(), added.end(), std::back_inserter(merged),
               [](const StateSegment& a, const StateSegment& b) { return a.start_s < b.start_s; });
    claimed_ = std::move(merged);
  }

  std::vector<StateSegment> take() { return std::move(claimed_); }

private:
  static StateSegment with_span(StateSegment s, double start_s, double end_s)
  {
    s.start_s = start_s;
    s.end_s = end_s;
    return s;
  }
  double t0_s_;
  double t1_s_;
  std::vector<StateSegment> claimed_;  // sorted, disjoint
};

} // namespace

const char* to_string(GpuState s)
{
  switch (s) {
  case GpuState::attention: return "attention";
  case GpuState::ffn: return "ffn";
  case GpuState::lm_head: return "lm_head";
  case GpuState::wait_ffn: return "wait_ffn";
  case GpuState::wait_first_input: return "wait_first_input";
  case GpuState::wait_barrier: return "wait_barrier";
  case GpuState::allreduce: return "allreduce";
  case GpuState::idle: return "idle";
  }
  return "idle";
}

const char* paje_color(GpuState s)
{
  switch (s) {
  case GpuState::attention: return "0.12 0.47 0.71";
  case GpuState::ffn: return "1.0 0.5 0.05";
  case GpuState::lm_head: return "0.58 0.4 0.74";
  case GpuState::wait_ffn: return "0.98 0.6 0.6";
  case GpuState::wait_first_input: return "1.0 0.87 0.2";
  case GpuState::wait_barrier: return "0.84 0.15 0.16";
  case GpuState::allreduce: return "0.17 0.63 0.17";
  case GpuState::idle: return "0.85 0.85 0.85";
  }
  return "0 0 0";
}

std::vector<std::vector<StateSegment>> gpu_timelines(const EventLog& log, const TraceWindow& window)
{
  std::vector<std::vector<StateSegment>> candidates(log.workers.size());
  for (const auto& c : log.computes)
    candidates.at(static_cast<std::size_t>(c.worker))
        .push_back({compute_state(c.kind), c.start_s, c.end_s, c.step, c.layer, c.microbatch, c.tokens});
  for (const auto& w : log.waits)
    candidates.at(static_cast<std::size_t>(w.worker))
        .push_back({wait_state(w.cause), w.start_s, w.end_s, w.step, w.layer, w.microbatch, 0});

  std::vector<std::vector<StateSegment>> out;
  for (auto& list : candidates) {
    Painter painter(window.t0_s, window.t1_s);
    for (int p = 0; p <= priority(GpuState::idle); p++) {
      std::vector<StateSegment> of_class;
      for (const auto& seg : list) {
        if (priority(seg.state) == p)
          of_class.push_back(seg);
      }
      if (p == priority(GpuState::idle))
        of_class.push_back({GpuState::idle, window.t0_s, window.t1_s, -1, -1, -1, 0});
      painter.paint_class(std::move(of_class));
    }
    out.push_back(painter.take());
  }
  return out;
}

std::vector<TransferRecord> window_transfers(const EventLog& log, const TraceWindow& window)
{
  std::vector<TransferRecord> out;
  for (const auto& t : log.transfers) {
    if (t.start_s >= window.t0_s && t.end_s <= window.t1_s)
      out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TransferRecord& a, const TransferRecord& b) { return a.start_s < b.start_s; });
  return out;
}

const char* message_kind(const EventLog& log, const TransferRecord& t)
{
  const WorkerRole src = log.workers.at(static_cast<std::size_t>(t.src_worker)).role;
  const WorkerRole dst = log.workers.at(static_cast<std::size_t>(t.dst_worker)).role;
  if (src == WorkerRole::attention && dst == WorkerRole::ffn)
    return "a2f";
  if (src == WorkerRole::ffn && dst == WorkerRole::attention)
    return "f2a";
  return "allreduce";
}

} // namespace afdsim
