#pragma once
// Song et al., "Theoretically Optimal Attention/FFN Ratios in Disaggregated LLM Serving"
// (arXiv 2601.21351; equations as transcribed in ../shared/research/afd-literature.md §1). One
// rA-1F bundle, B requests per attention worker, per decode step:
//   tau = max{ t_A(T), t_C(B), t_F(rB) }                 (the slowest of three pipelined stages)
//   t_A = alpha_A T + beta_A,  t_C = alpha_C B + beta_C,  t_F = alpha_F (rB) + beta_F
//   throughput per instance = rB / ((r + 1) tau)         (the FFN GPU is one of the r + 1)
//   r_A = (t_A - beta_F) / (alpha_F B),  r_C = (t_C - beta_F) / (alpha_F B),
//   r_peak = sqrt(beta_F / (alpha_F B)),  r* = max{r_A, r_C, r_peak}
// with T the worker's token load (here: KV tokens read per layer, summed over its B requests).
#include "sim/analytic/line_fit.hpp"

#include <optional>
#include <string>

namespace afdsim {

struct SongModels {
  LinearModel attention;      // t_A(T), seconds per step, T in tokens
  LinearModel communication;  // t_C(B), seconds per step, B in requests of one worker
  LinearModel ffn;            // t_F(n), seconds per step, n = rB aggregated tokens
};

struct SongEstimate {
  double t_attention_s = 0;
  double t_communication_s = 0;
  double t_ffn_s = 0;
  double tau_s = 0;
  std::string bound;                       // "attention", "communication" or "ffn": the max
  double tokens_per_s_per_instance = 0;
  // Absent when alpha_F <= 0 (an FFN time that does not grow with tokens has no finite optimum)
  // or, for r_peak, when beta_F < 0.
  std::optional<double> r_attention;
  std::optional<double> r_communication;
  std::optional<double> r_peak;
  std::optional<double> r_star;
  int r_star_integer = 0;  // floor or ceil of r* (at least 1), whichever the model rates higher; 0 if none
};

// Throughput per instance of the models at r workers (the objective r* maximises).
double song_throughput_per_instance(const SongModels& models, int attention_workers, int batch,
                                    double token_load_tokens);

SongEstimate song_estimate(const SongModels& models, int attention_workers, int batch, double token_load_tokens);

} // namespace afdsim
