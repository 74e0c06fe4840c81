#include "sim/cost/cost_model.hpp"

#include "sim/cost/fixed_cost_model.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/cost/roofline_cost_model.hpp"
#include "sim/cost/split_role_cost_model.hpp"

#include <stdexcept>

namespace afdsim {

std::unique_ptr<CostModel> make_cost_model(const Scenario& scenario, CostProvenanceLog* provenance)
{
  const CostModelConfig& c = scenario.cost_model;
  switch (c.kind) {
  case CostModelKind::fixed: return std::make_unique<FixedCostModel>(c);
  case CostModelKind::roofline:
    if (scenario.ffn_hardware)  // mixed GPU types: the FFN priced on its own GPU
      return std::make_unique<SplitRoleCostModel>(scenario.model, scenario.hardware, *scenario.ffn_hardware);
    return std::make_unique<RooflineCostModel>(scenario.model, scenario.hardware);
  case CostModelKind::profiled:
    if (!c.profile)
      throw std::logic_error("cost_model.kind is profiled but no tables were loaded");
    // A tensor-parallel shard has other shapes than the model the step table was measured on.
    return std::make_unique<ProfiledCostModel>(
        scenario.model, scenario.hardware, *c.profile,
        ProfiledOptions{c.op_overhead_us, step_model_key(scenario.model) == c.step_model_key}, provenance);
  }
  throw std::logic_error("unknown cost_model.kind");
}

} // namespace afdsim
