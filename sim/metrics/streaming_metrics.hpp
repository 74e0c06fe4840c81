#pragma once
// The metrics' running totals (RunTotals), fed record by record while the run goes, so no op or
// message record need be kept: the state is per worker the recent pieces of its time
// (ClaimTimeline), and, growing with the steps and requests only, the requests' first and last
// window tokens, one barrier spread per (step, layer, microbatch) and one
// queue delay per admission. The window is learnt as the run goes: t0 when the first worker starts
// step `first_step`, and the end of the last step so far; what depends on the final window waits
// (a few pieces per worker, the current step's barrier spreads and admissions) until it is known.
//
// Streaming contract (the engine keeps it; a replay of a whole log needs only the per-worker
// order): step starts and step records arrive in time order, each at its own time; per worker,
// compute and wait records arrive in non-decreasing start order.
#include "sim/metrics/claim_timeline.hpp"
#include "sim/metrics/run_totals.hpp"

#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace afdsim {

class StreamingMetrics {
public:
  // While the run goes: the window starts at step `first_step`; its times are learnt.
  StreamingMetrics(std::vector<WorkerRole> roles, int first_step);
  // Over a window known in advance (a replay).
  StreamingMetrics(std::vector<WorkerRole> roles, const MeasurementWindow& window);

  // Room for this many barrier spreads, known in advance (an upper bound).
  void expect_barriers(std::size_t count) { barrier_waits_s_.reserve(count); }

  void step_started(int step, double time_s);
  void step(const StepRecord& s);
  void compute(const ComputeRecord& c);
  void wait(const WaitRecord& w);
  void transfer(const TransferRecord& t);
  void token(const TokenRecord& t);
  void admission(const AdmissionRecord& a);

  // The totals over the run's final window. Streaming: throws std::logic_error if it is not the
  // window the records taught (the contract above was broken).
  RunTotals finish(const MeasurementWindow& window);

private:
  struct TokenSpan {
    int first_step;
    double first_s;
    int last_step;
    double last_s;
    int64_t count;
  };
  struct Arrivals {
    double first_s;
    double last_s;
    int count;
  };
  using InputKey = std::tuple<int, int, int>;  // step, layer, microbatch

  WorkerRole role(int worker) const { return roles_.at(static_cast<std::size_t>(worker)); }
  bool step_in_window(int step) const { return step >= first_step_ && (!window_.final || step <= last_step_); }
  // Steps past the last one recorded so far may never become window steps: their values wait.
  bool step_pending(int step) const { return !window_.final && step > last_step_; }
  void add_barrier_spread(int step, double spread_s);
  void add_padding(int step, int tokens, int padding_tokens);
  // Inside [t0, t1] counts; before t0, or after the final t1, does not; otherwise it waits.
  enum class Admitted { outside, inside, pending };
  Admitted classify_admission(double admitted_s) const;
  void add_queue_delay(double admitted_s, double delay_s);
  void settle_pending_delays();
  void last_step_grew();

  std::vector<WorkerRole> roles_;
  int first_step_;
  int last_step_ = -1;
  int ffn_senders_ = 0;  // inputs an FFN worker gathers per (step, layer, microbatch)
  bool replay_ = false;  // over a known window
  WindowBounds window_;
  std::vector<ClaimTimeline> timelines_;  // index = worker
  MessageTotals messages_;
  std::unordered_map<int64_t, TokenSpan> tokens_;
  std::map<InputKey, Arrivals> arrivals_;  // streaming: the inputs still arriving; a replay: all
  std::vector<double> barrier_waits_s_;
  std::map<int, std::vector<double>> pending_barrier_waits_s_;  // by step
  std::vector<double> queue_delays_s_;
  std::vector<std::pair<double, double>> pending_delays_s_;  // (admitted_s, delay_s) not yet inside/outside
  int64_t ffn_tokens_ = 0;
  int64_t ffn_padding_tokens_ = 0;
  std::map<int, std::pair<int64_t, int64_t>> pending_padding_;  // by step
};

// The totals of a whole log over `window` (records in any order): for hand-built logs and logs
// that kept every record.
RunTotals totals_from_log(const EventLog& log, const MeasurementWindow& window);

} // namespace afdsim
