#include "sim/workload/length_sampler.hpp"

#include "sim/workload/request_source.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {

namespace {

constexpr double kPi = 3.14159265358979323846;

int clamp_tokens(double x)
{
  return static_cast<int>(std::clamp(x, 1.0, static_cast<double>(kMaxLengthTokens)));
}

// Inversion: with p = 1 / mean, P(L > k) = (1 - p)^k, so L = 1 + floor(ln U / ln(1 - p)).
int geometric(double mean, std::mt19937_64& rng)
{
  const double p = 1 / mean;
  if (p >= 1)
    return 1;
  return clamp_tokens(1 + std::floor(std::log(uniform_open01(rng)) / std::log1p(-p)));
}

// ln L ~ N(mu, sigma^2) with mu chosen so that E[L] = mean before rounding.
int lognormal(double mean, double sigma, std::mt19937_64& rng)
{
  const double mu = std::log(mean) - sigma * sigma / 2;
  return clamp_tokens(std::round(std::exp(mu + sigma * standard_normal(rng))));
}

// Inversion on the cumulative weights: the first value whose cumulative weight exceeds U x total.
int empirical(const LengthDistribution& d, std::mt19937_64& rng)
{
  double total = 0;
  for (double w : d.weights)
    total += w;
  const double target = (1 - uniform_open01(rng)) * total;  // in [0, total)
  double cumulative = 0;
  for (size_t i = 0; i < d.values.size(); ++i) {
    cumulative += d.weights[i];
    if (target < cumulative)
      return d.values[i];
  }
  return d.values.back();  // rounding at the very top
}

} // namespace

double uniform_open01(std::mt19937_64& rng)
{
  return (static_cast<double>(rng() >> 11) + 1) * 0x1p-53;
}

double standard_normal(std::mt19937_64& rng)
{
  const double u1 = uniform_open01(rng);
  const double u2 = uniform_open01(rng);
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * kPi * u2);
}

int sample_length(const LengthDistribution& d, std::mt19937_64& rng)
{
  switch (d.kind) {
  case LengthKind::fixed: return d.value;
  case LengthKind::uniform:
    return d.min + static_cast<int>(uniform_below(rng, static_cast<uint64_t>(d.max - d.min) + 1));
  case LengthKind::geometric: return geometric(d.mean, rng);
  case LengthKind::lognormal: return lognormal(d.mean, d.sigma, rng);
  case LengthKind::empirical: return empirical(d, rng);
  }
  return 1;
}

} // namespace afdsim
