#pragma once
// Which of a run's compute, wait and message records (and tokens, admissions) are kept beyond
// the metrics' running totals, which always accumulate. Step, request and KV records are always
// kept (steps.csv, requests.csv): one per step and worker, one per request.
namespace afdsim {

struct RecordRetention {
  // Every record: for tests and tools that read them. Memory grows with the steps (about 0.2 MB
  // per step of the default scenario).
  bool everything = false;
  // The computes, waits and messages a trace of steps trace_first_step..trace_last_step needs
  // (those overlapping its time span, and the steps around it); trace_last_step < 0: to the end.
  bool trace = false;
  int trace_first_step = 0;
  int trace_last_step = -1;

  static RecordRetention all_records() { return {true, false, 0, -1}; }
  static RecordRetention for_trace(int first_step, int last_step) { return {false, true, first_step, last_step}; }
};

} // namespace afdsim
