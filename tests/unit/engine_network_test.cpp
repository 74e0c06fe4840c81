// Link sharing at the FFN's ingress, on one node (NVLink) and across nodes (RDMA NIC), and the
// bytes charged to each link.
#include "engine_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace afdsim::test {
namespace {

const SimulationResult::LinkUse* find_link(const SimulationResult& result, const std::string& name)
{
  for (const auto& link : result.links)
    if (link.name == name)
      return &link;
  return nullptr;
}

// Transfers of one (step, layer, microbatch) from the attention workers to the FFN.
std::vector<TransferRecord> inputs_of(const SimulationResult& result, int r, int step, int layer)
{
  std::vector<TransferRecord> inputs;
  for (const auto& t : result.log.transfers)
    if (t.dst_worker == r && t.step == step && t.layer == layer && t.microbatch == 0)
      inputs.push_back(t);
  return inputs;
}

constexpr int kSenders = 4;
constexpr int kBatch = 64;
constexpr int kLayers = 2;
const double kMessageBytes = kBatch * kBf16ActivationBytesPerToken;  // 655360 B

TEST(EngineNetwork, SendersShareTheFfnDownLink)
{
  const Scenario s = fixed_scenario(kSenders, 1, kLayers, 20, 20, kBatch);
  const SimulationResult result = simulate_in_child(s);

  // All r sends start together; max-min gives each bandwidth / r on the FFN's down link.
  const double expected_s = transfer_s(kSenders * kMessageBytes);
  for (int layer = 0; layer < kLayers; ++layer) {
    const auto inputs = inputs_of(result, kSenders, 1, layer);
    ASSERT_EQ(inputs.size(), static_cast<size_t>(kSenders));
    for (const auto& t : inputs) {
      EXPECT_EQ(t.start_s, inputs.front().start_s);
      EXPECT_NEAR(t.end_s - t.start_s, expected_s, 1e-9 * expected_s);
      EXPECT_EQ(t.bytes, kMessageBytes);
    }
  }
  // The replies share the FFN's up link the same way: m = 1 stays sequential.
  const double step_s = kLayers * (20e-6 + expected_s + 20e-6 + expected_s);
  for (const auto& step : result.log.steps)
    EXPECT_NEAR(step_duration_s(step), step_s, 1e-9 * step_s);

  // Links: window = steps 1 and 2 (warm-up 1); each FFN-bound message crosses its sender's up
  // link and the FFN's down link.
  const double window_messages = 2.0 * kLayers;
  const auto* ffn_down = find_link(result, "node0-gpu4-nvl_down");
  const auto* attn0_up = find_link(result, "node0-gpu0-nvl_up");
  ASSERT_NE(ffn_down, nullptr);
  ASSERT_NE(attn0_up, nullptr);
  EXPECT_EQ(ffn_down->bytes, window_messages * kSenders * kMessageBytes);
  EXPECT_EQ(ffn_down->bandwidth_bytes_per_s, kNvlinkBytesPerS);
  EXPECT_EQ(attn0_up->bytes, window_messages * kMessageBytes);
  EXPECT_EQ(result.links.size(), 2u * (kSenders + 1));  // up and down of 5 GPUs
  EXPECT_EQ(find_link(result, "node0-gpu5-nvl_down"), nullptr);
}

TEST(EngineNetwork, FfnOnTheOtherNodeIsBoundByItsNic)
{
  Scenario s = fixed_scenario(kSenders, 1, kLayers, 20, 20, kBatch);
  s.platform.resolved_file = kTwoNodePlatform;
  s.deployment.ffn_hosts = {"n1-gpu0"};
  const SimulationResult result = simulate_in_child(s);

  ASSERT_EQ(result.log.workers.back().host, "n1-gpu0");
  EXPECT_EQ(result.log.workers.front().host, "n0-gpu0");
  // pcie 64 GB/s and NIC 50 GB/s in series: the 50 GB/s NIC down link is shared by the r flows.
  const double expected_s = transfer_s(kSenders * kMessageBytes, kRdmaRouteLatencyS, kNicBytesPerS);
  const double nvlink_s = transfer_s(kSenders * kMessageBytes);
  for (const auto& t : inputs_of(result, kSenders, 1, 1))
    EXPECT_NEAR(t.end_s - t.start_s, expected_s, 1e-9 * expected_s);
  EXPECT_GT(expected_s, 8 * nvlink_s);  // 450 / 50 GB/s, nearly

  const auto* nic_down = find_link(result, "n1-gpu0-nic_down");
  ASSERT_NE(nic_down, nullptr);
  EXPECT_EQ(nic_down->bandwidth_bytes_per_s, kNicBytesPerS);
  EXPECT_EQ(nic_down->bytes, 2.0 * kLayers * kSenders * kMessageBytes);
  EXPECT_EQ(find_link(result, "n1-gpu0-nvl_down"), nullptr);  // nothing stays on NVLink
}

TEST(EngineNetwork, DefaultSettingsAreRecordedAndTheUserWins)
{
  Scenario s = fixed_scenario(1, 1, 2, 10, 10, 8);
  s.platform.simgrid_cfg = {"network/model:LV08"};
  const SimulationResult lv08 = simulate_in_child(s);
  EXPECT_EQ(lv08.simgrid_config.at("network/model"), "LV08");
  EXPECT_EQ(lv08.simgrid_config.at("network/crosstraffic"), "0");
  EXPECT_EQ(lv08.simgrid_config.at("network/TCP-gamma"), "0");
  // LV08: latency x 13.01, bandwidth x 0.97.
  const double bytes = 8 * kBf16ActivationBytesPerToken;
  const double lv08_s = 13.01 * kNvlinkRouteLatencyS + bytes / (0.97 * kNvlinkBytesPerS);
  EXPECT_NEAR(lv08.log.transfers.front().end_s - lv08.log.transfers.front().start_s, lv08_s, 1e-9 * lv08_s);

  const SimulationResult cm02 = simulate_in_child(s, {}, {"--cfg=network/model:CM02"});
  EXPECT_EQ(cm02.simgrid_config.at("network/model"), "CM02");
  const double cm02_s = transfer_s(bytes);
  EXPECT_NEAR(cm02.log.transfers.front().end_s - cm02.log.transfers.front().start_s, cm02_s, 1e-9 * cm02_s);
}

TEST(EngineNetwork, BadSimgridSettingsAreInputErrors)
{
  const Scenario s = fixed_scenario(1, 1, 1, 10, 10, 1);
  const auto message = [&](const std::vector<std::string>& args) {
    try {
      simulate_in_child(s, {}, args);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no InputError");
  };
  EXPECT_EQ(message({"--cfg=bad/key:1"}), "command line: --cfg: 'bad/key:1': Bad config key: bad/key");
  EXPECT_EQ(message({"--cfg=network/crosstraffic:maybe"}),
            "command line: --cfg: 'network/crosstraffic:maybe': not a boolean");
  EXPECT_NE(message({"--cfg=network/model:FOO"}).find("unknown network model"), std::string::npos);
  EXPECT_NE(message({"--cfg=network/model"}).find("is not of the form key:value"), std::string::npos);
  EXPECT_NE(message({"--verbose"}).find("only --cfg=key:value and --log=..."), std::string::npos);
  EXPECT_EQ(message({"--log=ker_engine.thres:loud"}),
            "command line: --log: Unknown priority name: loud (must be one of: trace,debug,verbose,info,warning,error,"
            "critical)");
}

} // namespace
} // namespace afdsim::test
