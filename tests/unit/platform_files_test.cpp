// The multi-node platforms are generated: scripts/make_rdma_platform.py must reproduce the
// hand-checked two-node file byte for byte, and the committed four-node file must be its output.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>

#include <string>

using afdsim::test::read_text_file;

namespace {

const std::string kRoot = AFDSIM_SOURCE_DIR;

std::string generated(int nodes, const std::string& more = "")
{
  const auto r = afdsim::test::run_command("python3 '" + kRoot + "/scripts/make_rdma_platform.py' --nodes " +
                                           std::to_string(nodes) + more + " --out -");
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

// The link study's slower NICs: the two-node file with only the NIC links (and the comment) changed.
TEST(PlatformFiles, SlowerNicFilesAreTheGeneratorsOutput)
{
  const std::string two_nodes = read_text_file(kRoot + "/platforms/h20-3e-2x8-rdma.xml");
  for (const std::string gbps : {"200", "100", "50", "25"}) {
    const std::string text = read_text_file(kRoot + "/platforms/h20-3e-2x8-rdma-" + gbps + "g.xml");
    EXPECT_EQ(generated(2, " --nic-gbps " + gbps), text) << gbps;
    EXPECT_NE(text.find("<link id=\"n1-gpu7-nic_down\" bandwidth=\"" + gbps + "Gbps\" latency=\"1us\"/>"),
              std::string::npos)
        << gbps;
    EXPECT_EQ(text.substr(text.find("<host id=")), [&] {
      std::string expected = two_nodes.substr(two_nodes.find("<host id="));
      for (size_t at = expected.find("400Gbps"); at != std::string::npos; at = expected.find("400Gbps", at))
        expected.replace(at, 3, gbps);
      return expected;
    }()) << gbps;
  }
}
