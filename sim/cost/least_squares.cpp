#include "sim/cost/least_squares.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {

namespace {

double sum_of_squares(const std::vector<double>& r)
{
  double s = 0;
  for (const double v : r)
    s += v * v;
  return s;
}

std::vector<double> clamped(std::vector<double> x, const LeastSquaresProblem& p)
{
  for (size_t j = 0; j < x.size(); ++j)
    x[j] = std::clamp(x[j], p.lower[j], p.upper[j]);
  return x;
}

// Solves a x = b by Gaussian elimination with partial pivoting (a is small and square).
bool solve(std::vector<std::vector<double>> a, std::vector<double> b, std::vector<double>& x)
{
  const size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t row = col + 1; row < n; ++row) {
      if (std::fabs(a[row][col]) > std::fabs(a[pivot][col]))
        pivot = row;
    }
    if (a[pivot][col] == 0 || !std::isfinite(a[pivot][col]))
      return false;
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (size_t row = col + 1; row < n; ++row) {
      const double f = a[row][col] / a[col][col];
      for (size_t k = col; k < n; ++k)
        a[row][k] -= f * a[col][k];
      b[row] -= f * b[col];
    }
  }
  x.assign(n, 0);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k)
      s -= a[i][k] * x[k];
    x[i] = s / a[i][i];
  }
  return true;
}

// Forward differences (backward at the upper bound).
std::vector<std::vector<double>> jacobian(const LeastSquaresProblem& p, const std::vector<double>& x,
                                          const std::vector<double>& r)
{
  std::vector<std::vector<double>> jac(r.size(), std::vector<double>(x.size(), 0));
  for (size_t j = 0; j < x.size(); ++j) {
    double h = 1e-6 * std::max(std::fabs(x[j]), 1.0);
    if (x[j] + h > p.upper[j])
      h = -h;
    std::vector<double> xh = x;
    xh[j] += h;
    const std::vector<double> rh = p.residuals(xh);
    for (size_t i = 0; i < r.size(); ++i)
      jac[i][j] = (rh[i] - r[i]) / h;
  }
  return jac;
}

} // namespace

LeastSquaresResult least_squares(const LeastSquaresProblem& problem, std::vector<double> x0, int max_iterations,
                                 double tolerance)
{
  LeastSquaresResult out;
  out.x = clamped(std::move(x0), problem);
  std::vector<double> r = problem.residuals(out.x);
  out.cost = out.start_cost = sum_of_squares(r);
  const size_t n = out.x.size();
  double lambda = 1e-3;
  for (out.iterations = 0; out.iterations < max_iterations; ++out.iterations) {
    const auto jac = jacobian(problem, out.x, r);
    std::vector<double> g(n, 0);
    std::vector<std::vector<double>> a(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < r.size(); ++i)
      for (size_t j = 0; j < n; ++j) {
        g[j] += jac[i][j] * r[i];
        for (size_t k = 0; k < n; ++k)
          a[j][k] += jac[i][j] * jac[i][k];
      }
    // Parameters held at a bound the descent direction (-g) points out of.
    std::vector<size_t> free;
    for (size_t j = 0; j < n; ++j) {
      const bool held = (out.x[j] <= problem.lower[j] && g[j] > 0) || (out.x[j] >= problem.upper[j] && g[j] < 0);
      if (!held)
        free.push_back(j);
    }
    bool improved = false;
    double decrease = 0;
    for (int attempt = 0; attempt < 40 && !free.empty(); ++attempt) {
      std::vector<std::vector<double>> m(free.size(), std::vector<double>(free.size(), 0));
      std::vector<double> rhs(free.size(), 0);
      for (size_t p = 0; p < free.size(); ++p) {
        for (size_t q = 0; q < free.size(); ++q)
          m[p][q] = a[free[p]][free[q]];
        const double diag = a[free[p]][free[p]] > 0 ? a[free[p]][free[p]] : 1.0;  // no influence: no step
        m[p][p] += lambda * diag;
        rhs[p] = -g[free[p]];
      }
      std::vector<double> step;
      if (solve(m, rhs, step)) {
        std::vector<double> x = out.x;
        for (size_t p = 0; p < free.size(); ++p)
          x[free[p]] += step[p];
        x = clamped(std::move(x), problem);
        std::vector<double> rx = problem.residuals(x);
        const double cost = sum_of_squares(rx);
        if (std::isfinite(cost) && cost < out.cost) {
          decrease = (out.cost - cost) / out.cost;
          out.x = std::move(x);
          r = std::move(rx);
          out.cost = cost;
          lambda = std::max(lambda / 3, 1e-12);
          improved = true;
          break;
        }
      }
      lambda *= 4;
    }
    if (!improved || decrease < tolerance) {
      out.converged = true;
      ++out.iterations;
      break;
    }
  }
  return out;
}

} // namespace afdsim
