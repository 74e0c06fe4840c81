#pragma once
// Song et al.'s per-slot stationary context (sim/analytic/slot_load.hpp) for the scenario's
// request lengths: theta = E[D P + D(D-1)/2] / E[D] and its variance. Fixed lengths and traces
// go to stationary_slot_load as (P, D) pairs (a trace keeps each request's pair together);
// distributions draw P and D independently, so theta = E[P] + E[D(D-1)] / (2 E[D]) and
// var = (E[D] E[P^2] + E[P] E[D(D-1)] + E[D(D-1)(2D-1)] / 6) / E[D] - theta^2.
// docs/metrics.md gives the moments of each distribution.
#include "sim/analytic/slot_load.hpp"
#include "sim/config/scenario.hpp"

namespace afdsim {

struct LengthMoments {
  double mean = 0;    // E[L]
  double second = 0;  // E[L^2]
  double third = 0;   // E[L^3]
  double falling_second() const { return second - mean; }                  // E[L (L - 1)]
  double slot_cubic() const { return 2 * third - 3 * second + mean; }      // E[L (L - 1) (2L - 1)]
};

// Fixed, uniform and empirical: exact sums. Geometric: closed forms (the clamp at kMaxLengthTokens ignored:
// its mass is below (1 - 1/mean)^1e7). Lognormal: the rounded lengths' probabilities summed
// exactly up to 200000 tokens, the continuous lognormal's partial moments beyond.
LengthMoments length_moments(const LengthDistribution& d);

// Contexts per slot without the token being decoded (afdsim's attention reads theta + 1).
SlotLoad workload_slot_load(const WorkloadConfig& workload);
double theta_tokens(const WorkloadConfig& workload);

} // namespace afdsim
