#pragma once
// Draws request lengths from a LengthDistribution. Own samplers on std::mt19937_64 (whose output
// the standard fixes) instead of std:: distributions (whose algorithms each library chooses): the
// same seed gives the same lengths everywhere.
#include "sim/config/request_lengths.hpp"

#include <random>

namespace afdsim {

// Uniform in (0, 1]: 53 random bits, never 0 (the samplers take its logarithm).
double uniform_open01(std::mt19937_64& rng);
// Standard normal by Box-Muller (one of the pair; two uniforms per draw).
double standard_normal(std::mt19937_64& rng);
// A length in [1, kMaxLengthTokens]: geometric on 1, 2, ... with the given mean; lognormal
// rounded to the nearest integer, at least 1; unbounded tails clamped to kMaxLengthTokens.
int sample_length(const LengthDistribution& d, std::mt19937_64& rng);

} // namespace afdsim
