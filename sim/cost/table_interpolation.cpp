#include "sim/cost/table_interpolation.hpp"

#include "sim/config/number_text.hpp"

#include <iterator>

namespace afdsim {

namespace {

// The measured values bracketing v: equal when v is one of them; nothing when outside.
bool bracket(const std::map<double, int>& values, double v, double& lo, double& hi)
{
  if (values.empty() || v < values.begin()->first || v > values.rbegin()->first)
    return false;
  auto upper = values.lower_bound(v);  // first >= v
  hi = upper->first;
  lo = upper->first == v ? hi : std::prev(upper)->first;
  return true;
}

double lerp(double x0, double v0, double x1, double v1, double x)
{
  return x1 == x0 ? v0 : v0 + (v1 - v0) * (x - x0) / (x1 - x0);
}

std::string span(const std::map<double, int>& values)
{
  return format_number(values.begin()->first) + ".." + format_number(values.rbegin()->first);
}

} // namespace

const char* to_string(OpSource source)
{
  switch (source) {
  case OpSource::measured: return "measured";
  case OpSource::interpolated: return "interpolated";
  case OpSource::fallback: return "fallback";
  case OpSource::roofline: return "roofline";
  }
  return "roofline";
}

std::string Table1D::range() const
{
  return points_.empty() ? "none" : format_number(points_.begin()->first) + ".." + format_number(points_.rbegin()->first);
}

TableValue Table1D::at(double x) const
{
  TableValue out;
  if (points_.empty()) {
    out.reason = "no measured points";
    return out;
  }
  if (x < points_.begin()->first || x > points_.rbegin()->first) {
    out.reason = x_name_ + " " + format_number(x) + " outside the measured " + range();
    return out;
  }
  auto upper = points_.lower_bound(x);
  out.found = true;
  if (upper->first == x) {
    out.value = upper->second;
    out.source = OpSource::measured;
    return out;
  }
  auto lower = std::prev(upper);
  out.value = lerp(lower->first, lower->second, upper->first, upper->second, x);
  out.source = OpSource::interpolated;
  return out;
}

void Table2D::add(double x, double y, double value)
{
  if (points_.emplace(std::make_pair(x, y), value).second) {
    xs_[x]++;
    ys_[y]++;
  }
}

TableValue Table2D::at(double x, double y) const
{
  TableValue out;
  if (points_.empty()) {
    out.reason = "no measured points";
    return out;
  }
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  if (!bracket(xs_, x, x0, x1)) {
    out.reason = x_name_ + " " + format_number(x) + " outside the measured " + span(xs_);
    return out;
  }
  if (!bracket(ys_, y, y0, y1)) {
    out.reason = y_name_ + " " + format_number(y) + " outside the measured " + span(ys_);
    return out;
  }
  double corner[2][2] = {{0, 0}, {0, 0}};
  const double cx[2] = {x0, x1};
  const double cy[2] = {y0, y1};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      auto it = points_.find({cx[i], cy[j]});
      if (it == points_.end()) {
        out.reason = "no measured point at " + x_name_ + " " + format_number(cx[i]) + ", " + y_name_ + " " +
                     format_number(cy[j]) + " to interpolate from";
        return out;
      }
      corner[i][j] = it->second;
    }
  const double at_y0 = lerp(x0, corner[0][0], x1, corner[1][0], x);
  const double at_y1 = lerp(x0, corner[0][1], x1, corner[1][1], x);
  out.found = true;
  out.value = lerp(y0, at_y0, y1, at_y1, y);
  out.source = x0 == x1 && y0 == y1 ? OpSource::measured : OpSource::interpolated;
  return out;
}

} // namespace afdsim
