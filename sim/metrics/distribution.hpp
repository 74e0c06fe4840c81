#pragma once
// Mean and percentiles of a sample. Percentiles interpolate linearly between order statistics
// (Hyndman-Fan type 7, numpy's default): for sorted x[0..n-1] and p in [0, 100],
// h = (n - 1) p / 100, value = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
#include <cstddef>
#include <vector>

namespace afdsim {

struct DistributionSummary {
  std::size_t count = 0;  // 0: the sample was empty and every statistic below is 0 (undefined)
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
};

// `sorted` must be sorted ascending and non-empty; p in [0, 100].
double percentile_linear(const std::vector<double>& sorted, double p);
DistributionSummary summarize(std::vector<double> values);
// The same for a sample already sorted ascending, without copying it.
DistributionSummary summarize_sorted(const std::vector<double>& sorted);

} // namespace afdsim
