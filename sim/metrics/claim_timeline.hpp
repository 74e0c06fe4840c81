#pragma once
// One worker's window time split by claim as its compute and wait records arrive. Every instant
// goes to the highest claim covering it (compute, then the waits in kWaitClaimOrder), the rule
// the traces use too (gpu_timeline.hpp); pieces of one claim that touch are one piece. Only the
// recent pieces are kept: a piece that no later record can reach and that lies inside the window
// known so far is added to the totals and dropped, so memory does not grow with the run.
//
// Records must come in non-decreasing start order (one actor does one thing at a time; a replay
// of a whole log sorts them). The sums equal those of IntervalSet over the whole records: the
// same pieces, clipped the same way, added in time order.
#include "sim/metrics/run_totals.hpp"

#include <cstddef>
#include <vector>

namespace afdsim {

// What is known of the window while the run goes.
struct WindowBounds {
  bool t0_known = false;
  double t0_s = 0;
  double t1_s = 0;     // the latest end of the last step so far: it only grows
  bool final = false;  // t1_s is the window's end (a replay, or the run is over)
};

class ClaimTimeline {
public:
  // Throws std::logic_error when `start_s` is before the previous record's start.
  void add(std::size_t claim, double start_s, double end_s, const WindowBounds& window);
  // Adds every remaining piece, clipped to the final window.
  void finish(const WindowBounds& window);
  const ClaimTotals& totals() const { return totals_; }
  std::size_t pieces_held() const { return pieces_.size() - head_; }

private:
  struct Piece {
    double start_s;
    double end_s;
    std::size_t claim;
  };
  void emit(std::size_t claim, double start_s, double end_s);
  void settle(const WindowBounds& window, bool everything);

  std::vector<Piece> pieces_;   // [head_, size): sorted, disjoint
  std::size_t head_ = 0;        // pieces before it are settled
  std::vector<Piece> scratch_;  // the repainted stretch of add()
  double latest_start_s_ = -1e300;
  ClaimTotals totals_;
};

} // namespace afdsim
