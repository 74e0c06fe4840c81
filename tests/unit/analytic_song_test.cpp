// Song et al.'s model in sim/analytic against hand-computed values: the stationary slot load
// theta, the Gaussian barrier integral (closed forms for r = 1 and for z -> -inf), tau, r* and the
// lines fitted to a cost model, and the simulated values they are compared with.
#include "sim/analytic/gaussian_barrier.hpp"
#include "sim/analytic/simulated_values.hpp"
#include "sim/analytic/slot_load.hpp"
#include "sim/analytic/song.hpp"
#include "sim/analytic/song_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace afdsim {
namespace {

constexpr double kUs = 1e-6;

TEST(AnalyticSong, SlotLoadOfFixedLengths)
{
  // P = 2048, D = 512: theta = 2048 + 511 / 2 = 2303.5; var = (512^2 - 1) / 12 = 21845.25.
  const SlotLoad s = stationary_slot_load({{2048, 512, 1}});
  EXPECT_DOUBLE_EQ(s.theta_tokens, 2303.5);
  EXPECT_NEAR(s.variance_tokens2, 21845.25, 1e-6);
}

TEST(AnalyticSong, SlotLoadIsStepWeighted)
{
  // Half the requests (P 10, D 1), half (P 0, D 3): a slot spends 1 step at context 10 per 3 steps
  // at 0, 1, 2: theta = (10 + 0 + 1 + 2) / 4 = 3.25 (not the request mean (10 + 1) / 2);
  // E[x^2] = (100 + 0 + 1 + 4) / 4 = 26.25, var = 26.25 - 3.25^2 = 15.6875.
  const SlotLoad s = stationary_slot_load({{10, 1, 0.5}, {0, 3, 0.5}});
  EXPECT_DOUBLE_EQ(s.theta_tokens, 3.25);
  EXPECT_DOUBLE_EQ(s.variance_tokens2, 15.6875);
  EXPECT_THROW(stationary_slot_load({}), std::invalid_argument);
  EXPECT_THROW(stationary_slot_load({{10, 0, 1}}), std::invalid_argument);
}

TEST(AnalyticSong, BarrierIntegralForOneWorkerIsTheNormalLossFunction)
{
  // r = 1: integral_z^inf (1 - Phi) = phi(z) - z (1 - Phi(z)).
  EXPECT_NEAR(max_normal_excess(0.0, 1), 0.3989422804014327, 1e-10);  // phi(0)
  EXPECT_NEAR(max_normal_excess(1.0, 1), 0.24197072451914337 - 0.15865525393145707, 1e-10);
  EXPECT_NEAR(max_normal_excess(-2.0, 1), 0.05399096651318806 + 2 * 0.9772498680518208, 1e-10);
  EXPECT_NEAR(max_normal_excess(40.0, 1), 0.0, 1e-30);
}

TEST(AnalyticSong, BarrierIntegralFarBelowIsTheMeanOfTheMaximum)
{
  // z -> -inf: E[(M_r - z)+] = E[M_r] - z; E[M_2] = 1/sqrt(pi), E[M_3] = 3 / (2 sqrt(pi)).
  const double sqrt_pi = std::sqrt(M_PI);
  EXPECT_NEAR(max_normal_excess(-30.0, 2), 30 + 1 / sqrt_pi, 1e-9);
  EXPECT_NEAR(max_normal_excess(-30.0, 3), 30 + 3 / (2 * sqrt_pi), 1e-9);
  EXPECT_GT(max_normal_excess(0.0, 8), max_normal_excess(0.0, 2));  // more workers, a slower slowest
  EXPECT_THROW(max_normal_excess(0.0, 0), std::invalid_argument);
}

TEST(AnalyticSong, ExpectedBarrierCycle)
{
  // G = mu = 10 ms, sigma 2 ms, r = 1: 10 + 2 phi(0) = 10.7978845608 ms.
  EXPECT_NEAR(expected_barrier_cycle_s(10e-3, 10e-3, 2e-3, 1), 10e-3 + 2e-3 * 0.3989422804014327, 1e-12);
  // G far below mu, r = 2: mu + sigma E[M_2] = 10 + 1 / sqrt(pi) ms.
  EXPECT_NEAR(expected_barrier_cycle_s(0, 10e-3, 1e-3, 2), 10e-3 + 1e-3 / std::sqrt(M_PI), 1e-12);
  // No spread: max(G, mu).
  EXPECT_DOUBLE_EQ(expected_barrier_cycle_s(12e-3, 10e-3, 0, 7), 12e-3);
  EXPECT_DOUBLE_EQ(expected_barrier_cycle_s(8e-3, 10e-3, 0, 7), 10e-3);
}

SongModels hand_models()
{
  SongModels m;
  m.attention = {1e-6, 2e-3};      // 1 us per token + 2 ms
  m.communication = {1e-5, 1e-4};  // 10 us per request + 0.1 ms
  m.ffn = {1e-4, 8e-3};            // 100 us per token + 8 ms
  return m;
}

TEST(AnalyticSong, AttentionBoundTauAndRStar)
{
  // B 32, r 4, T 32000: t_A = 0.032 + 0.002 = 0.034; t_C = 0.00032 + 0.0001 = 0.00042;
  // t_F(128) = 0.0128 + 0.008 = 0.0208. tau = 0.034 (attention); throughput 128 / (5 x 0.034) = 752.94.
  // r_A = (0.034 - 0.008) / (1e-4 x 32) = 8.125; r_C = (0.00042 - 0.008) / 0.0032 = -2.36875;
  // r_peak = sqrt(0.008 / 0.0032) = sqrt(2.5). r* = 8.125; r = 8 rates 256 / (9 x 0.034) = 836.6,
  // r = 9 rates 288 / (10 x 0.0368) = 782.6: the best whole r is 8.
  const SongEstimate e = song_estimate(hand_models(), 4, 32, 32000);
  EXPECT_NEAR(e.t_attention_s, 0.034, 1e-15);
  EXPECT_NEAR(e.t_communication_s, 0.00042, 1e-15);
  EXPECT_NEAR(e.t_ffn_s, 0.0208, 1e-15);
  EXPECT_EQ(e.bound, "attention");
  EXPECT_NEAR(e.tokens_per_s_per_instance, 128 / (5 * 0.034), 1e-9);
  EXPECT_NEAR(*e.r_attention, 8.125, 1e-12);
  EXPECT_NEAR(*e.r_communication, -2.36875, 1e-12);
  EXPECT_NEAR(*e.r_peak, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(*e.r_star, 8.125, 1e-12);
  EXPECT_EQ(e.r_star_integer, 8);
}

TEST(AnalyticSong, FfnBoundRStarIsThePeak)
{
  // T 3200: t_A = 0.0052; r 8: t_F(256) = 0.0336 = tau (ffn). r* = r_peak = 1.5811; r = 1 rates
  // 32 / (2 x 0.0112) = 1428.6, r = 2 rates 64 / (3 x 0.0144) = 1481.5: the best whole r is 2.
  const SongEstimate e = song_estimate(hand_models(), 8, 32, 3200);
  EXPECT_EQ(e.bound, "ffn");
  EXPECT_NEAR(e.tau_s, 0.0336, 1e-15);
  EXPECT_NEAR(*e.r_attention, -0.875, 1e-12);
  EXPECT_NEAR(*e.r_star, std::sqrt(2.5), 1e-12);
  EXPECT_EQ(e.r_star_integer, 2);
  EXPECT_NEAR(song_throughput_per_instance(hand_models(), 2, 32, 3200), 64 / (3 * 0.0144), 1e-9);
}

TEST(AnalyticSong, FlatFfnHasNoOptimum)
{
  SongModels m = hand_models();
  m.ffn = {0, 8e-3};
  const SongEstimate e = song_estimate(m, 4, 32, 32000);
  EXPECT_FALSE(e.r_star.has_value());
  EXPECT_FALSE(e.r_peak.has_value());
  EXPECT_EQ(e.r_star_integer, 0);
}

// Attention 1 us + 2 ns per KV token, FFN 10 us per token + 50 us (or a 64-row staircase of 100 us
// per tile), LM head 5 us per request.
class LinearCostModel final : public CostModel {
public:
  explicit LinearCostModel(bool tiles) : tiles_(tiles) {}
  double attention_layer_s(int, double context_tokens) const override { return 1 * kUs + 2e-9 * context_tokens; }
  double ffn_layer_s(int tokens) const override
  {
    return tiles_ ? 100 * kUs * ((tokens + 63) / 64) : 10 * kUs * tokens + 50 * kUs;
  }
  double lm_head_s(int requests) const override { return 5 * kUs * requests; }

private:
  bool tiles_;
};

SongFitSpec small_spec()
{
  SongFitSpec s;
  s.layers = 2;
  s.batch = 8;
  s.microbatches = 2;
  s.attention_workers = 2;
  s.min_kv_read_tokens = 101;  // prompt 100, 4 output tokens
  s.max_kv_read_tokens = 104;
  s.a2f_bytes_per_token = 10240;
  s.f2a_bytes_per_token = 5280;
  s.a2f_latency_s = 1 * kUs;
  s.f2a_latency_s = 3 * kUs;
  s.a2f_bandwidth_bytes_per_s = 450e9;
  s.f2a_bandwidth_bytes_per_s = 450e9;
  return s;
}

TEST(AnalyticSong, FitsLinesToTheCostModel)
{
  // t_A(T) = 2 layers x sum over 2 microbatches of (1 us + 2 ns x T x 4/8) + 8 x 5 us
  //        = 4 us + 4 ns x T + 40 us: alpha 4e-9, beta 44e-6, exactly.
  // t_F(n = 8 r') = 2 x 2 x (10 us x 4 r' + 50 us) = 160 us r' + 200 us: per token of n, 20 us + 200 us.
  // t_C = 2 x (10240 + 5280) / 450e9 per request + 2 x 2 x (1 + 3) us = 6.8978e-8 B + 16 us.
  const SongFit fit = fit_song_models(LinearCostModel(false), small_spec());
  EXPECT_NEAR(fit.attention.line.alpha, 4e-9, 1e-20);
  EXPECT_NEAR(fit.attention.line.beta, 44e-6, 1e-15);
  EXPECT_EQ(fit.attention.points.size(), 5u);
  EXPECT_DOUBLE_EQ(fit.attention.points.front().x, 8 * 101.0);
  EXPECT_DOUBLE_EQ(fit.attention.points.back().x, 8 * 104.0);
  EXPECT_NEAR(fit.ffn.line.alpha, 20e-6, 1e-16);
  EXPECT_NEAR(fit.ffn.line.beta, 200e-6, 1e-15);
  EXPECT_EQ(fit.ffn.points.size(), 4u);  // r' = 1 .. 2r
  EXPECT_NEAR(fit.ffn.max_residual_s, 0, 1e-15);
  EXPECT_NEAR(fit.communication.alpha, 2 * 15520 / 450e9, 1e-20);
  EXPECT_NEAR(fit.communication.beta, 16e-6, 1e-18);
}

TEST(AnalyticSong, FfnLineThroughTheTileStaircase)
{
  // B 32, m 1, L 1, r 2: r' = 1..4 -> n = 32, 64, 96, 128 tokens -> 1, 1, 2, 2 tiles of 100 us.
  // Mean n 80, mean t 150 us; Sxx 5120, Sxy 6400 -> alpha 1.25 us per token, beta 50 us; the line
  // misses the stairs by 10, 30, 30, 10 us.
  SongFitSpec spec = small_spec();
  spec.batch = 32;
  spec.microbatches = 1;
  spec.layers = 1;
  const SongFit fit = fit_song_models(LinearCostModel(true), spec);
  EXPECT_NEAR(fit.ffn.line.alpha, 1.25e-6, 1e-18);
  EXPECT_NEAR(fit.ffn.line.beta, 50e-6, 1e-15);
  EXPECT_NEAR(fit.ffn.max_residual_s, 30e-6, 1e-15);
  EXPECT_NEAR(ffn_step_s(LinearCostModel(true), spec, 3), 200e-6, 1e-18);  // the stairs themselves
}

TEST(AnalyticSong, SimulatedValuesFromTheWindowSteps)
{
  // Window steps 1..2 of two workers. Contexts 400, 440 (step 1) and 404, 452 (step 2), 4 requests
  // each: mean context 1696 / 16 = 106. Sample variances across workers: 2 x 20^2 = 800 and
  // 2 x 24^2 = 1152; spread sqrt((800 + 1152) / 2) = sqrt(976).
  EventLog log;
  log.steps = {{0, 0, 4, 9999, 0, 1}, {1, 0, 4, 9999, 0, 1}, {0, 1, 4, 400, 1, 2},
               {1, 1, 4, 440, 1, 2},  {0, 2, 4, 404, 2, 3},  {1, 2, 4, 452, 2, 3}};
  Metrics metrics;
  metrics.window.first_step = 1;
  metrics.window.last_step = 2;
  metrics.step_s.mean = 0.5;
  metrics.throughput.tokens_per_s_per_gpu = 100;
  const SimulatedValues v = simulated_values(log, metrics);
  EXPECT_DOUBLE_EQ(v.mean_context_tokens, 106);
  EXPECT_NEAR(v.context_spread_tokens, std::sqrt(976.0), 1e-12);
  EXPECT_DOUBLE_EQ(v.step_s, 0.5);
  EXPECT_DOUBLE_EQ(v.tokens_per_s_per_gpu, 100);
}

} // namespace
} // namespace afdsim
