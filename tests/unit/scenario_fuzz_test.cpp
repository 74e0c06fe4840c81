// Mutated scenario text never crashes, hangs or escapes as anything but InputError: every byte
// sequence is either a scenario or bad input (exit 2), never an internal error (exit 1).
#include "sim/config/scenario_loader.hpp"
#include "sim/util/errors.hpp"

#include "input_catalogue.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

using namespace afdsim;

namespace {


// Inserts YAML punctuation, deletes, overwrites with any byte, or duplicates a slice.
std::string mutate(const std::string& text, std::mt19937_64& rng)
{
  static const std::vector<std::string> tokens = {"[", "]", "{", "}", ": ", "- ", "\n", "\t", "  ", "&a ", "*a",
                                                  "!!int ", "\"", "'", "#", ",", "? ", "|", ".nan", "1e999",
                                                  "-", "~", "\xff", "\xc3", "<<: ", "---\n", "\\", "\r"};
  return afdsim::test::mutate_text(text, rng, tokens, 4);
}

} // namespace

TEST(ScenarioFuzz, MutatedTextIsAScenarioOrAnInputError)
{
  const std::vector<std::string> seeds = {afdsim::test::read_text_file(afdsim::test::kTestDataDir + "/full.yaml"), afdsim::test::read_text_file(afdsim::test::kTestDataDir + "/minimal.yaml")};
  ASSERT_FALSE(seeds[0].empty());
  std::mt19937_64 rng(20240601);
  int loaded = 0;
  int refused = 0;
  for (int i = 0; i < 3000; i++) {
    std::string text = mutate(seeds[static_cast<size_t>(i) % seeds.size()], rng);
    try {
      load_scenario_text(text, "fuzz.yaml", afdsim::test::kTestDataDir);
      loaded++;
    } catch (const InputError&) {
      refused++;
    } catch (const std::exception& e) {
      FAIL() << "internal error '" << e.what() << "' on:\n" << text;
    }
  }
  EXPECT_EQ(loaded + refused, 3000);
  EXPECT_GT(refused, 0);
}
