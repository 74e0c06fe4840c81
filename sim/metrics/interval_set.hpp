#pragma once
// A set of time intervals kept as sorted, disjoint [start, end) pieces: clips records to a window
// and attributes each instant of a worker's time to exactly one cause. The running metrics do the
// same piece by piece (claim_timeline.hpp); this is the rule the tests hold them to, and the
// trace tests' reference.
#include <utility>
#include <vector>

namespace afdsim {

class IntervalSet {
public:
  IntervalSet() = default;
  // Any intervals, overlapping or not; empty and reversed ones are dropped.
  explicit IntervalSet(std::vector<std::pair<double, double>> intervals);

  void add(double start_s, double end_s);
  // The part inside [lo_s, hi_s].
  IntervalSet clipped(double lo_s, double hi_s) const;
  // The part not covered by `other`.
  IntervalSet minus(const IntervalSet& other) const;
  IntervalSet united(const IntervalSet& other) const;
  double length_s() const;
  const std::vector<std::pair<double, double>>& pieces() const;

private:
  void normalize() const;  // sort and merge lazily, so add() stays O(1)
  mutable std::vector<std::pair<double, double>> pieces_;
  mutable bool normalized_ = true;
};

} // namespace afdsim
