#pragma once
// Scenarios written inline in tests, loaded as if from tests/data/test.yaml (so that
// `platform.file: platform.xml` resolves to the stub platform there).
#include "sim/config/scenario_loader.hpp"
#include "sim/util/errors.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace afdsim::test {

inline const std::string kMinimalScenario =
    "model:\n  preset: qwen3-32b\nhardware:\n  preset: h20\nplatform:\n  file: platform.xml\n";

inline Scenario load_test_scenario(const std::string& yaml, const std::vector<std::string>& sets = {})
{
  return load_scenario_text(yaml, "test.yaml", kTestDataDir, sets);
}

// The InputError message loading `yaml` gives; "" (and a test failure) when it loads.
inline std::string load_test_error(const std::string& yaml, const std::vector<std::string>& sets = {})
{
  try {
    load_test_scenario(yaml, sets);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "loaded without error:\n" << yaml;
  return "";
}

} // namespace afdsim::test
