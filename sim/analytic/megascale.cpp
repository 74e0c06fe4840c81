#include "sim/analytic/megascale.hpp"

#include <algorithm>

namespace afdsim {

MegaScaleEstimate megascale_estimate(double ta_s, double tf_s, double tc_a2f_s, double tc_f2a_s, double lm_head_s,
                                     int microbatches, int layers)
{
  MegaScaleEstimate e;
  const double round_trip_s = tc_a2f_s + tc_f2a_s;
  e.cycle_s = std::max(ta_s, tf_s);
  e.step_s = (ta_s + tf_s + round_trip_s) + e.cycle_s * (microbatches * layers - 1) + lm_head_s;
  e.min_microbatches = 2.0 * (1.0 + (round_trip_s / 2.0) / e.cycle_s);
  e.min_microbatches_no_bubble = 1.0 + (std::min(ta_s, tf_s) + round_trip_s) / e.cycle_s;
  e.condition_met = microbatches >= e.min_microbatches_no_bubble;
  return e;
}

} // namespace afdsim
