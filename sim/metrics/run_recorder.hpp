#pragma once
// What the actors of a simulation write their records into: every record feeds the metrics'
// running totals (StreamingMetrics), and the EventLog keeps what the retention (TraceRetention)
// asks for (always the step and request records). Plain C++, no SimGrid.
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/record_retention.hpp"
#include "sim/metrics/run_totals.hpp"
#include "sim/metrics/streaming_metrics.hpp"
#include "sim/metrics/trace_retention.hpp"

#include <memory>
#include <optional>

namespace afdsim {

// What the recorder knows of a run before it starts.
struct RecordingPlan {
  int warmup_steps = 0;
  int steps = 0;                     // at most (an open-loop run may end before)
  int stepping_workers = 0;          // workers that write step records (AFD: attention; colocated: one per replica)
  int64_t ffn_inputs_per_step = 0;   // AFD: layers x microbatches (the barriers of a step); colocated: 0
  RecordRetention retention;
};

class RunRecorder {
public:
  // The workers (log().workers) may be added before begin(); the engine writes them, the KV
  // records, the arrival count, end_s and the activity count straight into the log.
  EventLog& log() { return log_; }

  // Starts recording, once log().workers is complete.
  void begin(const RecordingPlan& plan);

  // A stepping worker starts `step` (the start its step record will carry).
  void step_started(int step, double time_s);
  void step(const StepRecord& s);
  void compute(const ComputeRecord& c);
  void wait(const WaitRecord& w);
  void transfer(const TransferRecord& t);
  void token(const TokenRecord& t);
  void request(const RequestRecord& r) { log_.requests.push_back(r); }
  void admission(const AdmissionRecord& a);

  // After the run: the totals over the run's measurement window, or nullopt when the run has no
  // such window (no step after the warm-up: compute_metrics then reports the input error). An
  // empty window (t0 >= t1) is an internal error and throws.
  std::optional<RunTotals> finish();
  EventLog take_log() { return std::move(log_); }

private:
  EventLog log_;
  std::unique_ptr<StreamingMetrics> metrics_;
  int warmup_steps_ = 0;
  TraceRetention retention_;
};

} // namespace afdsim
