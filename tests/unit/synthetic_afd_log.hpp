#pragma once
// A hand-built AFD run for metric tests: m = 1, every op a constant, steps separated by an idle
// gap, so every metric has a closed form. Attention worker i computes ta_s x slowdown[i] per
// layer; the FFN starts when the slowest input arrives. Steps are globally synchronous: step k
// starts on every worker at k x (step_s() + gap_s).
#include "sim/engine/simulation.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace afdsim::testing {

struct SyntheticAfd {
  int attention_workers = 2;
  int layers = 3;
  int steps = 5;
  int batch = 4;           // requests per attention worker
  int output_tokens = 3;   // a request leaves after this many tokens; its slot gets a new request
  double ta_s = 1.0e-3;
  double tc_s = 0.25e-3;
  double tf_s = 2.0e-3;
  double lm_head_s = 0.5e-3;
  double gap_s = 0.125e-3;  // idle between steps
  double bytes_per_token = 10240;
  std::vector<double> slowdown;  // per attention worker; empty: all 1

  double ta_of(int worker) const { return slowdown.empty() ? ta_s : ta_s * slowdown[static_cast<std::size_t>(worker)]; }
  double ta_max() const
  {
    double m = 0;
    for (int i = 0; i < attention_workers; i++)
      m = std::max(m, ta_of(i));
    return m;
  }
  double ta_min() const
  {
    double m = ta_of(0);
    for (int i = 1; i < attention_workers; i++)
      m = std::min(m, ta_of(i));
    return m;
  }
  double cycle_s() const { return ta_max() + 2 * tc_s + tf_s; }
  double step_s() const { return layers * cycle_s() + lm_head_s; }
  double step_start_s(int step) const { return step * (step_s() + gap_s); }
  int ffn_worker() const { return attention_workers; }
};

inline void add_layer(const SyntheticAfd& p, EventLog& log, int step, int layer, double& ffn_free_s)
{
  const double t = p.step_start_s(step) + layer * p.cycle_s();
  const double tokens = p.batch;
  const int ffn = p.ffn_worker();
  const double first_arrival_s = t + p.ta_min() + p.tc_s;
  const double last_arrival_s = t + p.ta_max() + p.tc_s;
  const double ffn_end_s = last_arrival_s + p.tf_s;
  const double result_s = ffn_end_s + p.tc_s;
  for (int w = 0; w < p.attention_workers; w++) {
    const double done_s = t + p.ta_of(w);
    log.computes.push_back({w, ComputeKind::attention, step, layer, 0, p.batch, t, done_s});
    log.transfers.push_back({w, ffn, step, layer, 0, tokens * p.bytes_per_token, done_s, done_s + p.tc_s});
    log.waits.push_back({w, WaitCause::ffn_result, step, layer, 0, done_s, result_s});
    log.transfers.push_back({ffn, w, step, layer, 0, tokens * p.bytes_per_token, ffn_end_s, result_s});
  }
  log.waits.push_back({ffn, WaitCause::first_input, step, layer, 0, ffn_free_s, first_arrival_s});
  log.waits.push_back({ffn, WaitCause::barrier, step, layer, 0, first_arrival_s, last_arrival_s});
  log.computes.push_back({ffn, ComputeKind::ffn, step, layer, 0, p.batch * p.attention_workers, last_arrival_s, ffn_end_s});
  ffn_free_s = ffn_end_s;
}

inline void add_step_end(const SyntheticAfd& p, EventLog& log, int step)
{
  const double start_s = p.step_start_s(step);
  const double end_s = start_s + p.step_s();
  for (int w = 0; w < p.attention_workers; w++) {
    log.computes.push_back({w, ComputeKind::lm_head, step, -1, -1, p.batch, end_s - p.lm_head_s, end_s});
    log.steps.push_back({w, step, p.batch, 1000.0 * p.batch + step, start_s, end_s});
    for (int slot = 0; slot < p.batch; slot++) {
      // Slot (w, slot) serves request generation step / output_tokens.
      const int64_t request = (int64_t{w} * p.batch + slot) * 1000 + step / p.output_tokens;
      log.tokens.push_back({request, w, step, end_s});
    }
  }
}

inline SimulationResult make_synthetic_run(const SyntheticAfd& p)
{
  SimulationResult r;
  EventLog& log = r.log;
  for (int w = 0; w < p.attention_workers; w++)
    log.workers.push_back({"attn" + std::to_string(w), WorkerRole::attention, "gpu" + std::to_string(w)});
  log.workers.push_back({"ffn0", WorkerRole::ffn, "gpu" + std::to_string(p.attention_workers)});
  double ffn_free_s = 0;
  for (int step = 0; step < p.steps; step++) {
    for (int layer = 0; layer < p.layers; layer++)
      add_layer(p, log, step, layer, ffn_free_s);
    add_step_end(p, log, step);
  }
  log.end_s = p.step_start_s(p.steps - 1) + p.step_s();
  log.activities = 12345;
  r.simgrid_config = {{"network/model", "CM02"}, {"network/crosstraffic", "0"}};
  r.links = {{"gpu1_down", 450e9, 3.0e6}, {"gpu0_up", 450e9, 1.5e6}};
  r.wall_s = 0.5;
  return r;
}

} // namespace afdsim::testing
