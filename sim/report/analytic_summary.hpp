#pragma once
// The console's compact table of the analytic estimates: each closed form beside the simulated
// value, read from the report's `analytic` object (analytic_json.hpp) so the two never disagree.
#include <nlohmann/json.hpp>

#include <ostream>

namespace afdsim {

void print_analytic_summary(std::ostream& out, const nlohmann::json& analytic);

} // namespace afdsim
