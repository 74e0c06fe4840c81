#include "sim/metrics/claim_timeline.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace afdsim {

void ClaimTimeline::emit(std::size_t claim, double start_s, double end_s)
{
  if (!(end_s > start_s))
    return;
  if (!scratch_.empty() && scratch_.back().claim == claim && scratch_.back().end_s == start_s)
    scratch_.back().end_s = end_s;
  else
    scratch_.push_back({start_s, end_s, claim});
}

void ClaimTimeline::add(std::size_t claim, double start_s, double end_s, const WindowBounds& window)
{
  if (!(end_s > start_s))
    return;  // as IntervalSet: empty and reversed records claim nothing
  if (start_s < latest_start_s_)
    throw std::logic_error("worker time: a record starting at " + std::to_string(start_s) +
                           " s came after one starting at " + std::to_string(latest_start_s_) + " s");
  latest_start_s_ = start_s;

  // What a worker doing one thing at a time gives: a record after every held piece.
  if (head_ == pieces_.size() || pieces_.back().end_s < start_s ||
      (pieces_.back().end_s == start_s && pieces_.back().claim != claim)) {
    pieces_.push_back({start_s, end_s, claim});
    settle(window, false);
    return;
  }

  // The held pieces this record overlaps or touches: a suffix (pieces are sorted by start and by
  // end), up to the first piece that starts after it.
  std::size_t lo = pieces_.size();
  while (lo > head_ && pieces_[lo - 1].end_s >= start_s)
    --lo;
  std::size_t hi = lo;
  while (hi < pieces_.size() && pieces_[hi].start_s <= end_s)
    ++hi;

  // Repaint [lo, hi) with the record: each instant keeps the higher claim (the lower index).
  scratch_.clear();
  double cursor_s = start_s;
  for (std::size_t i = lo; i < hi; ++i) {
    const Piece p = pieces_[i];
    if (p.start_s < start_s)
      emit(p.claim, p.start_s, std::min(p.end_s, start_s));
    const double overlap_start_s = std::max(p.start_s, start_s);
    const double overlap_end_s = std::min(p.end_s, end_s);
    if (overlap_start_s > cursor_s) {
      emit(claim, cursor_s, overlap_start_s);
      cursor_s = overlap_start_s;
    }
    if (overlap_end_s > overlap_start_s) {
      emit(std::min(p.claim, claim), overlap_start_s, overlap_end_s);
      cursor_s = overlap_end_s;
    }
    if (p.end_s > end_s)
      emit(p.claim, std::max(p.start_s, end_s), p.end_s);
  }
  if (cursor_s < end_s)
    emit(claim, cursor_s, end_s);
  const auto first = pieces_.begin() + static_cast<std::ptrdiff_t>(lo);
  pieces_.erase(first, pieces_.begin() + static_cast<std::ptrdiff_t>(hi));
  pieces_.insert(pieces_.begin() + static_cast<std::ptrdiff_t>(lo), scratch_.begin(), scratch_.end());

  settle(window, false);
}

// A piece is settled once no later record can reach it (it ends before the latest start: later
// records start after that) and its clipped length cannot change: it ends inside the window's
// end known so far, or before the window starts.
void ClaimTimeline::settle(const WindowBounds& window, bool everything)
{
  while (head_ < pieces_.size()) {
    const Piece& p = pieces_[head_];
    if (!everything) {
      if (!(p.end_s < latest_start_s_))
        break;
      if (window.t0_known && !window.final && p.end_s > window.t1_s)
        break;
    }
    // Without t0 yet, the piece ends before it: the window starts with a step that starts later.
    if (window.t0_known) {
      const double length_s = std::min(p.end_s, window.t1_s) - std::max(p.start_s, window.t0_s);
      if (length_s > 0)
        totals_.seconds[p.claim] += length_s;
    }
    ++head_;
  }
  if (head_ > 64 && 2 * head_ > pieces_.size()) {
    pieces_.erase(pieces_.begin(), pieces_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

void ClaimTimeline::finish(const WindowBounds& window)
{
  settle(window, true);
}

} // namespace afdsim
