#include "sim/engine/actor_run.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <spdlog/fmt/fmt.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace afdsim {

std::shared_ptr<spdlog::logger> progress_logger()
{
  auto logger = spdlog::get("engine");
  return logger ? logger : spdlog::stderr_logger_st("engine");
}

std::vector<std::string> host_names(const simgrid::s4u::Engine& engine)
{
  std::vector<std::string> names;
  for (const auto* host : engine.get_all_hosts())
    names.push_back(host->get_name());
  return names;
}

std::shared_ptr<CostProvenanceLog> new_cost_provenance(const Scenario& scenario)
{
  return scenario.cost_model.kind == CostModelKind::profiled ? std::make_shared<CostProvenanceLog>() : nullptr;
}

void prepare_run(RunState& run, const SimgridEngine& simgrid, std::shared_ptr<CostProvenanceLog> provenance)
{
  run.compute_activity = simgrid.compute;
  run.shortest_sleep_s = simgrid.shortest_sleep_s;
  run.cost_provenance = std::move(provenance);
}

std::shared_ptr<std::string> watch_for_deadlock()
{
  auto report = std::make_shared<std::string>();
  simgrid::s4u::Engine::on_deadlock_cb([report] {
    std::string blocked;
    for (const auto& actor : simgrid::s4u::Engine::get_instance()->get_all_actors())
      blocked += (blocked.empty() ? "" : ", ") + actor->get_name() + "@" + actor->get_host()->get_name();
    *report = fmt::format("simulation deadlocked at t={:.9f} s; actors still waiting: {}", simgrid::s4u::Engine::get_clock(), blocked);
  });
  return report;
}

SimulationResult collect_result(RunState& run, const SimgridEngine& simgrid, const std::string& deadlock)
{
  if (run.failure)
    std::rethrow_exception(run.failure);
  if (!deadlock.empty())
    throw std::runtime_error(deadlock);
  SimulationResult result;
  if (const int signal = run.gate.stop_signal()) {
    result.complete = false;
    result.stop_signal = signal;
    result.steps_completed = run.gate.steps_run();
  }
  run.record.log().end_s = simgrid::s4u::Engine::get_clock();
  result.totals = run.record.finish();
  result.log = run.record.take_log();
  result.cost_provenance = std::move(run.cost_provenance);
  result.links = run.traffic.usage();
  result.routes = run.traffic.routes();
  result.simgrid_config = simgrid.config;
  result.compute = simgrid.compute;
  return result;
}

} // namespace afdsim
