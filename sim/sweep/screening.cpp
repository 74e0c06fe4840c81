#include "sim/sweep/screening.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/engine/child_process.hpp"
#include "sim/engine/route_probe.hpp"
#include "sim/report/analytic_json.hpp"
#include "sim/util/errors.hpp"

namespace afdsim {

namespace {

std::string joined(const std::vector<std::string>& items)
{
  std::string text;
  for (const auto& item : items)
    text += item + "\x1f";
  return text;
}

} // namespace

std::string route_key(const Scenario& s)
{
  const DeploymentConfig& d = s.deployment;
  return s.platform.resolved_file + "\n" + joined(s.platform.simgrid_cfg) + "\n" + to_string(d.mode) + " " +
         std::to_string(d.attention_workers) + " " + std::to_string(d.ffn_workers) + " " + std::to_string(d.gpus) + " " +
         std::to_string(d.tensor_parallel) + " " + to_string(d.allreduce) + "\n" + joined(d.attention_hosts) + "\n" +
         joined(d.ffn_hosts);
}

nlohmann::json Screening::analytic(const Scenario& scenario)
{
  const std::string key = route_key(scenario);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    ++probes_;  // a refusal (InputError) is not kept: it may come from more than the key
    SimulationResult routes = run_in_child_process([&scenario] { return probe_routes(scenario); });
    it = cache_.emplace(key, std::move(routes)).first;
  }
  return analytic_json_unsimulated(scenario, it->second);
}

} // namespace afdsim
