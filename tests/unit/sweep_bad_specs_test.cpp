// The bad-sweep catalogue: every file in tests/bad_sweeps/ must be refused with an InputError
// naming the file and containing each fragment of its "# expect: ..." header lines (as the
// scenario catalogue, tests/bad_scenarios/); and `afdsim sweep` must exit 2 with that message.
// Plus mutated spec text: a spec or an InputError, never anything else.
#include "run_afdsim.hpp"
#include "test_files.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include "input_catalogue.hpp"

#include <random>

using namespace afdsim;
using afdsim::test::catalogue_files;

namespace {

const std::string kCatalogueDir = AFDSIM_SOURCE_DIR "/tests/bad_sweeps";

} // namespace

TEST(BadSweeps, CatalogueIsLargeAndEveryFileStatesItsExpectation)
{
  test::expect_catalogue_states_its_expectations(kCatalogueDir, 40);
}

class BadSweep : public ::testing::TestWithParam<std::string> {};

TEST_P(BadSweep, IsRefusedWithItsMessage)
{
  test::expect_load_refuses(kCatalogueDir + "/" + GetParam(), [](const std::string& path) { load_sweep_spec(path); });
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadSweep, ::testing::ValuesIn(catalogue_files(kCatalogueDir)), test::catalogue_test_name);

TEST(SweepCommand, BadSpecsExitTwoWithTheMessageOnStderr)
{
  for (const std::string name : {"03-unknown-top-key.yaml", "09-unknown-scenario-key.yaml", "20-zip-lengths-differ.yaml",
                                 "29-filter-unknown-key.yaml"}) {
    const std::string path = kCatalogueDir + "/" + name;
    test::expect_binary_refuses("sweep '" + path + "' --out /nonexistent/never-written", path);
  }
}

// Inserts YAML punctuation, deletes, overwrites with any byte, or duplicates a slice (as the
// scenario fuzz test does).
TEST(SweepSpecFuzz, MutatedTextIsASpecOrAnInputError)
{
  const std::string seed = test::read_text_file(AFDSIM_SOURCE_DIR "/tests/data/sweeps/tiny.yaml");
  ASSERT_FALSE(seed.empty());
  static const std::vector<std::string> tokens = {"[", "]", "{", "}", ": ", "- ", "\n", "\t", "  ", "&a ", "*a",
                                                  "\"", "'", "#", ",", "? ", "|", ".nan", "1e999", "-", "~", "\xff",
                                                  "zip:", "range: {from: 1, to: 3}", "values: []", "times: 2"};
  std::mt19937_64 rng(20250101);
  int loaded = 0;
  int refused = 0;
  for (int i = 0; i < 400; i++) {
    const std::string text = test::mutate_text(seed, rng, tokens, 3);
    try {
      load_sweep_spec_text(text, "fuzz.yaml", AFDSIM_SOURCE_DIR "/tests/data/sweeps");
      loaded++;
    } catch (const InputError&) {
      refused++;
    }
  }
  EXPECT_GT(loaded, 10);
  EXPECT_GT(refused, 100);
}
