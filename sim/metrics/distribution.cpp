#include "sim/metrics/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace afdsim {

double percentile_linear(const std::vector<double>& sorted, double p)
{
  if (sorted.empty())
    throw std::invalid_argument("percentile of an empty sample");
  double h = static_cast<double>(sorted.size() - 1) * p / 100.0;
  auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size())
    return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

DistributionSummary summarize(std::vector<double> values)
{
  DistributionSummary s;
  s.count = values.size();
  if (values.empty())
    return s;
  std::sort(values.begin(), values.end());
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  s.p50 = percentile_linear(values, 50);
  s.p90 = percentile_linear(values, 90);
  s.p99 = percentile_linear(values, 99);
  return s;
}

} // namespace afdsim
