// The bad-scenario catalogue: every file in tests/bad_scenarios/ must be refused with an
// InputError naming the file and containing each fragment of its "# expect: ..." header lines;
// and the real `afdsim validate` must exit 2 with that message on stderr and nothing on stdout.
#include "run_afdsim.hpp"
#include "test_files.hpp"
#include "sim/cli/commands.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include "input_catalogue.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace afdsim;
using afdsim::test::ProcessResult;
using afdsim::test::run_afdsim;
using afdsim::test::kTestDataDir;
using afdsim::test::read_text_file;
using afdsim::test::catalogue_files;

namespace {

const std::string kCatalogueDir = AFDSIM_SOURCE_DIR "/tests/bad_scenarios";

} // namespace

TEST(BadScenarios, CatalogueIsLargeAndEveryFileStatesItsExpectation)
{
  afdsim::test::expect_catalogue_states_its_expectations(kCatalogueDir, 30);
}

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, IsRefusedWithItsMessage)
{
  afdsim::test::expect_load_refuses(kCatalogueDir + "/" + GetParam(),
                                    [](const std::string& path) { load_scenario(path); });
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadScenario, ::testing::ValuesIn(catalogue_files(kCatalogueDir)),
                         afdsim::test::catalogue_test_name);

// The real binary: exit 2, "afdsim: error: <file>:..." on stderr, nothing on stdout.
TEST(ValidateCommand, BadFilesExitTwoWithTheMessageOnStderr)
{
  for (const std::string name : {"02-binary-garbage.yaml", "04-tab-indent.yaml", "14-int-overflow.yaml",
                                 "20-missing-platform-file.yaml", "23-unknown-key-suggestion.yaml",
                                 "25-duplicate-key.yaml", "46-deep-nesting.yaml"}) {
    const std::string path = kCatalogueDir + "/" + name;
    afdsim::test::expect_binary_refuses("validate '" + path + "'", path);
  }
}

TEST(ValidateCommand, BadSetExitsTwo)
{
  ProcessResult run = run_afdsim("validate '" + kTestDataDir + "/minimal.yaml' --set workload.steps=0");
  EXPECT_EQ(run.exit_code, kExitInput);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "afdsim: error: --set workload.steps=0: workload.steps: must be an integer in [1, 10000000], got 0\n");
  ProcessResult missing = run_afdsim("validate '" + kTestDataDir + "/no-such.yaml'");
  EXPECT_EQ(missing.exit_code, kExitInput);
  EXPECT_EQ(missing.err, "afdsim: error: " + kTestDataDir + "/no-such.yaml: cannot read scenario file: No such file or directory\n");
}

TEST(ValidateCommand, GoodScenarioPrintsTheResolvedScenario)
{
  const std::string path = kTestDataDir + "/full.yaml";
  ProcessResult run = run_afdsim("validate '" + path + "' --set deployment.microbatches=4");
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, to_yaml(load_scenario(path, {"deployment.microbatches=4"})));
  EXPECT_NE(run.out.find("\n  microbatches: 4\n"), std::string::npos) << run.out;
}
