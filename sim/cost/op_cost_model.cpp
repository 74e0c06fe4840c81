#include "sim/cost/op_cost_model.hpp"

namespace afdsim {

const char* OpCost::bound() const
{
  if (source == OpSource::measured || source == OpSource::interpolated)
    return "table";
  if (fixed_s >= compute_s && fixed_s >= memory_s)
    return "fixed";
  return compute_s >= memory_s ? "compute" : "memory";
}

} // namespace afdsim
