#pragma once
// Deterministic interpolation in measured tables, and where an op time came from.
//   Table1D: piecewise linear in x between the two nearest measured x (GEMM time in tokens m,
//            FFN half-layer time in tokens).
//   Table2D: bilinear on the grid of measured x and y values (attention time in requests and
//            KV tokens per request): linear in x along the two bracketing y rows, then linear in
//            y. Exact for t = a + b x + c y + d x y, the form of a memory-bound decode attention
//            whose KV read is x y. All four corners of the cell must have been measured.
// Outside the measured range, or in a cell with a corner missing, nothing is returned: the
// caller falls back to the roofline and says so.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace afdsim {

enum class OpSource {
  measured,      // a measured point, exactly
  interpolated,  // between measured points
  fallback,      // the tables hold this op but not this shape or range: roofline instead
  roofline,      // no table holds this op (small kernels, or an op never measured): roofline
};
const char* to_string(OpSource source);

struct TableValue {
  bool found = false;
  double value = 0;
  OpSource source = OpSource::fallback;  // measured or interpolated when found
  std::string reason;                    // why not found
};

class Table1D {
public:
  explicit Table1D(std::string x_name = "x") : x_name_(std::move(x_name)) {}
  void add(double x, double value) { points_[x] = value; }
  bool empty() const { return points_.empty(); }
  TableValue at(double x) const;
  std::string range() const;  // "1..256"

private:
  std::string x_name_;
  std::map<double, double> points_;
};

class Table2D {
public:
  Table2D(std::string x_name = "x", std::string y_name = "y") : x_name_(std::move(x_name)), y_name_(std::move(y_name)) {}
  void add(double x, double y, double value);
  bool empty() const { return points_.empty(); }
  TableValue at(double x, double y) const;

private:
  std::string x_name_;
  std::string y_name_;
  std::map<std::pair<double, double>, double> points_;
  std::map<double, int> xs_;  // distinct x values (count of points at each)
  std::map<double, int> ys_;
};

} // namespace afdsim
