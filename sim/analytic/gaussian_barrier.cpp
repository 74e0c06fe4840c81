#include "sim/analytic/gaussian_barrier.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace afdsim {
namespace {

constexpr double kLowest = -12.0;      // Phi(-12) ~ 1.8e-33: 1 - Phi^r is exactly 1 in double below
constexpr double kTailWidth = 12.0;    // 1 - Phi(12) ~ 1.8e-33: the rest of the tail is negligible
constexpr int kIntervals = 4000;       // Simpson on <= 24 + |z| wide: error far below 1e-12

// 1 - Phi(x)^r without cancellation when Phi(x) is near 1: -expm1(r log(1 - Q)), Q = 1 - Phi(x).
double excess_probability(double x, int r)
{
  const double upper_tail = 0.5 * std::erfc(x / std::sqrt(2.0));
  return -std::expm1(static_cast<double>(r) * std::log1p(-upper_tail));
}

} // namespace

double max_normal_excess(double z, int r)
{
  if (r < 1)
    throw std::invalid_argument("max_normal_excess: r must be at least 1, got " + std::to_string(r));
  const double a = std::max(z, kLowest);
  const double b = std::max(z, 0.0) + kTailWidth;
  const double h = (b - a) / kIntervals;
  double sum = excess_probability(a, r) + excess_probability(b, r);
  for (int i = 1; i < kIntervals; ++i)
    sum += (i % 2 == 1 ? 4.0 : 2.0) * excess_probability(a + i * h, r);
  return (a - z) + sum * h / 3.0;  // (a - z): the integrand is 1 on [z, a]
}

double expected_barrier_cycle_s(double g_s, double mu_s, double sigma_s, int r)
{
  if (sigma_s <= 0)
    return std::max(g_s, mu_s);
  return g_s + sigma_s * max_normal_excess((g_s - mu_s) / sigma_s, r);
}

} // namespace afdsim
