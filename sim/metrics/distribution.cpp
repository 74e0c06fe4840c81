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
  std::sort(values.begin(), values.end());
  return summarize_sorted(values);
}

DistributionSummary summarize_sorted(const std::vector<double>& sorted)
{
  if (!std::is_sorted(sorted.begin(), sorted.end()))
    throw std::invalid_argument("summarize_sorted: the sample is not sorted");
  DistributionSummary s;
  s.count = sorted.size();
  if (sorted.empty())
    return s;
  s.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(sorted.size());
  s.p50 = percentile_linear(sorted, 50);
  s.p90 = percentile_linear(sorted, 90);
  s.p99 = percentile_linear(sorted, 99);
  return s;
}

} // namespace afdsim
