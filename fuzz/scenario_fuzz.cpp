// libFuzzer target: the scenario loader with --set overrides. The input is the YAML text, then
// any number of NUL-separated --set arguments (a scenario cannot hold a NUL byte, and argv cannot
// either, so every split is one the command line could produce). Any outcome but a Scenario or an
// InputError is a finding; a loaded scenario must also survive what `run` does next before
// simulating (memory check, run-size estimate) and load back from its own resolved YAML unchanged.
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/engine/run_size.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/util/errors.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Relative platform and trace files resolve against the test data (platform.xml, traces/).
const std::string kBaseDir = AFDSIM_SOURCE_DIR "/tests/data";

void check_loaded(const afdsim::Scenario& scenario)
{
  const std::string yaml = afdsim::to_yaml(scenario);
  const std::string again = afdsim::to_yaml(afdsim::load_scenario_text(yaml, "fuzz-resolved.yaml", kBaseDir));
  if (again != yaml) {
    std::fprintf(stderr, "resolved scenario does not load back unchanged:\n%s\n---- loaded back as:\n%s\n", yaml.c_str(),
                 again.c_str());
    std::abort();
  }
  try {
    afdsim::check_memory_fits(scenario);
  } catch (const afdsim::InputError&) {
  }
  try {
    afdsim::check_run_size(scenario, afdsim::estimate_run_size(scenario), afdsim::default_run_limits());
  } catch (const afdsim::InputError&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t nul = input.find('\0'); nul != std::string::npos; nul = input.find('\0', start)) {
    parts.push_back(input.substr(start, nul - start));
    start = nul + 1;
  }
  parts.push_back(input.substr(start));
  const std::vector<std::string> sets(parts.begin() + 1, parts.end());

  afdsim::Scenario scenario;
  try {
    scenario = afdsim::load_scenario_text(parts.front(), "fuzz.yaml", kBaseDir, sets);
  } catch (const afdsim::InputError&) {
    return 0;  // bad input, said so: the expected outcome for most inputs
  }
  check_loaded(scenario);
  return 0;
}
