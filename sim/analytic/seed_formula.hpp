#pragma once
// The seed report's model (../shared/seed/, "AFD Performance Analysis Report"):
//   T = max(T_attn, T_ffn / r) + T_transfer,    claimed speedup = (T_attn + T_ffn) / T
// over one decode step of one attention worker: T_attn its attention over all layers, T_ffn the
// FFN of its batch over all layers, T_transfer its activations' round trips (2 L Tc). It has no
// LM head, no pipeline fill and no barrier, and divides the FFN time by r although the FFN GPU
// serves r batches, not 1/r of one.
namespace afdsim {

struct SeedEstimate {
  double t_attn_s = 0;
  double t_ffn_s = 0;
  double t_transfer_s = 0;
  double step_s = 0;   // T
  double speedup = 0;  // (T_attn + T_ffn) / T
};

SeedEstimate seed_estimate(double t_attn_s, double t_ffn_s, double t_transfer_s, int attention_workers);

} // namespace afdsim
