#pragma once
// The memory plan as the report's `memory` section and as a console table; shared by `afdsim run`
// and `afdsim max-batch`. GB = 1e9 B.
#include "sim/memory/memory_plan.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace afdsim {

// {gpus: [{worker, role, weights_gb, kv_gb, workspace_gb, reserved_gb, capacity_gb, free_gb}],
//  max_batch_per_worker, fits}
nlohmann::json memory_json(const MemoryPlan& plan, int max_batch_per_worker);

// "Memory per GPU (GB) at batch_per_worker B:" and one row per GPU.
void print_memory_table(std::ostream& out, const MemoryPlan& plan, int batch_per_worker);

} // namespace afdsim
