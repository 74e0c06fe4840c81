#pragma once
// The report's `cost_model_provenance` section: where the simulation's op times came from. For a
// profiled cost model, how many distinct op shapes (and lookups) were measured, interpolated,
// fell back to the roofline outside the tables, or had no table at all, per op, and the shapes
// that fell back with the reason.
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_provenance.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace afdsim {

// `log` is what the simulation's cost model recorded (null for the roofline and fixed models).
nlohmann::json cost_provenance_json(const CostModelConfig& cost_model, const CostProvenanceLog* log);

// One console line: "cost model: profiled (tables ...): ... op shapes measured, ... fell back".
void print_cost_provenance(std::ostream& out, const nlohmann::json& provenance);

} // namespace afdsim
