// Empirical length tables, arrival/routing and padding keys: what the loader accepts, how the
// resolved scenario reloads, and the table's samples and moments.
#include "scenario_text.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/workload/length_sampler.hpp"
#include "sim/workload/length_table.hpp"
#include "sim/workload/slot_theta.hpp"

#include <gtest/gtest.h>

#include <map>

namespace afdsim::test {
namespace {

Scenario with(const std::string& sections) { return load_test_scenario(kMinimalScenario + sections); }

void expect_reloads(const Scenario& original)
{
  const std::string yaml = to_yaml(original);
  const Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", "/no/such/folder");
  EXPECT_EQ(to_yaml(reloaded), yaml);
  EXPECT_EQ(to_json(reloaded), to_json(original));
}

TEST(EmpiricalLengths, TableLoadsWithItsWeightedMeanAndReloads)
{
  // lengths/weights.csv: 100 with weight 3, 400 with weight 1: mean 175.
  const Scenario s = with("workload:\n  output_tokens: {dist: empirical, file: lengths/weights.csv}\n");
  EXPECT_EQ(s.workload.output_length.kind, LengthKind::empirical);
  EXPECT_EQ(s.workload.output_length.values, (std::vector<int>{100, 400}));
  EXPECT_EQ(s.workload.output_tokens, 175);
  expect_reloads(s);
}

TEST(EmpiricalLengths, SamplesFollowTheWeightsAndMomentsAreExact)
{
  const LengthDistribution d = parse_length_table_csv("tokens,weight\n100,3\n400,1\n", "t.csv", "k");
  std::mt19937_64 rng(3);
  std::map<int, int> counts;
  const int n = 40000;
  for (int i = 0; i < n; ++i)
    ++counts[sample_length(d, rng)];
  EXPECT_EQ(counts.size(), 2u);
  EXPECT_NEAR(counts[100] / double(n), 0.75, 5 * std::sqrt(0.75 * 0.25 / n));
  const LengthMoments m = length_moments(d);
  EXPECT_DOUBLE_EQ(m.mean, 175);
  EXPECT_DOUBLE_EQ(m.second, (3 * 1e4 + 16e4) / 4);
  EXPECT_DOUBLE_EQ(m.third, (3 * 1e6 + 64e6) / 4);
  const LengthDistribution plain = parse_length_table_csv("tokens\n10\r\n20\n30\n\n", "t.csv", "k");
  EXPECT_DOUBLE_EQ(plain.mean, 20);
}

TEST(EmpiricalLengths, MalformedTablesNameFileLineColumnAndReason)
{
  auto error = [](const std::string& text) {
    try {
      parse_length_table_csv(text, "t.csv", "workload.output_tokens.file");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  EXPECT_EQ(error(""), "t.csv:1:1: workload.output_tokens.file: empty file; expected the header tokens or tokens,weight");
  EXPECT_EQ(error("length\n5\n"),
            "t.csv:1:1: workload.output_tokens.file: the header must be tokens or tokens,weight, got 'length'");
  EXPECT_EQ(error("tokens\n"), "t.csv:2:1: workload.output_tokens.file: no lengths after the header");
  EXPECT_EQ(error("tokens\n12\n0\n"),
            "t.csv:3:1: workload.output_tokens.file: tokens must be an integer in [1, 10000000], got '0'");
  EXPECT_EQ(error("tokens,weight\n12,1\n5,x\n"),
            "t.csv:3:3: workload.output_tokens.file: weight must be a finite number > 0, got 'x'");
  EXPECT_EQ(error("tokens,weight\n12\n"),
            "t.csv:2:3: workload.output_tokens.file: expected 2 values (as the header), got 1");
  EXPECT_EQ(error("tokens\n12,4\n"),
            "t.csv:2:4: workload.output_tokens.file: expected 1 values (as the header), got 2");
  const std::string in_scenario =
      load_test_error(kMinimalScenario + "workload:\n  output_tokens: {dist: empirical, file: lengths/bad-weight.csv}\n");
  EXPECT_NE(in_scenario.find("lengths/bad-weight.csv:3:5: workload.output_tokens.file: weight must be a finite number > 0"),
            std::string::npos)
      << in_scenario;
}

TEST(ServingOptions, OpenLoopKeysLoadAndReload)
{
  const Scenario poisson = with("workload:\n  arrival: poisson\n  arrival_rate_per_s: 12.5\n  routing: least_kv\n");
  EXPECT_EQ(poisson.workload.arrival, ArrivalProcess::poisson);
  EXPECT_EQ(poisson.workload.arrival_rate_per_s, 12.5);
  EXPECT_EQ(poisson.workload.routing, RoutingPolicy::least_kv);
  expect_reloads(poisson);
  const Scenario trace = with("workload:\n  trace: traces/timed.csv\n  arrival: trace\n");
  EXPECT_EQ(trace.workload.arrival, ArrivalProcess::trace);
  EXPECT_EQ(trace.workload.routing, RoutingPolicy::round_robin);
  expect_reloads(trace);
  EXPECT_EQ(with("").workload.arrival, ArrivalProcess::closed);
}

TEST(ServingOptions, PaddingKeysLoadWithVllmGraphSizesByDefault)
{
  const Scenario graphs = with("deployment:\n  padding: cuda_graph\n");
  ASSERT_EQ(graphs.deployment.cuda_graph_sizes.size(), 3u + 64u);
  EXPECT_EQ(graphs.deployment.cuda_graph_sizes[3], 8);
  EXPECT_EQ(graphs.deployment.cuda_graph_sizes.back(), 512);
  expect_reloads(graphs);
  const Scenario listed = with("deployment:\n  padding: cuda_graph\n  cuda_graph_sizes: [16, 48]\n");
  EXPECT_EQ(listed.deployment.cuda_graph_sizes, (std::vector<int>{16, 48}));
  const Scenario widest = with("deployment:\n  padding: max_across_workers\n");
  EXPECT_EQ(widest.deployment.padding, PaddingPolicy::max_across_workers);
  expect_reloads(widest);
  EXPECT_NE(load_test_error(kMinimalScenario + "deployment:\n  padding: cuda_graph\n  cuda_graph_sizes: [2.5]\n")
                .find("deployment.cuda_graph_sizes: sizes are token counts (integers), got 2.5"),
            std::string::npos);
}

} // namespace
} // namespace afdsim::test
