#pragma once
// Bounded nonlinear least squares: minimise sum_i r_i(x)^2 with lower <= x <= upper, by
// Levenberg-Marquardt with Marquardt's diagonal scaling, forward-difference Jacobians and
// projection onto the bounds (a parameter at a bound that the gradient pushes outwards is held
// there for the step). Deterministic: the same inputs give the same iterates.
#include <functional>
#include <vector>

namespace afdsim {

struct LeastSquaresProblem {
  std::function<std::vector<double>(const std::vector<double>&)> residuals;
  std::vector<double> lower;
  std::vector<double> upper;
};

struct LeastSquaresResult {
  std::vector<double> x;
  double cost = 0;          // sum of squared residuals at x
  double start_cost = 0;    // ... at the starting point
  int iterations = 0;
  bool converged = false;   // the relative decrease of the cost fell below the tolerance
};

LeastSquaresResult least_squares(const LeastSquaresProblem& problem, std::vector<double> x0, int max_iterations = 500,
                                 double tolerance = 1e-12);

} // namespace afdsim
