#include "sim/metrics/interval_set.hpp"

#include <algorithm>

namespace afdsim {

IntervalSet::IntervalSet(std::vector<std::pair<double, double>> intervals)
{
  for (const auto& [start_s, end_s] : intervals)
    add(start_s, end_s);
}

void IntervalSet::add(double start_s, double end_s)
{
  if (!(end_s > start_s))
    return;
  pieces_.emplace_back(start_s, end_s);
  normalized_ = false;
}

void IntervalSet::normalize() const
{
  if (normalized_)
    return;
  std::sort(pieces_.begin(), pieces_.end());
  std::vector<std::pair<double, double>> merged;
  for (const auto& piece : pieces_) {
    if (!merged.empty() && piece.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, piece.second);
    else
      merged.push_back(piece);
  }
  pieces_ = std::move(merged);
  normalized_ = true;
}

const std::vector<std::pair<double, double>>& IntervalSet::pieces() const
{
  normalize();
  return pieces_;
}

IntervalSet IntervalSet::clipped(double lo_s, double hi_s) const
{
  IntervalSet out;
  for (const auto& [start_s, end_s] : pieces())
    out.add(std::max(start_s, lo_s), std::min(end_s, hi_s));
  return out;
}

IntervalSet IntervalSet::minus(const IntervalSet& other) const
{
  const auto& cut = other.pieces();
  IntervalSet out;
  std::size_t next_cut = 0;  // both lists are sorted: one merge-like pass
  for (auto [start_s, end_s] : pieces()) {
    while (next_cut < cut.size() && cut[next_cut].second <= start_s)
      ++next_cut;
    // Keep the gaps between the cuts that overlap this piece. A cut reaching past the piece
    // may overlap the next piece too, so the cursor stays on it.
    for (std::size_t c = next_cut; c < cut.size() && cut[c].first < end_s; ++c) {
      out.add(start_s, cut[c].first);
      start_s = std::max(start_s, cut[c].second);
    }
    out.add(start_s, end_s);
  }
  return out;
}

IntervalSet IntervalSet::united(const IntervalSet& other) const
{
  IntervalSet out = *this;
  for (const auto& [start_s, end_s] : other.pieces())
    out.add(start_s, end_s);
  return out;
}

double IntervalSet::length_s() const
{
  double total_s = 0;
  for (const auto& [start_s, end_s] : pieces())
    total_s += end_s - start_s;
  return total_s;
}

} // namespace afdsim
