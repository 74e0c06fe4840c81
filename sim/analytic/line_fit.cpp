#include "sim/analytic/line_fit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace afdsim {

LinearModel fit_line(const std::vector<FitPoint>& points)
{
  if (points.size() < 2)
    throw std::invalid_argument("fit_line: needs at least two points");
  const auto n = static_cast<double>(points.size());
  double mean_x = 0;
  double mean_y = 0;
  for (const auto& p : points) {
    mean_x += p.x / n;
    mean_y += p.y / n;
  }
  // Centred sums: no cancellation when x is large (token loads of 1e5).
  double sxx = 0;
  double sxy = 0;
  for (const auto& p : points) {
    sxx += (p.x - mean_x) * (p.x - mean_x);
    sxy += (p.x - mean_x) * (p.y - mean_y);
  }
  if (sxx <= 0)
    throw std::invalid_argument("fit_line: every point has the same x");
  LinearModel line;
  line.alpha = sxy / sxx;
  line.beta = mean_y - line.alpha * mean_x;
  return line;
}

double max_abs_residual(const LinearModel& line, const std::vector<FitPoint>& points)
{
  double worst = 0;
  for (const auto& p : points)
    worst = std::max(worst, std::abs(p.y - line.at(p.x)));
  return worst;
}

} // namespace afdsim
