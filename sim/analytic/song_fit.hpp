#pragma once
// Song et al.'s three linear latency models fitted to afdsim's own cost model and routes, per
// decode step as the engine runs it (m microbatches per worker and layer):
// - t_A(T) = L sum_k attention_layer_s(b_k, T b_k / B) + lm_head_s(B): least squares over five
//   token loads evenly spread from B x (smallest KV read per request) to B x (largest); the
//   roofline's decode attention is memory-bound, so the line is exact up to rounding.
// - t_F(n) = L sum_k ffn_layer_s(r' b_k) at n = r'B: least squares over r' = 1 .. max(2r, 2), so
//   the scenario's r sits mid-range. On Hopper the GEMMs pay for 64-row tiles: t_F is a staircase
//   (flat up to 64 tokens per microbatch, then a step per tile) and the line is its trend, not
//   its value; max_residual_s says how far the stairs stray from it.
// - t_C(B) = L sum_k (Tc_a2f + Tc_f2a) of one worker's messages alone on their routes (the paper's
//   per-worker form, exact, not fitted): alpha_C = L (a2f + f2a bytes per token / bandwidth),
//   beta_C = L m (a2f + f2a route latency).
#include "sim/analytic/line_fit.hpp"
#include "sim/analytic/song.hpp"
#include "sim/cost/cost_model.hpp"

#include <vector>

namespace afdsim {

struct SongFitSpec {
  int layers = 1;
  int batch = 1;              // B, requests per attention worker
  int microbatches = 1;       // m
  int attention_workers = 1;  // r, the scenario's
  double min_kv_read_tokens = 1;  // per request: prompt + 1 (the first decode step)
  double max_kv_read_tokens = 1;  // per request: prompt + output tokens (the last)
  double a2f_bytes_per_token = 0;
  double f2a_bytes_per_token = 0;
  double a2f_latency_s = 0;
  double f2a_latency_s = 0;
  double a2f_bandwidth_bytes_per_s = 1;
  double f2a_bandwidth_bytes_per_s = 1;
};

struct LineFit {
  LinearModel line;
  std::vector<FitPoint> points;  // what it was fitted to: (x, seconds)
  double max_residual_s = 0;
};

struct SongFit {
  LineFit attention;           // x = T, tokens
  LineFit ffn;                 // x = n = r'B, tokens
  LinearModel communication;   // x = B, requests
  SongModels models() const { return {attention.line, communication, ffn.line}; }
};

// The per-step FFN time of n = r'B tokens as the engine runs it (the staircase, not the line).
double ffn_step_s(const CostModel& cost, const SongFitSpec& spec, int workers);

SongFit fit_song_models(const CostModel& cost, const SongFitSpec& spec);

} // namespace afdsim
