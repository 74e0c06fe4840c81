#pragma once
// NVIDIA AIConfigurator's AFD estimate mode (ai-dynamo/aiconfigurator, PRs #1129 and #1323,
// InferenceSession._pipeline_tcycle and _pipeline_global_step_latency). Per-layer cycle, with
// Ta, Tf per microbatch and t_c = Ta2f + Tf2a:
//   serial                          Ta + Ta2f + Tf + Tf2a
//   K=2 (conservative, blocking)    max(Ta + Ta2f, Tf + Tf2a)
//   K=3 (optimistic, 3-batch)       max(Ta, Tf, Ta2f + Tf2a), only when m >= 2 + t_c / max(Ta, Tf);
//                                   with fewer microbatches it falls back to K=2
// and the step ("Eq.5-style", MegaScale's form with the cycle in place of max(Ta, Tf)):
//   step = (Ta + Tf + Ta2f + Tf2a) + cycle (mL - 1) + T_lm
// (AIConfigurator adds the once-per-step logits GEMM outside the pipeline, as T_lm here).
namespace afdsim {

struct AiconfiguratorEstimate {
  double cycle_serial_s = 0;
  double cycle_k2_s = 0;
  double cycle_k3_s = 0;
  double min_microbatches_k3 = 0;  // 2 + t_c / max(Ta, Tf)
  bool k3_applies = false;         // m >= min_microbatches_k3
  double step_serial_s = 0;
  double step_k2_s = 0;
  double step_k3_s = 0;            // the K=3 cycle, whether or not it applies
  double step_optimistic_s = 0;    // what AIConfigurator's optimistic mode returns: K=3, else K=2
};

AiconfiguratorEstimate aiconfigurator_estimate(double ta_s, double tf_s, double ta2f_s, double tf2a_s,
                                               double lm_head_s, int microbatches, int layers);

} // namespace afdsim
