#include "sim/engine/route_probe.hpp"

#include "sim/deploy/deployment.hpp"
#include "sim/engine/actor_run.hpp"
#include "sim/engine/afd_pipeline.hpp"
#include "sim/engine/colocated_run.hpp"
#include "sim/engine/link_traffic.hpp"
#include "sim/engine/simgrid_setup.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

namespace afdsim {

namespace {

void probe_afd(const Scenario& s, const simgrid::s4u::Engine& engine, SimulationResult& result, LinkTraffic& traffic)
{
  const Placement placement = place_workers(host_names(engine), s.deployment, s.source_file);
  const std::string& ffn_host = placement.ffn_hosts.front();
  for (size_t i = 0; i < placement.attention_hosts.size(); ++i) {
    const std::string& host = placement.attention_hosts[i];
    result.log.workers.push_back({"attn" + std::to_string(i), WorkerRole::attention, host});
    traffic.route_number(engine.host_by_name(host), engine.host_by_name(ffn_host));
    traffic.route_number(engine.host_by_name(ffn_host), engine.host_by_name(host));
  }
  result.log.workers.push_back({"ffn0", WorkerRole::ffn, ffn_host});
}

void probe_colocated(const Scenario& s, const simgrid::s4u::Engine& engine, SimulationResult& result,
                     LinkTraffic& traffic)
{
  const std::vector<std::string> hosts = place_colocated(host_names(engine), s.deployment, s.source_file);
  for (size_t g = 0; g < hosts.size(); ++g)
    result.log.workers.push_back({"gpu" + std::to_string(g), WorkerRole::colocated, hosts[g]});
  const auto k = static_cast<size_t>(s.deployment.tensor_parallel);
  for (size_t first = 0; k > 1 && first + k <= hosts.size(); first += k) {
    for (size_t rank = 0; rank < k; ++rank) {
      for (size_t offset = 1; offset < k; ++offset) {
        // A ring rank sends only to its successor; one_shot to every peer.
        if (s.deployment.allreduce == AllreduceAlgorithm::ring && offset != 1)
          continue;
        const std::string& from = hosts[first + rank];
        const std::string& to = hosts[first + (rank + offset) % k];
        traffic.route_number(engine.host_by_name(from), engine.host_by_name(to));
      }
    }
  }
}

} // namespace

SimulationResult probe_routes(const Scenario& scenario, const std::vector<std::string>& simgrid_args)
{
  const bool colocated = scenario.deployment.mode == DeploymentMode::colocated;
  if (colocated)
    check_colocated_scenario(scenario);
  else
    check_afd_scenario(scenario);
  SimgridEngine simgrid = start_simgrid(scenario, simgrid_args);
  SimulationResult result;
  LinkTraffic traffic;
  if (colocated)
    probe_colocated(scenario, *simgrid.engine, result, traffic);
  else
    probe_afd(scenario, *simgrid.engine, result, traffic);
  result.routes = traffic.routes();
  result.simgrid_config = simgrid.config;
  return result;
}

} // namespace afdsim
