// The multi-node platforms are generated: scripts/make_rdma_platform.py must reproduce the
// hand-checked two-node file byte for byte, and the committed four-node file must be its output.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>

#include <string>

using afdsim::test::read_text_file;

namespace {

const std::string kRoot = AFDSIM_SOURCE_DIR;

std::string generated(int nodes)
{
  const auto r = afdsim::test::run_command("python3 '" + kRoot + "/scripts/make_rdma_platform.py' --nodes " +
                                           std::to_string(nodes) + " --out -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

} // namespace

TEST(PlatformFiles, GeneratorReproducesTheTwoNodeFile)
{
  const std::string expected = read_text_file(kRoot + "/platforms/h20-3e-2x8-rdma.xml");
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(generated(2), expected);
}

TEST(PlatformFiles, FourNodeFileIsTheGeneratorsOutput)
{
  const std::string text = read_text_file(kRoot + "/platforms/h20-3e-4x8-rdma.xml");
  EXPECT_EQ(generated(4), text);
  size_t hosts = 0;
  for (size_t at = text.find("<host id="); at != std::string::npos; at = text.find("<host id=", at + 1))
    ++hosts;
  EXPECT_EQ(hosts, 32u);
}
