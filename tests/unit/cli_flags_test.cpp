// Command lines that are not afdsim's: each exits 2 with CLI11's message (or afdsim's) on stderr
// and nothing on stdout.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>

namespace afdsim::test {
namespace {

const std::string kOracle = AFDSIM_SOURCE_DIR "/scenarios/fixed-cost-oracle.yaml";

TEST(CliFlags, MalformedCommandLinesExitTwoWithTheirMessage)
{
  struct Case {
    std::string args;
    std::string first_line;  // of stderr
  };
  const Case cases[] = {
      {"", "A subcommand is required"},
      {"run", "scenario is required"},
      {"run " + kOracle + " --bogus", "The following argument was not expected: --bogus"},
      {"run " + kOracle + " --out", "--out: 1 required TEXT missing"},
      {"validate " + kOracle + " --cfg=network/model:LV08", "afdsim: --cfg= and --log= are only accepted by `afdsim run`"},
      {"estimate --hardware h20 --model qwen3-32b --part full --batch abc", "Could not convert: --batch = abc"},
      {"compare " + kOracle + " --tpot-ms x", "Could not convert: --tpot-ms = x"},
  };
  for (const auto& c : cases) {
    const ProcessResult r = run_afdsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')), c.first_line) << c.args;
    EXPECT_EQ(r.out, "") << c.args;
  }
}

} // namespace
} // namespace afdsim::test
