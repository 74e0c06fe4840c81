// `afdsim max-batch`: the largest workload.batch_per_worker whose memory plan fits every GPU, and
// the plan at that batch (docs/memory.md). No simulation.
#include "sim/cli/commands.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/report/memory_report.hpp"
#include "sim/util/errors.hpp"

#include <spdlog/fmt/fmt.h>

#include <iostream>
#include <stdexcept>

namespace afdsim::cli {

int max_batch_command(const MaxBatchArgs& args)
{
  const Scenario scenario = load_scenario(args.scenario_file, args.sets);
  const int largest = max_batch_per_worker(scenario);
  // At 0 nothing fits; show the plan at batch 1 so the numbers say what is missing.
  Scenario at_largest = scenario;
  at_largest.workload.batch_per_worker = largest > 0 ? largest : 1;
  const MemoryPlan plan = plan_memory(at_largest);

  if (args.json) {
    nlohmann::json j = {{"scenario", scenario.name},
                        {"batch_per_worker", at_largest.workload.batch_per_worker},
                        {"max_batch_per_worker", largest},
                        {"memory", memory_json(plan, largest)}};
    std::cout << j.dump(2) << "\n";
  } else {
    const std::string name = scenario.name.empty() ? scenario.source_file : scenario.name;
    if (largest > 0)
      std::cout << fmt::format("{}: the largest batch_per_worker that fits is {}", name, largest)
                << (largest == kBatchPerWorkerLimit ? " (the key's upper bound)\n" : "\n");
    else
      std::cout << fmt::format("{}: no batch_per_worker fits, not even 1\n", name);
    print_memory_table(std::cout, plan, at_largest.workload.batch_per_worker);
  }
  std::cout.flush();
  if (!std::cout)
    throw std::runtime_error("cannot write the result to stdout");
  return kExitOk;
}

} // namespace afdsim::cli
