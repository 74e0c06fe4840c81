#include "sim/workload/slot_theta.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {

namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

LengthMoments uniform_moments(int min, int max)
{
  // Power sums S_j(n) = sum_{k=1}^{n} k^j in closed form; long double keeps 1e7^4 exact enough.
  auto s1 = [](long double n) { return n * (n + 1) / 2; };
  auto s2 = [](long double n) { return n * (n + 1) * (2 * n + 1) / 6; };
  auto s3 = [&s1](long double n) { return s1(n) * s1(n); };
  const long double a = static_cast<long double>(min) - 1;
  const long double b = max;
  const long double count = b - a;
  return {static_cast<double>((s1(b) - s1(a)) / count), static_cast<double>((s2(b) - s2(a)) / count),
          static_cast<double>((s3(b) - s3(a)) / count)};
}

LengthMoments geometric_moments(double mean)
{
  const double p = 1 / mean;
  return {mean, (2 - p) / (p * p), (p * p - 6 * p + 6) / (p * p * p)};
}

LengthMoments lognormal_moments(double mean, double sigma)
{
  const double mu = std::log(mean) - sigma * sigma / 2;
  auto z = [mu, sigma](double x) { return (std::log(x) - mu) / sigma; };
  constexpr int kExactUpTo = 200000;
  const int last = std::min(kExactUpTo, kMaxLengthTokens);
  LengthMoments m;
  double below = 0;  // P(X < k - 0.5): length 1 takes everything below 1.5
  for (int k = 1; k <= last; ++k) {
    const double upper = normal_cdf(z(k + 0.5));
    const double p = upper - below;
    below = upper;
    const double x = k;
    m.mean += p * x;
    m.second += p * x * x;
    m.third += p * x * x * x;
    if (1 - upper < 1e-17)
      return m;
  }
  // Beyond: E[X^n; X > a] = exp(n mu + n^2 sigma^2 / 2) Phi((mu + n sigma^2 - ln a) / sigma).
  const double log_a = std::log(last + 0.5);
  auto tail = [&](double n) {
    return std::exp(n * mu + n * n * sigma * sigma / 2) * normal_cdf((mu + n * sigma * sigma - log_a) / sigma);
  };
  m.mean += tail(1);
  m.second += tail(2);
  m.third += tail(3);
  return m;
}

LengthMoments empirical_moments(const LengthDistribution& d)
{
  LengthMoments m;
  double total = 0;
  for (size_t i = 0; i < d.values.size(); ++i) {
    const double v = d.values[i];
    const double w = d.weights[i];
    total += w;
    m.mean += w * v;
    m.second += w * v * v;
    m.third += w * v * v * v;
  }
  m.mean /= total;
  m.second /= total;
  m.third /= total;
  return m;
}

} // namespace

LengthMoments length_moments(const LengthDistribution& d)
{
  switch (d.kind) {
  case LengthKind::fixed: {
    const double v = d.value;
    return {v, v * v, v * v * v};
  }
  case LengthKind::uniform: return uniform_moments(d.min, d.max);
  case LengthKind::geometric: return geometric_moments(d.mean);
  case LengthKind::lognormal: return lognormal_moments(d.mean, d.sigma);
  case LengthKind::empirical: return empirical_moments(d);
  }
  return {};
}

SlotLoad workload_slot_load(const WorkloadConfig& w)
{
  if (!w.trace.requests.empty()) {
    std::vector<RequestLengths> lengths;
    const double probability = 1.0 / static_cast<double>(w.trace.requests.size());
    for (const auto& r : w.trace.requests)
      lengths.push_back({static_cast<double>(r.prompt_tokens), static_cast<double>(r.output_tokens), probability});
    return stationary_slot_load(lengths);
  }
  // Fixed lengths are the ints (see WorkloadConfig), and go the way they always went.
  if (w.prompt_length.is_fixed() && w.output_length.is_fixed())
    return stationary_slot_load({{static_cast<double>(w.prompt_tokens), static_cast<double>(w.output_tokens), 1.0}});
  const auto fixed = LengthDistribution::fixed_at;
  const LengthDistribution prompt = w.prompt_length.is_fixed() ? fixed(w.prompt_tokens) : w.prompt_length;
  const LengthDistribution output = w.output_length.is_fixed() ? fixed(w.output_tokens) : w.output_length;
  const LengthMoments p = length_moments(prompt);
  const LengthMoments d = length_moments(output);
  SlotLoad s;
  s.theta_tokens = p.mean + d.falling_second() / (2 * d.mean);
  s.variance_tokens2 =
      (d.mean * p.second + p.mean * d.falling_second() + d.slot_cubic() / 6) / d.mean - s.theta_tokens * s.theta_tokens;
  return s;
}

double theta_tokens(const WorkloadConfig& w) { return workload_slot_load(w).theta_tokens; }

} // namespace afdsim
