#pragma once
// Which of a run's compute, wait and message records (and tokens, admissions) are kept beyond
// the metrics' running totals, which always accumulate. Step, request and KV records are always
// kept (steps.csv, requests.csv): one per step and worker, one per request.
namespace afdsim {

struct RecordRetention {
  enum class Kind {
    metrics_only,  // none: memory stays flat in the number of steps
    // The computes, waits and messages a trace of steps trace_first_step..trace_last_step needs
    // (those overlapping its time span, and the steps around it); trace_last_step < 0: to the end.
    trace_window,
    // Every record: for tests and tools that read them. Memory grows with the steps (about 0.2 MB
    // per step of the default scenario).
    everything,
  };
  Kind kind = Kind::metrics_only;
  int trace_first_step = 0;   // trace_window only
  int trace_last_step = -1;

  static RecordRetention all_records() { return {Kind::everything, 0, -1}; }
  static RecordRetention for_trace(int first_step, int last_step) { return {Kind::trace_window, first_step, last_step}; }
};

} // namespace afdsim
