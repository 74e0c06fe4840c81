#include "sim/analytic/aiconfigurator.hpp"

#include <algorithm>

namespace afdsim {

AiconfiguratorEstimate aiconfigurator_estimate(double ta_s, double tf_s, double ta2f_s, double tf2a_s,
                                               double lm_head_s, int microbatches, int layers)
{
  AiconfiguratorEstimate e;
  const double fill_s = ta_s + tf_s + ta2f_s + tf2a_s;
  const double cycles = microbatches * layers - 1;
  e.cycle_serial_s = fill_s;
  e.cycle_k2_s = std::max(ta_s + ta2f_s, tf_s + tf2a_s);
  e.cycle_k3_s = std::max({ta_s, tf_s, ta2f_s + tf2a_s});
  e.min_microbatches_k3 = 2.0 + (ta2f_s + tf2a_s) / std::max(ta_s, tf_s);
  e.k3_applies = microbatches >= e.min_microbatches_k3;
  e.step_serial_s = fill_s + e.cycle_serial_s * cycles + lm_head_s;
  e.step_k2_s = fill_s + e.cycle_k2_s * cycles + lm_head_s;
  e.step_k3_s = fill_s + e.cycle_k3_s * cycles + lm_head_s;
  e.step_optimistic_s = e.k3_applies ? e.step_k3_s : e.step_k2_s;
  return e;
}

} // namespace afdsim
