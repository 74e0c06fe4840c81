#include "sim/report/memory_report.hpp"

#include <spdlog/fmt/fmt.h>

namespace afdsim {
namespace {

constexpr double kBytesPerGb = 1e9;

} // namespace

nlohmann::json memory_json(const MemoryPlan& plan, int max_batch_per_worker)
{
  nlohmann::json gpus = nlohmann::json::array();
  for (const auto& g : plan.gpus)
    gpus.push_back({{"worker", g.worker},
                    {"role", g.role},
                    {"weights_gb", g.weights_bytes / kBytesPerGb},
                    {"kv_gb", g.kv_bytes / kBytesPerGb},
                    {"workspace_gb", g.workspace_bytes / kBytesPerGb},
                    {"reserved_gb", g.reserved_bytes / kBytesPerGb},
                    {"capacity_gb", g.capacity_bytes / kBytesPerGb},
                    {"free_gb", g.free_bytes() / kBytesPerGb}});
  return {{"gpus", gpus}, {"max_batch_per_worker", max_batch_per_worker}, {"fits", plan.fits()}};
}

void print_memory_table(std::ostream& out, const MemoryPlan& plan, int batch_per_worker)
{
  out << fmt::format("Memory per GPU (GB) at batch_per_worker {}:\n", batch_per_worker);
  out << fmt::format("  {:<10} {:<9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "worker", "role", "weights", "kv",
                     "workspace", "reserved", "capacity", "free");
  for (const auto& g : plan.gpus)
    out << fmt::format("  {:<10} {:<9} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f}\n", g.worker, g.role,
                       g.weights_bytes / kBytesPerGb, g.kv_bytes / kBytesPerGb, g.workspace_bytes / kBytesPerGb,
                       g.reserved_bytes / kBytesPerGb, g.capacity_bytes / kBytesPerGb, g.free_bytes() / kBytesPerGb);
}

} // namespace afdsim
