#pragma once
// Straight lines y = alpha x + beta: the linear latency models of Song et al., fitted to the
// cost model by least squares over chosen points.
#include <vector>

namespace afdsim {

struct LinearModel {
  double alpha = 0;  // slope, seconds per unit of x
  double beta = 0;   // intercept, seconds
  double at(double x) const { return alpha * x + beta; }
};

struct FitPoint {
  double x = 0;
  double y = 0;
};

// Ordinary least squares over `points` (two points: the line through them). Throws
// std::invalid_argument for fewer than two points or when every x is equal.
LinearModel fit_line(const std::vector<FitPoint>& points);

// The largest |y - line(x)| over `points`: how far the line strays from what it was fitted to.
double max_abs_residual(const LinearModel& line, const std::vector<FitPoint>& points);

} // namespace afdsim
