#pragma once
// The steady-state window the metrics measure over (brief §6, docs/metrics.md).
namespace afdsim {

// Steps first_step..last_step. t0_s: earliest start of step first_step over the workers that
// record steps (attention/colocated); t1_s: latest end of step last_step over those workers.
struct MeasurementWindow {
  int first_step = 0;  // = workload.warmup_steps
  int last_step = 0;   // largest step index in the log
  int steps = 0;       // last_step - first_step + 1
  double t0_s = 0;
  double t1_s = 0;
  double duration_s() const { return t1_s - t0_s; }
};

} // namespace afdsim
